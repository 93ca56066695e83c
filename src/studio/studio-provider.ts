import type { CollectionProvider } from '../index.js';

/** A configured provider the studio shows: the app (the CLI) builds the client, the studio only uses it. */
export interface StudioProvider {
  /** The provider's name, as in `client.provider` (used in URLs). */
  name: string;
  /** How the page titles it, e.g. "Wickson". */
  displayName: string;
  client: CollectionProvider;
  /** True when it talks to an embedded emulator (the page says so). */
  emulator: boolean;
}
