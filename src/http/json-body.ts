/** Parsing and quoting of response bodies, shared by success and error paths. */
import { singleLine } from './single-line.js';

export type JsonParseResult = { ok: true; value: unknown } | { ok: false };

/** `__proto__` keys are dropped so no vendor body can reach an object's prototype. */
export function parseJson(text: string): JsonParseResult {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value)) };
  } catch {
    return { ok: false };
  }
}

const EXCERPT_LENGTH = 120;

/** A short, single-line, printable excerpt of a body for an error message. */
export function bodyExcerpt(text: string, redact: (text: string) => string): string {
  return singleLine(redact(text), EXCERPT_LENGTH);
}
