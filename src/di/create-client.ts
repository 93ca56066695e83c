import type { DependencyContainer } from 'tsyringe';
import { parseConfig } from '../config/parse-config.js';
import type { ClientConfig, CollectionClientConfig, NamedClientConfigs } from '../config/provider-configs.js';
import { CollectionError } from '../errors.js';
import { CollectionClient } from '../core/collection-client.js';
import type { CollectionAdapter } from '../spec/adapter.js';
import type { CollectionProvider } from '../spec/provider.js';
import { loadTsyringe } from './load-tsyringe.js';
import { getProviderDefinition, knownProviders } from './provider-registry.js';
import { COLLECTION_ADAPTER, PROVIDER_CONFIG } from './tokens.js';

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

const DEFAULT_CONCURRENCY = 4;

/**
 * The app's `concurrency`, else the adapter's measured default, else 4. A plug-in schema need not
 * declare the option; anything but a sane integer is ignored.
 */
function concurrencyOf(parsed: unknown, adapter: CollectionAdapter): number {
  const sane = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
  const configured = (parsed as { concurrency?: unknown }).concurrency;
  const preferred = adapter.capabilities.defaultConcurrency;
  return Math.min(64, sane(configured) ? configured : sane(preferred) ? preferred : DEFAULT_CONCURRENCY);
}

/**
 * Builds one client on its own child container: the config is validated by the provider's
 * schema and the common options (see parseConfig), registered as PROVIDER_CONFIG, the adapter is resolved from there, and the core
 * client that keeps every promise wraps it. The config is typed by its `provider` (see
 * `CollectionClientConfig`), and checked again at run time, unknown options included.
 *
 * Synchronous and without I/O: nothing is sent until the first call, so a client is cheap to
 * build, and a wrong credential shows up only as `UNAUTHORIZED` on that call.
 *
 * @param config - `provider` (`'wickson'`, `'verifik'` or a registered plug-in's name) and its
 * options; credentials default to the environment (`WICKSON_API_KEY`, `VERIFIK_TOKEN`).
 * @param parent - The container the client's child container is created from (default:
 * tsyringe's global container), so a `useClass` adapter can resolve the app's own services.
 * @returns The client: every method of {@link CollectionProvider}, whatever the vendor.
 * @throws {@link CollectionError} `CONFIG` when `provider` is missing or unknown (the message
 * lists the known ones), an option is invalid or unknown (named, with the closest known option;
 * never its value), or a built-in provider has no credential (the message names the environment
 * variable). A plug-in's `useFactory` or constructor may throw its own errors.
 *
 * @example
 * ```ts
 * const media = createCollectionClient({ provider: 'wickson' }); // apiKey from WICKSON_API_KEY
 * const faces = createCollectionClient({ provider: 'verifik', token: process.env.FACES_TOKEN, timeoutMs: 30_000 });
 * const result = await media.deleteItems(['doc_1', 'doc_2']);
 * ```
 */
export function createCollectionClient<P extends string>(
  // `& { provider: P }` is a direct inference site for P: through CollectionClientConfig<P> alone, P
  // widens to `string` (a loosely checked config) once two augmented plug-ins share an option name.
  config: CollectionClientConfig<P> & { provider: P }, parent: DependencyContainer = loadTsyringe().container,
): CollectionProvider {
  const definition = selectDefinition(config);
  const parsed = parseConfig(definition.configSchema, config, definition.name);
  const child = parent.createChildContainer();
  child.register(PROVIDER_CONFIG, { useValue: parsed });
  let adapter: CollectionAdapter;
  if (definition.useFactory) {
    adapter = definition.useFactory(parsed, child);
  } else {
    child.register(COLLECTION_ADAPTER, { useClass: definition.useClass });
    adapter = child.resolve<CollectionAdapter>(COLLECTION_ADAPTER);
  }
  const waitForQuota = (parsed as { quota?: { wait?: unknown } }).quota?.wait === true;
  return new CollectionClient(adapter, { concurrency: concurrencyOf(parsed, adapter), waitForQuota });
}

/**
 * Builds several named clients at once; every config is validated before any is built, and one
 * bad config throws, returning none. Each config is typed by its own `provider`.
 *
 * @param configs - One client config per name; the names are the app's own.
 * @param parent - The container each client's child container is created from (default:
 * tsyringe's global container).
 * @returns The clients under the same names.
 * @throws {@link CollectionError} `CONFIG` when `configs` is not an object, or any config would
 * fail {@link createCollectionClient}.
 *
 * @example
 * ```ts
 * const { media, faces } = createCollectionClients({
 *   media: { provider: 'wickson' },
 *   faces: { provider: 'verifik', baseUrl: emulator.url },
 * });
 * ```
 */
export function createCollectionClients<M extends Record<string, string>>(
  configs: NamedClientConfigs<M> & { [K in keyof M]: { provider: M[K] } }, parent: DependencyContainer = loadTsyringe().container,
): { [K in keyof M]: CollectionProvider } {
  if (typeof configs !== 'object' || configs === null) {
    throw new CollectionError({ code: 'CONFIG', provider: 'unknown', retryable: false, message: 'createCollectionClients needs an object of named configs' });
  }
  const entries = Object.entries(configs) as Array<[keyof M, ClientConfig]>;
  for (const [, config] of entries) {
    const definition = selectDefinition(config);
    parseConfig(definition.configSchema, config, definition.name);
  }
  return Object.fromEntries(entries.map(([name, config]) => [name, createCollectionClient(config, parent)])) as { [K in keyof M]: CollectionProvider };
}
