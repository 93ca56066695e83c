/** A vendor timestamp as a Date; absent, empty or unparseable ones are undefined, never Invalid Date. */
export function toDate(value: string | null | undefined): Date | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
