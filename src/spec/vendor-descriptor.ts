/**
 * What tools around the client (the CLI, the emulator command, test harnesses) need to know of
 * a vendor, described once per vendor and looked up by provider name, so none of them branches
 * on a vendor's name. The adapter itself is the `ProviderDefinition`; this is only its outside.
 */
export interface VendorDescriptor {
  /** The provider name clients are created with (`createCollectionClient({ provider: name })`). */
  readonly name: string;
  /** The vendor's name as people write it, for messages (`Wickson`). */
  readonly displayName: string;
  /** The config option that carries the credential (`apiKey`, `token`, …). */
  readonly credentialOption: string;
  /** Where the credential comes from when the option is absent (and the only place the CLI reads it). */
  readonly credentialEnvVar: string;
  /** Overrides the vendor's origin in the CLI (an emulator's URL, a proxy). */
  readonly baseUrlEnvVar: string;
  /** The vendor's production origin. */
  readonly defaultBaseUrl: string;
  /** What an item id looks like on this vendor, for help text. */
  readonly idHint?: string;
  /**
   * The shape every collection id has, for a vendor whose ids are not its names (Verifik's
   * 24-hex `_id`), so a tool can tell a name given for an id before any request. Absent when
   * any string may be an id (Wickson: the id is the name).
   */
  readonly collectionId?: {
    /** Matches every valid collection id (Verifik: `/^[0-9a-f]{24}$/i`). */
    readonly pattern: RegExp;
    /** For messages: `a 24-hex-character _id`. */
    readonly shape: string;
  };
}
