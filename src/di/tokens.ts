/**
 * Injection tokens. Symbols from the global registry, so two copies of the library in one app
 * still agree on them.
 */

/**
 * The validated config of the client being built (inside its child container): what a
 * `useClass` adapter injects, typed `PluginConfig<typeof schema>`.
 *
 * @example
 * ```ts
 * @injectable()
 * class AcmeAdapter implements CollectionAdapter {
 *   constructor(@inject(PROVIDER_CONFIG) private readonly config: PluginConfig<typeof acmeConfigSchema>) {}
 * }
 * ```
 */
export const PROVIDER_CONFIG = Symbol.for('unified-collections:ProviderConfig');

/**
 * The CollectionProvider of a container set up by `registerCollectionProviders` with one
 * config: `container.resolve<CollectionProvider>(COLLECTION_PROVIDER)`.
 */
export const COLLECTION_PROVIDER = Symbol.for('unified-collections:CollectionProvider');

/**
 * The token of a named client registered by `registerCollectionProviders(container, { name: config })`.
 *
 * @param name - The client's name in that call.
 * @returns The same symbol for the same name on every call (and in every copy of the library).
 */
export function collectionProviderToken(name: string): symbol {
  return Symbol.for(`unified-collections:CollectionProvider:${name}`);
}

/** The adapter being built inside a client's child container (wrapped by the core afterwards). */
export const COLLECTION_ADAPTER = Symbol.for('unified-collections:CollectionAdapter');
