import type { VendorApp } from './emulator-server.js';

/** What `startEmulator` hands a vendor's factory once the seed is resolved and checked. */
export interface EmulatorAppOptions<Seed, Credentials, Limits = object> {
  seed: Seed;
  /** The caller's `credentials`; each vendor reads its own fields and ignores the rest. */
  credentials: Credentials;
  /** The caller's `limits`; each vendor reads its own fields and ignores the rest. */
  limits?: Limits | undefined;
  rateLimit?: { limit: number; windowMs?: number } | undefined;
  now: () => number;
}

/**
 * Everything the emulator entry knows of one vendor, so `startEmulator` looks a vendor up
 * instead of naming it. Each vendor folder exports one; src/emulator/builtin-emulators.ts lists
 * them. The type parameters keep each vendor's seed and credential shapes precise, which the
 * public `EmulatorOptions` is derived from.
 */
export interface EmulatorDescriptor<
  Provider extends string = string, Seed = unknown, Credentials extends object = object, Limits extends object = object,
> {
  /** The `provider` option that selects this emulator; equals the client's provider name. */
  readonly provider: Provider;
  /** The field of `credentials` holding the one credential its clients send (e.g. `apiKey`). */
  readonly credentialField: keyof Credentials & string;
  /** How a valid seed looks, quoted when a caller passes something else. */
  readonly seedShape: string;
  isSeed(value: unknown): value is Seed;
  emptySeed(): Seed;
  /** Deterministic sample data (`seed: 'demo'`). */
  demoSeed(): Seed;
  /**
   * A credential for clients of an emulator that accepts any (`RunningEmulator.credential`), when
   * a plain string would not look like the vendor's (Verifik: a JWT, so clients read an expiry).
   */
  sampleCredential?(now: number): string;
  /** The rate limit the vendor documents, which `rateLimit: 'documented'` applies (none when it documents none). */
  readonly documentedRateLimit?: { readonly limit: number; readonly windowMs: number };
  create(options: EmulatorAppOptions<Seed, Credentials, Limits>): VendorApp;
}
