/** Request-body helpers shared by both vendors: parsing never throws, the caller picks the vendor's error. */

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

/** An empty body parses to `undefined`, so "missing" and "malformed" stay distinguishable. */
export function parseJsonBody(body: Buffer): JsonResult {
  if (body.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : 'invalid JSON' };
  }
}

export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || (type?.endsWith('+json') ?? false);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** `null` (absent) gives the default; anything but a plain decimal integer gives `undefined`. */
export function parseIntParam(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}
