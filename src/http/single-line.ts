/**
 * Vendor text quoted in our messages: one printable line, bounded, so a hostile or broken body
 * can neither flood a log nor forge extra log lines. Empty after cleaning stays empty.
 */
export function singleLine(text: string, maxLength: number): string {
  const cleaned = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength)}…` : cleaned;
}
