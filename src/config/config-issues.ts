import type { StandardSchemaV1 } from './standard-schema.js';
import { quoteOption } from './unknown-options.js';

/**
 * Standard Schema issues as one line of a CONFIG error. Validators differ in what their messages
 * quote: zod 4's say "expected string, received number", but zod 3's enum messages, valibot's
 * "but received …" and arktype's "(was …)" echo the value, and a value may be a credential. So
 * every message is scrubbed of the values it could have seen: the value at the issue's path
 * (each primitive inside it, at any length), and any string in the whole config long enough to
 * be a secret. A raw issue is never kept: valibot's carry the whole input in their path.
 */

const MAX_ISSUES = 5;
const MAX_MESSAGE_LENGTH = 200;
/** A string this long anywhere in the config is scrubbed from every message, wherever it appears. */
const SECRET_LENGTH = 6;
const MAX_LEAVES = 500;
const REDACTED = '[value]';
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;

function keyOf(segment: PropertyKey | StandardSchemaV1.PathSegment): PropertyKey {
  return typeof segment === 'object' && segment !== null ? segment.key : segment;
}

/** Each path segment is an option or entry name, never a value; odd ones are quoted and bounded. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'config';
  return path.map((key) => {
    if (typeof key === 'number') return String(key);
    if (typeof key === 'symbol') return '[symbol]';
    return /^[A-Za-z0-9_$-]{1,64}$/.test(key) ? key : quoteOption(key);
  }).join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
    try {
      value = (value as Record<PropertyKey, unknown>)[key];
    } catch {
      return undefined;
    }
  }
  return value;
}

/** The primitives inside a value (itself included), bounded in depth and count. */
function primitivesOf(value: unknown, into: Set<string>, depth = 0, seen = new Set<object>()): Set<string> {
  if (into.size >= MAX_LEAVES) return into;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    into.add(String(value));
    if (typeof value === 'string') into.add(JSON.stringify(value).slice(1, -1)); // as an escaping validator quotes it
  } else if (typeof value === 'object' && value !== null && depth < 6 && !seen.has(value)) {
    seen.add(value);
    let entries: unknown[] = [];
    try {
      entries = Array.isArray(value) ? value.slice(0, MAX_LEAVES) : Object.values(value).slice(0, MAX_LEAVES);
    } catch {
      // a hostile getter: nothing to collect
    }
    for (const entry of entries) primitivesOf(entry, into, depth + 1, seen);
  }
  return into;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function scrub(message: string, exact: ReadonlySet<string>, anywhere: ReadonlySet<string>): string {
  let scrubbed = message;
  // Longest first, so a value containing another is removed whole.
  const byLength = (a: string, b: string) => b.length - a.length;
  for (const secret of [...anywhere].sort(byLength)) scrubbed = scrubbed.split(secret).join(REDACTED);
  for (const value of [...exact].filter((v) => v !== '').sort(byLength)) {
    // Only as a whole token: the value 5 is scrubbed from "(was 5)", not from "at least 15".
    scrubbed = scrubbed.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(value)}(?![\\p{L}\\p{N}_])`, 'gu'), REDACTED);
  }
  scrubbed = scrubbed.replace(UNSAFE, ' ').trim();
  return scrubbed.length > MAX_MESSAGE_LENGTH ? `${scrubbed.slice(0, MAX_MESSAGE_LENGTH)}…` : scrubbed;
}

/**
 * "path: message; path: message" for the first issues, with every value the validator could
 * have echoed removed from the messages (see above).
 */
export function formatIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>, input: unknown): string {
  const anywhere = new Set([...primitivesOf(input, new Set())].filter((value) => value.length >= SECRET_LENGTH));
  const described = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = Array.isArray(issue.path) ? issue.path.map(keyOf) : [];
    const message = typeof issue.message === 'string' && issue.message.trim() !== '' ? issue.message : 'is invalid';
    return `${formatPath(path)}: ${scrub(message, primitivesOf(valueAt(input, path), new Set()), anywhere)}`;
  });
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
  return `${described.join('; ')}${more}`;
}
