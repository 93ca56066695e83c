const REPLACEMENT = '[REDACTED]';
/** Shorter strings would redact ordinary words; no real key or token is this short. */
const MIN_SECRET_LENGTH = 6;
/**
 * A replaced token stays valid for weeks (Verifik: 30 days), so a rotated one must stay
 * redacted. The cap only bounds memory for a token function that mints a token per call for
 * months; hourly rotation reaches it after more than a year.
 */
const MAX_SECRETS = 10_000;
/** Every form is at least this long, so one fixed-length prefix indexes them all. */
const ANCHOR_LENGTH = MIN_SECRET_LENGTH;
/** Decoding layers tried on top of the text: covers e.g. a percent-encoded key in a JSON string. */
const MAX_DECODE_DEPTH = 2;
/** 2^22 bits (512 KiB): about 50 buckets per anchor at the secrets bound. */
const MAX_BUCKET_BITS = 22;
/**
 * Up to this many forms (a few credentials), one regular expression of the forms themselves
 * scans fastest; past it (rotating tokens) a rolling hash keeps the scan independent of the count.
 */
const MAX_REGEX_FORMS = 48;

/**
 * Any JWT/JWS/JWE, known or not: a base64url JSON header (`eyJ`), then 2 to 4 more segments. A
 * second line of defence for tokens the client never saw (another client's, a renewed one).
 */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{8,}=*\.[A-Za-z0-9_-]+=*(?:\.[A-Za-z0-9_-]*=*){1,3}/y;
/** Characters that start an escape in one of the schemes below; without them only raw text counts. */
const ESCAPE_START = /[\\%&]/;

/**
 * Long texts are searched in overlapping pieces, so the decoded views of a hostile 16 MiB body
 * stay a few MiB each; any encoded credential shorter than the overlap lies whole in one piece.
 */
const PIECE_LENGTH = 1 << 20;
const PIECE_OVERLAP = 1 << 16;

/**
 * A view of a text with layers of escapes decoded. View character i came from the original
 * text's range `origin[i]`..`origin[i + 1]` (one entry more than characters), so a match in the
 * view redacts the encoded original. `origin` is undefined for the original text itself.
 */
interface View {
  text: string;
  origin: Int32Array | undefined;
}

interface Scheme {
  pattern: RegExp;
  /** The one character an escape stands for, or undefined to leave it as it is. */
  decode: (match: RegExpExecArray) => string | undefined;
}

function unit(code: number): string | undefined {
  // A credential is ASCII; anything outside one UTF-16 unit only has to keep the mapping simple.
  return Number.isFinite(code) && code <= 0xffff ? String.fromCharCode(code) : undefined;
}

const BACKSLASH_LETTERS: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

// Every visible ASCII character has an HTML5 name; a server's HTML error page may use any of them.
const HTML_NAMES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', QUOT: '"', apos: "'", AMP: '&', LT: '<', GT: '>', excl: '!', num: '#',
  dollar: '$', percnt: '%', lpar: '(', rpar: ')', ast: '*', midast: '*', plus: '+', comma: ',', period: '.',
  sol: '/', colon: ':', semi: ';', equals: '=', quest: '?', commat: '@', lsqb: '[', lbrack: '[', bsol: '\\',
  rsqb: ']', rbrack: ']', Hat: '^', lowbar: '_', UnderBar: '_', grave: '`', DiacriticalGrave: '`', lcub: '{',
  lbrace: '{', verbar: '|', vert: '|', VerticalLine: '|', rcub: '}', rbrace: '}', tilde: '~', hyphen: '-', dash: '-',
};

/**
 * One scheme per view rather than one mixed decoder: inside a valid encoding the scheme's own
 * escape character is always escaped, so decoding it left to right stays aligned with the
 * encoder, and any per-character mix of literal and escaped characters decodes to the key.
 */
const SCHEMES: readonly Scheme[] = [
  {
    // JSON (`\u0026`, `\/`, `\"`), JS and Python (`\x26`, `\'`), and backslash-escaped punctuation.
    pattern: /\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([\x21-\x7e]))/g,
    decode: (m) => {
      if (m[1] !== undefined) return unit(parseInt(m[1], 16));
      if (m[2] !== undefined) return unit(parseInt(m[2], 16));
      const ch = m[3]!;
      return BACKSLASH_LETTERS[ch] ?? ch;
    },
  },
  {
    // URL and form encoding of any character (`+` for a space is a form of its own, see formsOf).
    pattern: /%(?:u([0-9a-fA-F]{4})|([0-9a-fA-F]{2}))/g,
    decode: (m) => unit(parseInt(m[1] ?? m[2]!, 16)),
  },
  {
    pattern: /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z]{2,16}));/g,
    decode: (m) => {
      if (m[1] !== undefined) return unit(parseInt(m[1], 16));
      if (m[2] !== undefined) return unit(parseInt(m[2], 10));
      return Object.hasOwn(HTML_NAMES, m[3]!) ? HTML_NAMES[m[3]!] : undefined;
    },
  },
];

function decodeView(view: View, scheme: Scheme): View | undefined {
  const { pattern } = scheme;
  const source = view.text;
  pattern.lastIndex = 0;
  let match = pattern.exec(source);
  if (match === null) return undefined;
  const origin = new Int32Array(source.length + 1);
  const chunks: string[] = [];
  let length = 0;
  let copied = 0;
  let changed = false;
  const from = (k: number) => (view.origin ? view.origin[k]! : k);
  const copy = (upTo: number) => {
    chunks.push(source.slice(copied, upTo));
    for (let k = copied; k < upTo; k += 1) origin[length++] = from(k);
    copied = upTo;
  };
  for (; match !== null; match = pattern.exec(source)) {
    const decoded = scheme.decode(match);
    if (decoded === undefined) continue;
    copy(match.index);
    chunks.push(decoded);
    origin[length++] = from(match.index);
    copied = match.index + match[0].length;
    changed = true;
  }
  if (!changed) return undefined;
  copy(source.length);
  origin[length] = from(source.length);
  return { text: chunks.join(''), origin: origin.subarray(0, length + 1) };
}

/**
 * The literal forms a credential can be echoed in. Escaped forms (URL, form, JSON, HTML) are
 * not listed: the decoded views find them. Base64 is listed at each of the three byte
 * alignments (the key inside `user:key` of Basic auth, say), keeping only the characters that
 * depend on the key alone, so padded, unpadded and embedded encodings all contain the form.
 */
function formsOf(secret: string): string[] {
  // Form encoding turns a space into "+", and a server that form-decodes what it echoes turns
  // a "+" of the key into a space.
  const forms = new Set([secret, secret.replaceAll(' ', '+'), secret.replaceAll('+', ' ')]);
  const bytes = Buffer.from(secret);
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes, Buffer.alloc(2)]).toString('base64')
      .slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    forms.add(encoded);
    forms.add(encoded.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

// Rolling hash of ANCHOR_LENGTH UTF-16 units, mod 2^32 (a Rabin-Karp window). `imul` is held
// locally: looked up on the global `Math` in the scan loop, it is ~50x slower inside a vm
// context (Jest, some sandboxes).
const imul = Math.imul;
const BASE = 0x01000193;
let basePower = 1;
for (let k = 1; k < ANCHOR_LENGTH; k += 1) basePower = imul(basePower, BASE);
const BASE_TOP = basePower;
// Two bucket probes per window (a two-hash Bloom filter) keep false hits rare at the bound.
const MIX = 0x9e3779b1 | 0;
const MIX2 = 0x85ebca6b | 0;

function escapeForRegExp(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '\\$&');
}

function windowHash(text: string, at: number): number {
  let hash = 0;
  for (let k = at; k < at + ANCHOR_LENGTH; k += 1) hash = (imul(hash, BASE) + text.charCodeAt(k)) | 0;
  return hash;
}

/** Start of every window of the text whose hash bucket is set: the candidates for a form. */
function bucketHits(text: string, bits: Uint32Array, shift: number): number[] {
  const hits: number[] = [];
  const last = text.length - ANCHOR_LENGTH;
  if (last < 0) return hits;
  let hash = windowHash(text, 0);
  for (let at = 0; ; at += 1) {
    const bucket = imul(hash, MIX) >>> shift;
    if ((bits[bucket >>> 5]! & (1 << (bucket & 31))) !== 0) {
      const second = imul(hash, MIX2) >>> shift;
      if ((bits[second >>> 5]! & (1 << (second & 31))) !== 0) hits.push(at);
    }
    if (at === last) return hits;
    hash = (imul(hash - imul(text.charCodeAt(at), BASE_TOP), BASE) + text.charCodeAt(at + ANCHOR_LENGTH)) | 0;
  }
}

function replaceRanges(text: string, ranges: number[]): string {
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < ranges.length; k += 2) pairs.push([ranges[k]!, ranges[k + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  let open = -1;
  let close = -1;
  for (const [from, to] of pairs) {
    if (open >= 0 && from < close) {
      close = Math.max(close, to);
      continue;
    }
    if (open >= 0) {
      out += text.slice(cursor, open) + REPLACEMENT;
      cursor = close;
    }
    open = from;
    close = to;
  }
  if (open >= 0) out += text.slice(cursor, open) + REPLACEMENT + text.slice(close);
  return out;
}

/**
 * Removes credentials from any text or parsed body before the library quotes, cuts, parses or
 * returns it. A server that echoes the key back must not get it into an error, a log or `raw`
 * through us, whatever encoding it used: raw, base64, URL/form, JSON or HTML escapes, also
 * mixed per character. Every credential a client registered is kept (up to MAX_SECRETS), and
 * JWT-shaped strings are redacted whether registered or not.
 */
export class Redactor {
  /** Insertion order is age, for the (far) bound. */
  #secrets = new Set<string>();
  /** How many registered secrets produce each form (two secrets can share one). */
  #formUses = new Map<string, number>();
  /** anchor (first ANCHOR_LENGTH chars) → form length → forms. */
  #index = new Map<string, Map<number, Set<string>>>();
  /**
   * One bit per hash bucket of the anchors: the scan tests each window of the text against it
   * and looks a window up only on a hit, so its cost does not grow with the number of secrets.
   * Grown (and rebuilt) as anchors are added; removals leave stale bits until the next rebuild,
   * which only cost a lookup.
   */
  #bits = new Uint32Array(1 << 5);
  #bucketBits = 10;
  #staleBits = 0;
  /** While there are few forms: the forms and `eyJ`; `#gate` also stops at any escape start. */
  #finder: RegExp | undefined;
  #gate: RegExp | undefined;

  add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    for (const form of formsOf(secret)) this.#addForm(form);
    if (this.#secrets.size > MAX_SECRETS) {
      const oldest = this.#secrets.values().next().value!;
      this.#secrets.delete(oldest);
      for (const form of formsOf(oldest)) this.#removeForm(form);
    }
  }

  #addForm(form: string): void {
    const uses = this.#formUses.get(form) ?? 0;
    this.#formUses.set(form, uses + 1);
    if (uses > 0) return;
    this.#finder = undefined;
    const anchor = form.slice(0, ANCHOR_LENGTH);
    let byLength = this.#index.get(anchor);
    if (byLength === undefined) {
      byLength = new Map();
      this.#index.set(anchor, byLength);
      if (this.#index.size * 32 > 1 << this.#bucketBits && this.#bucketBits < MAX_BUCKET_BITS) {
        this.#bucketBits += 1;
        this.#rebuildBits();
      } else {
        this.#setBit(windowHash(anchor, 0));
      }
    }
    let forms = byLength.get(form.length);
    if (forms === undefined) {
      forms = new Set();
      byLength.set(form.length, forms);
    }
    forms.add(form);
  }

  #removeForm(form: string): void {
    const uses = this.#formUses.get(form) ?? 0;
    if (uses > 1) {
      this.#formUses.set(form, uses - 1);
      return;
    }
    this.#formUses.delete(form);
    this.#finder = undefined;
    const anchor = form.slice(0, ANCHOR_LENGTH);
    const byLength = this.#index.get(anchor);
    const forms = byLength?.get(form.length);
    forms?.delete(form);
    if (forms?.size === 0) byLength!.delete(form.length);
    if (byLength?.size === 0) {
      this.#index.delete(anchor);
      this.#staleBits += 1;
      if (this.#staleBits > this.#index.size) this.#rebuildBits();
    }
  }

  #setBit(hash: number): void {
    for (const mix of [MIX, MIX2]) {
      const bucket = imul(hash, mix) >>> (32 - this.#bucketBits);
      this.#bits[bucket >>> 5]! |= 1 << (bucket & 31);
    }
  }

  #rebuildBits(): void {
    this.#bits = new Uint32Array(Math.max(1, (1 << this.#bucketBits) >>> 5));
    this.#staleBits = 0;
    for (const anchor of this.#index.keys()) this.#setBit(windowHash(anchor, 0));
  }

  /** The small-set expressions, or undefined when there are too many forms for them. */
  #regexes(): { finder: RegExp; gate: RegExp } | undefined {
    if (this.#formUses.size > MAX_REGEX_FORMS) return undefined;
    if (this.#finder === undefined || this.#gate === undefined) {
      // Longest first: of two forms starting at one position the longer covers both.
      const forms = [...this.#formUses.keys()].sort((a, b) => b.length - a.length).map(escapeForRegExp);
      const alternatives = [...forms, 'eyJ'].join('|');
      this.#finder = new RegExp(alternatives, 'g');
      this.#gate = new RegExp(`${alternatives}|[\\\\%&]`);
    }
    return { finder: this.#finder, gate: this.#gate };
  }

  /**
   * Appends to `ranges` (pairs of offsets in the original text, plus `shift`) every form and JWT
   * found in the view.
   */
  #collect(view: View, ranges: number[], shift: number): void {
    const { text, origin } = view;
    const record = (from: number, to: number) => {
      ranges.push(shift + (origin ? origin[from]! : from), shift + (origin ? origin[to]! : to));
    };
    const regexes = this.#regexes();
    if (regexes !== undefined) {
      const { finder } = regexes;
      finder.lastIndex = 0;
      for (let match = finder.exec(text); match !== null; match = finder.exec(text)) {
        const at = match.index;
        // Forms may overlap (a key inside "Bearer key"): the next search starts one further on.
        finder.lastIndex = at + 1;
        if (match[0] !== 'eyJ') record(at, at + match[0].length);
        if (text.startsWith('eyJ', at)) this.#jwtAt(text, at, record);
      }
      return;
    }
    if (this.#index.size > 0) {
      const positions = bucketHits(text, this.#bits, 32 - this.#bucketBits);
      for (const at of positions) {
        const byLength = this.#index.get(text.slice(at, at + ANCHOR_LENGTH));
        if (byLength === undefined) continue;
        for (const [length, forms] of byLength) {
          if (at + length <= text.length && forms.has(text.slice(at, at + length))) record(at, at + length);
        }
      }
    }
    for (let at = text.indexOf('eyJ'); at !== -1; at = text.indexOf('eyJ', at + 1)) this.#jwtAt(text, at, record);
  }

  #jwtAt(text: string, at: number, record: (from: number, to: number) => void): void {
    JWT_SHAPE.lastIndex = at;
    const jwt = JWT_SHAPE.exec(text);
    if (jwt !== null) record(at, at + jwt[0].length);
  }

  #find(text: string): number[] {
    const ranges: number[] = [];
    for (let from = 0; ; from += PIECE_LENGTH - PIECE_OVERLAP) {
      this.#findInPiece(from === 0 && text.length <= PIECE_LENGTH ? text : text.slice(from, from + PIECE_LENGTH), ranges, from);
      if (from + PIECE_LENGTH >= text.length) return ranges;
    }
  }

  #findInPiece(text: string, ranges: number[], shift: number): void {
    if (text.length < MIN_SECRET_LENGTH) return;
    const original: View = { text, origin: undefined };
    this.#collect(original, ranges, shift);
    if (!ESCAPE_START.test(text)) return;
    // Depth first, so only one view per layer is alive at a time.
    const explore = (view: View, depth: number) => {
      for (const scheme of SCHEMES) {
        const decoded = decodeView(view, scheme);
        if (decoded === undefined) continue;
        this.#collect(decoded, ranges, shift);
        if (depth + 1 < MAX_DECODE_DEPTH) explore(decoded, depth + 1);
      }
    };
    explore(original, 0);
  }

  redact(text: string): string {
    let current = text;
    // A replacement cannot make a new form appear, short of a key containing "[REDACTED]"; the
    // second round only confirms that, and only for text that held something.
    for (let round = 0; round < 3; round += 1) {
      const ranges = this.#find(current);
      if (ranges.length === 0) return current;
      current = replaceRanges(current, ranges);
    }
    return current;
  }

  /** Whether text holds a form or a JWT as it is, or an escape that could hide one. */
  #mayHold(text: string): boolean {
    const regexes = this.#regexes();
    if (regexes !== undefined) return regexes.gate.test(text);
    if (ESCAPE_START.test(text)) return true;
    const ranges: number[] = [];
    this.#collect({ text, origin: undefined }, ranges, 0);
    return ranges.length > 0;
  }

  /**
   * Redacts every string (object keys included) of a freshly parsed JSON value, IN PLACE, and
   * returns it (a string is returned redacted). Decisions are made on the decoded values, since
   * `\u0026`-style escapes hide a key from any look at the raw text. `text`, when given, is the
   * JSON the value was parsed from: without escapes, form or JWT starts in it, the decoded values
   * hold the same characters, so a clean body costs one scan and no walk.
   */
  redactValue(value: unknown, text?: string): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (typeof value !== 'object' || value === null) return value;
    if (text !== undefined && !this.#mayHold(text)) return value;
    // Iterative: a deeply nested body must not overflow the stack here.
    const pending: object[] = [value];
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
      if (Array.isArray(node)) {
        for (let k = 0; k < node.length; k += 1) {
          const inner: unknown = node[k];
          if (typeof inner === 'string') node[k] = this.redact(inner);
          else if (typeof inner === 'object' && inner !== null) pending.push(inner);
        }
        continue;
      }
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const inner = record[key];
        const cleanKey = this.redact(key);
        const cleanValue = typeof inner === 'string' ? this.redact(inner) : inner;
        if (typeof inner === 'object' && inner !== null) pending.push(inner);
        if (cleanKey !== key) {
          delete record[key];
          Object.defineProperty(record, cleanKey, { value: cleanValue, enumerable: true, writable: true, configurable: true });
        } else if (cleanValue !== inner) {
          record[key] = cleanValue;
        }
      }
    }
    return value;
  }

  /** A debugger or util.inspect must not show the secrets either. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Redactor { secrets: ${this.#secrets.size} }`;
  }
}
