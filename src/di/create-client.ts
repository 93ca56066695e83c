import 'reflect-metadata';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { parseConfig } from '../config/parse-config.js';
import { CollectionError } from '../errors.js';
import type { CollectionProvider } from '../spec/provider.js';
import { getProviderDefinition, knownProviders } from './provider-registry.js';
import { COLLECTION_PROVIDER, PROVIDER_CONFIG } from './tokens.js';

/** The part of every config the library reads before it knows the provider. */
export interface ClientConfig {
  provider: string;
  [option: string]: unknown;
}

function selectDefinition(config: unknown) {
  const name = typeof config === 'object' && config !== null ? (config as { provider?: unknown }).provider : undefined;
  const known = knownProviders().join(', ');
  if (typeof name !== 'string' || name === '') {
    throw new CollectionError({
      code: 'CONFIG', provider: 'unknown', retryable: false,
      message: `config.provider is required; known providers: ${known}`,
    });
  }
  const definition = getProviderDefinition(name);
  if (!definition) {
    throw new CollectionError({
      code: 'CONFIG', provider: name, retryable: false,
      message: `unknown provider "${name.slice(0, 40)}"; known providers: ${known} (plug one in with registerProvider)`,
    });
  }
  return definition;
}

/**
 * Builds one client on its own child container: the config is validated by the provider's
 * schema, registered as PROVIDER_CONFIG, and the provider is resolved from there.
 */
export function createCollectionClient(config: ClientConfig, parent: DependencyContainer = rootContainer): CollectionProvider {
  const definition = selectDefinition(config);
  const parsed = parseConfig(definition.configSchema, config, definition.name);
  const child = parent.createChildContainer();
  child.register(PROVIDER_CONFIG, { useValue: parsed });
  if (definition.useFactory) return definition.useFactory(parsed, child);
  child.register(COLLECTION_PROVIDER, { useClass: definition.useClass });
  return child.resolve<CollectionProvider>(COLLECTION_PROVIDER);
}

/** Builds several named clients at once; every config is validated before any is built. */
export function createCollectionClients<K extends string>(
  configs: Record<K, ClientConfig>, parent: DependencyContainer = rootContainer,
): Record<K, CollectionProvider> {
  if (typeof configs !== 'object' || configs === null) {
    throw new CollectionError({ code: 'CONFIG', provider: 'unknown', retryable: false, message: 'createCollectionClients needs an object of named configs' });
  }
  const entries = Object.entries(configs) as Array<[K, ClientConfig]>;
  for (const [, config] of entries) {
    const definition = selectDefinition(config);
    parseConfig(definition.configSchema, config, definition.name);
  }
  return Object.fromEntries(entries.map(([name, config]) => [name, createCollectionClient(config, parent)])) as Record<K, CollectionProvider>;
}
