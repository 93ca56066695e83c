const REPLACEMENT = '[REDACTED]';
/** Shorter strings would redact ordinary words; no real key or token is this short. */
const MIN_SECRET_LENGTH = 6;
/** Rotating tokens add up; keep the newest ones only. */
const MAX_SECRETS = 32;

/**
 * Removes known credentials from any text the library is about to put in an error. A server
 * that echoes the key back (raw, URL-encoded, base64) must not get it into a log through us.
 */
export class Redactor {
  #variants: string[] = [];
  #secrets: string[] = [];

  add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.#secrets.includes(secret)) return;
    this.#secrets.push(secret);
    if (this.#secrets.length > MAX_SECRETS) this.#secrets.shift();
    this.#variants = this.#secrets
      .flatMap((s) => [
        s,
        encodeURIComponent(s),
        // As it appears inside a JSON string (a truncated body is quoted unparsed).
        JSON.stringify(s).slice(1, -1),
        JSON.stringify(s).slice(1, -1).replaceAll('/', '\\/'),
        Buffer.from(s).toString('base64'),
        Buffer.from(s).toString('base64url'),
      ])
      .filter((v, i, all) => all.indexOf(v) === i)
      // Longest first, so an encoded form is not left half-replaced by a shorter one.
      .sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const variant of this.#variants) out = out.split(variant).join(REPLACEMENT);
    return out;
  }

  /**
   * The same value with every string in it redacted (keys included). Vendor bodies are kept in
   * `raw` for callers, so a server that echoes the key must not plant it there either. The walk
   * only happens when the body's text showed a secret, so clean bodies cost one scan.
   */
  redactValue(value: unknown, text: string): unknown {
    if (this.#variants.length === 0 || this.redact(text) === text) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.redact(v);
      if (Array.isArray(v)) return v.map(walk);
      if (typeof v === 'object' && v !== null) {
        return Object.fromEntries(Object.entries(v).map(([k, inner]) => [this.redact(k), walk(inner)]));
      }
      return v;
    };
    return walk(value);
  }

  /** A debugger or util.inspect must not show the secrets either. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Redactor { secrets: ${this.#secrets.length} }`;
  }
}
