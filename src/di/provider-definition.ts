import type { DependencyContainer } from 'tsyringe';
import type { PluginConfig } from '../config/parse-config.js';
import type { StandardSchemaV1 } from '../config/standard-schema.js';
import type { CollectionAdapter } from '../spec/adapter.js';

export type { PluginConfig, PluginConfigInput } from '../config/parse-config.js';
export type { StandardSchemaV1 } from '../config/standard-schema.js';

/** An adapter class with any constructor: tsyringe supplies the parameters. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tsyringe resolves any constructor signature
type AdapterClass = new (...args: any[]) => CollectionAdapter;

/** The fields every {@link ProviderDefinition} has, whichever way it builds the adapter. */
interface DefinitionBase<S extends StandardSchemaV1> {
  /** The value of `config.provider` that selects this provider. */
  name: string;
  /**
   * The provider's own options, as any Standard Schema (zod 3.24+ or 4, valibot, arktype, …).
   * It must validate synchronously. The common options (`baseConfigSchema`: baseUrl, timeouts,
   * retries, concurrency, fetch, …) are validated by the library and merged into the config the
   * adapter receives (`PluginConfig<S>`), unless the schema declares one itself (a zod schema
   * that extends `baseConfigSchema` declares them all, and is handed the whole config).
   */
  configSchema: S;
}

/**
 * How to build a provider's adapter (see `CollectionAdapter`): the library wraps it in the core
 * client that keeps every promise. `useClass` is resolved by the client's child container, so
 * the class is decorated `@injectable()` and takes `@inject(PROVIDER_CONFIG) config`: this needs
 * `experimentalDecorators` (tsyringe's are TypeScript's legacy decorators, parameter decorators
 * included) and `emitDecoratorMetadata` (tsyringe reads constructor parameter types from it).
 * `useFactory` needs no decorators: it is given the validated config and the child container.
 *
 * Either way, one adapter is built per client, when the client is built (nothing is sent then).
 *
 * @typeParam S - The type of `configSchema`; the adapter's config is `PluginConfig<S>`.
 *
 * @example
 * ```ts
 * const definition: ProviderDefinition<typeof acmeConfigSchema> = {
 *   name: 'acme',
 *   configSchema: acmeConfigSchema,
 *   useFactory: (config) => new AcmeAdapter(config),
 * };
 * registerProvider(definition);
 * ```
 */
export type ProviderDefinition<S extends StandardSchemaV1 = StandardSchemaV1> =
  | (DefinitionBase<S> & {
    /**
     * An `@injectable()` adapter class, resolved by the client's child container, where
     * `PROVIDER_CONFIG` holds the validated config (`PluginConfig<S>`).
     */
    useClass: AdapterClass;
    /** Not with `useClass`. */
    useFactory?: never;
  })
  | (DefinitionBase<S> & {
    /**
     * Builds the adapter from the validated config (`PluginConfig<S>`: the schema's output and the
     * common options). The container is the client's child container, for resolving app services.
     */
    useFactory: (config: PluginConfig<S>, container: DependencyContainer) => CollectionAdapter;
    /** Not with `useFactory`. */
    useClass?: never;
  });
