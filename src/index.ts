import './di/load-tsyringe.js'; // the Reflect metadata polyfill, first (tsyringe itself loads with the first client)
import './builtin-providers.js';

export type * from './spec/index.js';
export {
  CollectionError, COLLECTION_ERROR_CODES, isCollectionError, type CollectionErrorCode, type CollectionErrorInit,
} from './errors.js';
export { createCollectionClient, createCollectionClients } from './di/create-client.js';
export type {
  ClientConfig, CollectionClientConfig, CollectionProviderConfigs, CollectionProviderName, NamedClientConfigs,
} from './config/provider-configs.js';
export { registerCollectionProviders } from './di/register-collection-providers.js';
export { registerProvider, knownProviders } from './di/provider-registry.js';
export type { PluginConfig, PluginConfigInput, ProviderDefinition, StandardSchemaV1 } from './di/provider-definition.js';
export { PROVIDER_CONFIG, COLLECTION_PROVIDER, collectionProviderToken } from './di/tokens.js';
export {
  baseConfigSchema, quotaConfigSchema, type BaseConfig, type BaseConfigInput, type QuotaConfig,
} from './config/base-config.js';
export { createMemoryQuotaStore } from './quota/memory-quota-store.js';
export { createRedisQuotaStore, type RedisLike, type RedisQuotaStoreOptions } from './quota/redis-quota-store.js';
export { type WicksonConfigInput, WICKSON_DEFAULT_BASE_URL } from './providers/wickson/wickson-config.js';
export { type VerifikConfigInput, type VerifikTokenSource, VERIFIK_DEFAULT_BASE_URL } from './providers/verifik/verifik-config.js';
