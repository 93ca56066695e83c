/** The data a Wickson emulator starts from (`startEmulator({ provider: 'wickson', seed })`). */

/**
 * One media item of a {@link WicksonSeed}, in the vendor's field names. Only `id` is required;
 * the rest is derived when omitted. A seed that breaks a rule below makes `startEmulator`
 * reject with a TypeError.
 */
export interface WicksonSeedItem {
  /** The media id, e.g. `doc_…`; non-empty and unique (also among the `vector_id`s). */
  id: string;
  /**
   * Defaults to `default`. Letters, digits, `_` and `-`. A Wickson collection exists only while
   * it holds items (`default` always exists), so naming one here is how a seed creates it.
   */
  collection?: string;
  /** Defaults from the id prefix (`doc_`, `img_`, `vid_`, `aud_`, `mdl_`), else `document`. */
  media_type?: string;
  /** Defaults to the id with an extension for its media type (`.pdf`, `.jpg`, …). */
  filename?: string;
  /**
   * Any date string `Date` parses; served as ISO without milliseconds. Defaults to the time the
   * emulator started. Listings are ordered by it.
   */
  created_at?: string;
  /** The item's `vec-…` alias (accepted by add-items and batch delete); derived when omitted. */
  vector_id?: string;
  /** Defaults to 1024. */
  size_bytes?: number;
  /** Defaults to `<media type> <id>`. */
  summary?: string;
}

/**
 * The data a Wickson emulator starts from: pass it as `seed`, or `'demo'` for
 * {@link wicksonDemoSeed}'s. Collections are implied by their items' `collection`.
 */
export interface WicksonSeed {
  /** Every media item of the account, in any order. */
  items: WicksonSeedItem[];
}

export function isWicksonSeed(seed: unknown): seed is WicksonSeed {
  return typeof seed === 'object' && seed !== null && Array.isArray((seed as WicksonSeed).items);
}
