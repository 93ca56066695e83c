/** Parsing and quoting of response bodies, shared by success and error paths. */
import { singleLine } from './single-line.js';

export type JsonParseResult = { ok: true; value: unknown } | { ok: false };

/**
 * Plain JSON.parse, then `__proto__` keys are dropped so no vendor body can reach an object's
 * prototype when it is later copied or merged. The drop only runs when the text could hold such
 * a key: spelled out, or hidden behind a `\\u` escape. (A reviver would do it for every value,
 * several times slower, and recurses, so very deep but valid JSON would fail.)
 */
export function parseJson(text: string): JsonParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  if (text.includes('__proto__') || text.includes('\\u')) dropProtoKeys(value);
  return { ok: true, value };
}

/** Iterative, so nesting depth is bounded by memory rather than by the call stack. */
function dropProtoKeys(root: unknown): void {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const child of node) if (typeof child === 'object' && child !== null) pending.push(child);
      continue;
    }
    if (Object.hasOwn(node, '__proto__')) delete (node as Record<string, unknown>)['__proto__'];
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) pending.push(child);
  }
}

const EXCERPT_LENGTH = 120;
/**
 * Only the start of a body can reach the excerpt, so only that much is redacted (a body may be
 * 16 MiB). Far longer than any encoded credential, so one starting in the excerpt lies whole in it.
 */
const EXCERPT_WINDOW = 64 * 1024;

function withoutLastWord(text: string): string {
  let end = text.length;
  while (end > 0 && !/\s/.test(text[end - 1]!)) end -= 1;
  return text.slice(0, end);
}

/**
 * A short, single-line, printable excerpt of a body for an error message. The text is redacted
 * (its escaped and encoded forms included) before it is cleaned and cut.
 */
export function bodyExcerpt(text: string, redact: (text: string) => string): string {
  if (text.length <= EXCERPT_WINDOW) return singleLine(redact(text), EXCERPT_LENGTH);
  let redacted = redact(text.slice(0, EXCERPT_WINDOW));
  // The window may end inside a credential, which the redactor cannot recognize in part. That
  // end only shows when everything before it fits in the excerpt: then its last word goes.
  if (singleLine(redacted, Number.POSITIVE_INFINITY).length <= EXCERPT_LENGTH) redacted = withoutLastWord(redacted);
  const excerpt = singleLine(redacted, EXCERPT_LENGTH);
  return excerpt.endsWith('…') ? excerpt : `${excerpt}…`;
}
