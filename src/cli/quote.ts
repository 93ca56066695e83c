/**
 * User-supplied values (paths, ids, collection names, option values) end up in our messages. Printed
 * raw, a newline or CR in one forges extra output lines and an ESC or CSI drives the terminal, so
 * every value is escaped first, the way vendor text already is (src/http/single-line.ts).
 */

// C0, DEL and C1 controls (CSI is U+009B), format characters (bidi overrides, zero-width), line and
// paragraph separators, and lone surrogates (which some terminals and log pipelines mangle).
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** `char` is one code point: a format character outside the BMP is two UTF-16 units. */
function escapeOne(char: string): string {
  const short = SHORT_ESCAPES[char];
  if (short !== undefined) return short;
  let escaped = '';
  for (let i = 0; i < char.length; i += 1) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return escaped;
}

/** Escapes what could break a line or reach the terminal; the rest of the text is left as it is. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Longest value shown in full; a longer one is cut, so one pasted blob cannot flood a message. */
export const MAX_QUOTED_LENGTH = 200;

/**
 * A value as a JSON string literal, with the escapes JSON allows for what JSON.stringify leaves
 * raw: `JSON.parse(quote(v)) === v` for any value up to MAX_QUOTED_LENGTH, and the result is
 * always one printable line.
 */
export function quote(value: string): string {
  const cut = value.length > MAX_QUOTED_LENGTH;
  const shown = cut ? value.slice(0, MAX_QUOTED_LENGTH) : value;
  return `"${escapeControls(shown.replace(/["\\]/g, '\\$&'))}"${cut ? '…' : ''}`;
}

/**
 * One JSON line for stderr. JSON.stringify already escapes C0 controls and lone surrogates; the
 * rest of UNSAFE is legal raw inside JSON strings, but U+2028/2029 split lines in some readers.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, escapeOne);
}
