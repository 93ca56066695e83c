import { schemaShapeOf } from './schema-shape.js';

/**
 * Zod's default object mode drops keys it does not know, so `timeoutMS: 5000` would be ignored
 * without a word and the client would run with the default timeout. Every config is therefore
 * checked against the options its schema declares before it is parsed (any validator whose
 * keys can be read: see schema-shape.ts).
 */

/**
 * The option names a schema declares, or undefined when they cannot be known: not an object
 * schema (or a union of them) that schema-shape.ts can read, or one that accepts extra keys on
 * purpose (zod's `.loose()` or `.catchall(…)`, valibot's `looseObject`, an arktype index signature).
 */
export function knownOptionsOf(schema: unknown): readonly string[] | undefined {
  const shape = schemaShapeOf(schema);
  return shape?.closed ? shape.keys : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  // Three rolling rows: the swap rule looks two rows back.
  let before = new Uint32Array(b.length + 1);
  let previous = Uint32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** Longer than any real option name; a longer key is not compared (or echoed) in full. */
const MAX_COMPARED_LENGTH = 64;

/**
 * The known option `unknown` most likely meant, if one is close enough: case is ignored
 * (`timeoutMS`), and up to a third of the option's length may differ, so a short name like
 * `fetch` only matches one typo away.
 */
export function closestOption(unknown: string, known: readonly string[]): string | undefined {
  if (unknown.length > MAX_COMPARED_LENGTH) return undefined;
  const lower = unknown.toLowerCase();
  let best: { option: string; score: number } | undefined;
  for (const option of known) {
    // The exact-case distance breaks ties between options that differ only in case from `unknown`.
    const score = editDistance(lower, option.toLowerCase()) + editDistance(unknown, option) / 1000;
    if (Math.floor(score) > Math.max(1, Math.floor(option.length / 3))) continue;
    if (best === undefined || score < best.score) best = { option, score };
  }
  return best?.option;
}

// JSON.stringify leaves these raw; a key containing them could split or reorder a log line.
const UNSAFE = /[\p{Cf}\p{Zl}\p{Zp}\u007f-\u009f]/gu;

/** An option name as a bounded, single-line JSON string. */
export function quoteOption(name: string): string {
  const cut = name.length > MAX_COMPARED_LENGTH;
  const quoted = JSON.stringify(cut ? name.slice(0, MAX_COMPARED_LENGTH) : name)
    .replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return cut ? `${quoted}…` : quoted;
}

const MAX_LISTED = 5;

/** Options that were renamed: the hint says what replaced them (an edit distance would not). */
const RENAMED_OPTIONS: Readonly<Record<string, { to: string; hint: string }>> = {
  operationTimeoutMs: { to: 'timeoutMs', hint: 'it is now "timeoutMs" (per operation; "attemptTimeoutMs" is per attempt)' },
};

/**
 * The message for the keys of `input` that `known` does not contain, or undefined if there are
 * none. Only key names appear in it, never their values: a value may be a credential.
 */
export function unknownOptionsMessage(input: object, known: readonly string[], provider: string): string | undefined {
  const knownSet = new Set(known);
  const unknown = Object.keys(input).filter((key) => !knownSet.has(key));
  if (unknown.length === 0) return undefined;
  const described = unknown.slice(0, MAX_LISTED).map((key) => {
    const renamed = RENAMED_OPTIONS[key];
    if (renamed !== undefined && knownSet.has(renamed.to)) return { key: quoteOption(key), hint: renamed.hint };
    const suggestion = closestOption(key, known);
    return { key: quoteOption(key), hint: suggestion === undefined ? undefined : `did you mean ${quoteOption(suggestion)}?` };
  });
  const listing = `known options: ${known.filter((option) => option !== 'provider').join(', ')}`;
  if (described.length === 1) {
    const [{ key, hint }] = described as [typeof described[0]];
    return `unknown option ${key} for ${provider}; ${hint ?? listing}`;
  }
  const more = unknown.length > MAX_LISTED ? ` and ${unknown.length - MAX_LISTED} more` : '';
  const keys = described.map(({ key, hint }) => (hint === undefined ? key : `${key} (${hint})`)).join(', ');
  return `unknown options for ${provider}: ${keys}${more}${described.some(({ hint }) => hint === undefined) ? `; ${listing}` : ''}`;
}
