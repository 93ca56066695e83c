/**
 * Shortens text to at most `maxLength` characters plus "…", never ending inside a word: a token
 * the redactor did not know (or half of a "[REDACTED]") is dropped whole rather than shown up to
 * the cut, so shortening can never turn a credential into a prefix of one. The text must already
 * be redacted.
 */
export function cutAtWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  // The character after the cut says whether the last word was cut through.
  const whole = /\s/.test(text[maxLength]!) ? cut : cut.replace(/\S+$/, '');
  return `${whole.trimEnd()}…`;
}

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
  return cutAtWord(cleaned, maxLength);
}
