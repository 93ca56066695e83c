/** The data a Wickson emulator starts from (`startEmulator({ provider: 'wickson', seed })`). */

export interface WicksonSeedItem {
  id: string;
  /** Defaults to `default`. */
  collection?: string;
  /** Defaults from the id prefix (`doc_`, `img_`, `vid_`, `aud_`, `mdl_`), else `document`. */
  media_type?: string;
  filename?: string;
  /** Any date string `Date` parses; served as ISO without milliseconds. */
  created_at?: string;
  /** The item's `vec-…` alias (accepted by add-items and batch delete); derived when omitted. */
  vector_id?: string;
  size_bytes?: number;
  summary?: string;
}

export interface WicksonSeed {
  items: WicksonSeedItem[];
}

export function isWicksonSeed(seed: unknown): seed is WicksonSeed {
  return typeof seed === 'object' && seed !== null && Array.isArray((seed as WicksonSeed).items);
}
