/** The data a Verifik emulator starts from (`startEmulator({ provider: 'verifik', seed })`). */

/**
 * One collection of a {@link VerifikSeed}, in the vendor's field names. Only `name` is required.
 * A seed that breaks a rule below makes `startEmulator` reject with a TypeError.
 */
export interface VerifikSeedCollection {
  /** 24 lowercase hex characters, unique; generated when omitted. */
  _id?: string;
  /** A UUID; generated when omitted. */
  code?: string;
  /** Non-empty; a seeded person may name the collection by it (the first one of that name). */
  name: string;
  /** Defaults to `''`. */
  description?: string;
  /** The Verifik project id; left out of answers when omitted. */
  project?: string;
  /** Any date string `Date` parses; served as ISO with milliseconds. Defaults to the start time. */
  createdAt?: string;
}

/**
 * One person of a {@link VerifikSeed}, in the vendor's field names. Only `name` is required.
 * A seed that breaks a rule below makes `startEmulator` reject with a TypeError.
 */
export interface VerifikSeedPerson {
  /** 24 lowercase hex characters, unique; generated when omitted. */
  _id?: string;
  /** Non-empty. */
  name: string;
  /** Each entry names a seeded collection by `_id`, `code` or `name` (in that order). */
  collections?: string[];
  /** `M` or `F`, as Verifik stores it. */
  gender?: 'M' | 'F';
  /** `YYYY-MM-DD`. */
  date_of_birth?: string;
  /** Free text, e.g. `Colombian`. */
  nationality?: string;
  /** Any date string `Date` parses; served as ISO with milliseconds. Defaults to the start time. */
  createdAt?: string;
}

/**
 * The data a Verifik emulator starts from: pass it as `seed`, or `'demo'` for
 * {@link verifikDemoSeed}'s. Unlike Wickson's, collections exist on their own (empty ones
 * included) and a person may belong to several or none.
 */
export interface VerifikSeed {
  /** Every collection of the account; seeded first, so persons can refer to them. */
  collections: VerifikSeedCollection[];
  /** Every person of the account. */
  persons: VerifikSeedPerson[];
}

export function isVerifikSeed(seed: unknown): seed is VerifikSeed {
  return (
    typeof seed === 'object' &&
    seed !== null &&
    Array.isArray((seed as VerifikSeed).collections) &&
    Array.isArray((seed as VerifikSeed).persons)
  );
}
