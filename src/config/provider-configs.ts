import type { VerifikConfigInput } from '../providers/verifik/verifik-config.js';
import type { WicksonConfigInput } from '../providers/wickson/wickson-config.js';

/**
 * The config each provider name accepts, at compile time. A plug-in adds its entry by
 * declaration merging, next to its `registerProvider` call:
 *
 * ```ts
 * declare module 'unified-collections' {
 *   interface CollectionProviderConfigs { 'in-memory': z.input<typeof inMemoryConfigSchema> }
 * }
 * ```
 */
export interface CollectionProviderConfigs {
  /** Wickson media collections: `apiKey` (default env `WICKSON_API_KEY`) and the common options. */
  wickson: WicksonConfigInput;
  /** Verifik face-recognition collections: `token` (default env `VERIFIK_TOKEN`), its renewal, and the common options. */
  verifik: VerifikConfigInput;
}

/** Every provider name the compiler knows a config for: the built-ins and augmented plug-ins. */
export type CollectionProviderName = keyof CollectionProviderConfigs & string;

/**
 * A config whose provider is a plain `string` (a CLI flag, an environment variable, a JSON file):
 * only the run-time check can know which options apply, and it does (see parseConfig).
 */
export interface ClientConfig {
  /** The provider's registered name. */
  provider: string;
  /** Any other option, checked at run time by the provider's schema. */
  [option: string]: unknown;
}

/** An augmented entry need not repeat its own name in `provider` (its schema may say `string`). */
type WithProvider<C, P extends string> = C extends { provider: P } ? C : C & { provider: P };

/**
 * The config for provider `P`; with no argument, the discriminated union of every known config.
 *
 * - A known name (built-in or augmented) gets exactly its options: a misspelled option, a wrong
 *   value type or the other vendor's credential does not compile.
 * - A `string` that is not a literal cannot be checked before run time, so it gets `ClientConfig`.
 * - A literal that no one has declared (a plug-in registered without augmenting
 *   `CollectionProviderConfigs`) also gets a loose config rather than an error. Registration is a
 *   run-time act the compiler cannot see, and a plug-in that ships no typings must stay usable
 *   without casts; the strictness is opt-in per plug-in, as with i18next's augmentable
 *   `CustomTypeOptions`. What this gives up, a compile error for a misspelled provider name,
 *   costs little: createCollectionClient throws CONFIG at once, listing the known providers. The
 *   built-in names never fall to this branch, so their options are always checked.
 */
export type CollectionClientConfig<P extends string = CollectionProviderName> =
  string extends P ? ClientConfig
    : P extends CollectionProviderName ? WithProvider<CollectionProviderConfigs[P], P>
      : {
        /** A provider name no one declared a config for (a plug-in that did not augment `CollectionProviderConfigs`). */
        provider: P;
        /** Its options, checked at run time by its schema. */
        [option: string]: unknown;
      };

/** Named configs for `createCollectionClients`: the provider `M[K]` of each name `K`. */
export type NamedClientConfigs<M extends Record<string, string>> = {
  [K in keyof M]: CollectionClientConfig<M[K]>;
};
