import type { DependencyContainer } from 'tsyringe';
import type { ClientConfig, CollectionClientConfig, NamedClientConfigs } from '../config/provider-configs.js';
import { createCollectionClient, createCollectionClients } from './create-client.js';
import { loadTsyringe } from './load-tsyringe.js';
import { COLLECTION_PROVIDER, collectionProviderToken } from './tokens.js';

function isSingleConfig(config: object): config is ClientConfig {
  return typeof (config as { provider?: unknown }).provider === 'string';
}

/**
 * For apps that use tsyringe themselves. With one config, `COLLECTION_PROVIDER` resolves to its
 * client; with named configs, `collectionProviderToken(name)` does. Configs are validated now,
 * so a mistake surfaces at start-up rather than at first use. Typed like `createCollectionClient`
 * and `createCollectionClients`: each config is checked against its provider's options.
 *
 * The client is built once, here, and every resolve returns that same instance, so its
 * consumers share one client's quota and Verifik token renewal. Registering the same token again
 * wins over the earlier registration (tsyringe resolves the last one).
 *
 * @param container - The app's container (the global `container` or a child); the client's own
 * child container is created from it.
 * @param config - One client config; {@link COLLECTION_PROVIDER} resolves to its client.
 * @throws {@link CollectionError} `CONFIG` as {@link createCollectionClient} does.
 *
 * @example
 * ```ts
 * import 'reflect-metadata'; // first: tsyringe throws when loaded before the Reflect polyfill
 * import { container } from 'tsyringe';
 *
 * registerCollectionProviders(container, { provider: 'wickson' });
 * const media = container.resolve<CollectionProvider>(COLLECTION_PROVIDER);
 * ```
 */
export function registerCollectionProviders<P extends string>(container: DependencyContainer, config: CollectionClientConfig<P> & { provider: P }): void;
/**
 * Registers several named clients: `collectionProviderToken(name)` resolves to each. Every
 * config is validated before any client is built.
 *
 * @param container - The app's container (the global `container` or a child).
 * @param configs - One client config per name.
 * @throws {@link CollectionError} `CONFIG` as {@link createCollectionClients} does.
 *
 * @example
 * ```ts
 * registerCollectionProviders(container, { media: { provider: 'wickson' }, faces: { provider: 'verifik' } });
 * const faces = container.resolve<CollectionProvider>(collectionProviderToken('faces'));
 * ```
 */
export function registerCollectionProviders<M extends Record<string, string>>(
  container: DependencyContainer, configs: NamedClientConfigs<M> & { [K in keyof M]: { provider: M[K] } },
): void;
export function registerCollectionProviders(
  container: DependencyContainer, config: ClientConfig | Record<string, ClientConfig>,
): void {
  const { instanceCachingFactory } = loadTsyringe();
  if (isSingleConfig(config)) {
    const client = createCollectionClient(config, container);
    container.register(COLLECTION_PROVIDER, { useFactory: instanceCachingFactory(() => client) });
    return;
  }
  const clients = createCollectionClients(config, container);
  for (const [name, client] of Object.entries(clients)) {
    container.register(collectionProviderToken(name), { useFactory: instanceCachingFactory(() => client) });
  }
}
