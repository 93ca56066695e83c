import type { DependencyContainer } from 'tsyringe';
import type { z } from 'zod';
import type { CollectionAdapter } from '../spec/adapter.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tsyringe resolves any constructor signature
type AdapterClass = new (...args: any[]) => CollectionAdapter;

interface DefinitionBase<S extends z.ZodType> {
  /** The value of `config.provider` that selects this provider. */
  name: string;
  /** Validates the whole config (extend `baseConfigSchema` to keep the common options). */
  configSchema: S;
}

/**
 * How to build a provider's adapter (see `CollectionAdapter`): the library wraps it in the core
 * client that keeps every promise. `useClass` is resolved by the client's child container, so
 * the class is decorated `@injectable()` and takes `@inject(PROVIDER_CONFIG) config`.
 * `useFactory` needs no decorators: it is given the validated config and the child container.
 */
export type ProviderDefinition<S extends z.ZodType = z.ZodType> =
  | (DefinitionBase<S> & { useClass: AdapterClass; useFactory?: never })
  | (DefinitionBase<S> & {
    useFactory: (config: z.output<S>, container: DependencyContainer) => CollectionAdapter;
    useClass?: never;
  });

