/**
 * Injection tokens. Symbols from the global registry, so two copies of the library in one app
 * still agree on them.
 */

/** The validated config of the client being built (inside its child container). */
export const PROVIDER_CONFIG = Symbol.for('unified-collections:ProviderConfig');

/** The CollectionProvider of a container set up by `registerCollectionProviders`. */
export const COLLECTION_PROVIDER = Symbol.for('unified-collections:CollectionProvider');

/** The token of a named client registered by `registerCollectionProviders(container, { name: config })`. */
export function collectionProviderToken(name: string): symbol {
  return Symbol.for(`unified-collections:CollectionProvider:${name}`);
}

/** The adapter being built inside a client's child container (wrapped by the core afterwards). */
export const COLLECTION_ADAPTER = Symbol.for('unified-collections:CollectionAdapter');
