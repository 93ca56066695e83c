import { inspect } from 'node:util';
import fc from 'fast-check';

/**
 * Leak checks by fragment: a credential cut short is still a leak, so the question is whether
 * any piece of it of FRAGMENT_LENGTH characters (hence also any longer piece) shows up.
 */
export const FRAGMENT_LENGTH = 6;

export function fragmentsOf(secret: string, length = FRAGMENT_LENGTH): string[] {
  const out = new Set<string>();
  for (let at = 0; at + length <= secret.length; at += 1) out.add(secret.slice(at, at + length));
  return [...out];
}

/** The first fragment of `secret` found in any of `texts`, with where, or undefined. */
export function findFragment(texts: readonly string[], secret: string): string | undefined {
  const fragments = fragmentsOf(secret);
  for (const [index, text] of texts.entries()) {
    const hit = fragments.find((fragment) => text.includes(fragment));
    if (hit !== undefined) return `text #${index} contains ${JSON.stringify(hit)}: ${JSON.stringify(text.slice(0, 400))}`;
  }
  return undefined;
}

/** Every rendering of an error a log or a terminal could show. */
export function errorRenderings(error: unknown): string[] {
  const e = error as Error;
  return [
    String(e.message),
    String(e.stack),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error) ?? '',
    inspect(e.cause, { depth: 10, showHidden: true }),
  ];
}

/** Every string in a value, keys included. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
  }
  return [];
}

/** Prose of exactly `length` characters, different per `tag`; every 6 characters hold a space. */
export function prose(length: number, tag = ''): string {
  const words = `${tag}the shop said that this key is not valid for the call you made so try again later `;
  return words.repeat(Math.ceil((length + 1) / words.length)).slice(0, length);
}

// ---------------------------------------------------------------------------------------------
// Independent decoders (written for the tests, not shared with the library), used to check an
// output in the encodings a reader could undo.

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function jsonUnescape(text: string): string {
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return text.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (_m, g: string) => (g.length === 5 ? String.fromCharCode(parseInt(g.slice(1), 16)) : simple[g] ?? g));
}

export function percentDecode(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function htmlUnescape(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, g: string) => {
    if (g.startsWith('#x') || g.startsWith('#X')) return String.fromCharCode(parseInt(g.slice(2), 16));
    if (g.startsWith('#')) return String.fromCharCode(parseInt(g.slice(1), 10));
    return HTML_ENTITIES[g] ?? m;
  });
}

/** A text and everything it decodes to, one or two layers deep. */
export function decodedReadings(text: string): string[] {
  const decoders = [jsonUnescape, percentDecode, htmlUnescape];
  const once = decoders.map((decode) => decode(text));
  return [text, ...once, ...once.flatMap((t) => decoders.map((decode) => decode(t)))];
}

// ---------------------------------------------------------------------------------------------
// Encoders with a random choice per character, as real encoders may make it (Go's JSON encoder
// escapes <, > and &; others escape any character). A scheme's own escape character is always
// escaped, as a valid encoding requires.

/** Visible ASCII: what a Wickson key or a JWT may hold. */
export const VISIBLE_ASCII = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));

const hex = (code: number, width: number, upper: boolean) => {
  const digits = code.toString(16).padStart(width, '0');
  return upper ? digits.toUpperCase() : digits;
};

export type Scheme = 'json' | 'url' | 'html' | 'url-in-json';

/** Encodes each character by `choices[i]` (any integer; taken modulo the options for that char). */
export function encode(secret: string, scheme: Scheme, choices: readonly number[]): string {
  if (scheme === 'url-in-json') {
    const url = encode(secret, 'url', choices);
    return encode(url, 'json', [...url].map((_, i) => choices[(i * 7 + 3) % Math.max(1, choices.length)] ?? 0));
  }
  return [...secret].map((ch, i) => {
    const code = ch.charCodeAt(0);
    const pick = choices[i % Math.max(1, choices.length)] ?? 0;
    const options: string[] = [];
    if (scheme === 'json') {
      if (ch !== '"' && ch !== '\\') options.push(ch);
      options.push(`\\u${hex(code, 4, false)}`, `\\u${hex(code, 4, true)}`);
      if (ch === '"' || ch === '\\' || ch === '/') options.push(`\\${ch}`);
    } else if (scheme === 'url') {
      if (ch !== '%') options.push(ch);
      options.push(`%${hex(code, 2, true)}`, `%${hex(code, 2, false)}`);
    } else {
      if (ch !== '&') options.push(ch);
      options.push(`&#${code};`, `&#x${hex(code, 2, pick % 2 === 0)};`);
      const named = Object.entries(HTML_ENTITIES).find(([, value]) => value === ch);
      if (named) options.push(`&${named[0]};`);
    }
    return options[pick % options.length]!;
  }).join('');
}

/** A random key of visible ASCII, long enough to be registered. */
export const arbitraryKey = fc.string({ unit: fc.constantFrom(...VISIBLE_ASCII), minLength: 8, maxLength: 48 });
export const arbitraryChoices = fc.array(fc.nat({ max: 11 }), { minLength: 1, maxLength: 48 });
export const arbitraryScheme = fc.constantFrom<Scheme>('json', 'url', 'html', 'url-in-json');

/**
 * A random key whose every 6 consecutive characters include a "~" or "^": end to end, texts
 * hold stack frames and inspect output, and a plain random key could share a word with them.
 */
export const arbitraryMarkedKey = fc.string({ unit: fc.constantFrom(...VISIBLE_ASCII), minLength: 8, maxLength: 40 })
  .map((raw) => [...raw].map((ch, i) => (i % 4 === 3 ? `${ch}${i % 8 === 3 ? '~' : '^'}` : ch)).join(''));
