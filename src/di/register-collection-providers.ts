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
 */
export function registerCollectionProviders<P extends string>(container: DependencyContainer, config: CollectionClientConfig<P>): void;
export function registerCollectionProviders<M extends Record<string, string>>(
  container: DependencyContainer, configs: NamedClientConfigs<M>,
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
