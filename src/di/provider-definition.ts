import type { DependencyContainer } from 'tsyringe';
import type { z } from 'zod';
import type { CollectionProvider } from '../spec/provider.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tsyringe resolves any constructor signature
type ProviderClass = new (...args: any[]) => CollectionProvider;

interface DefinitionBase<S extends z.ZodType> {
  /** The value of `config.provider` that selects this provider. */
  name: string;
  /** Validates the whole config (extend `baseConfigSchema` to keep the common options). */
  configSchema: S;
}

/**
 * How to build a provider. `useClass` is resolved by the client's child container, so the class
 * is decorated `@injectable()` and takes `@inject(PROVIDER_CONFIG) config`. `useFactory` needs no
 * decorators: it is given the validated config and the child container.
 */
export type ProviderDefinition<S extends z.ZodType = z.ZodType> =
  | (DefinitionBase<S> & { useClass: ProviderClass; useFactory?: never })
  | (DefinitionBase<S> & {
    useFactory: (config: z.output<S>, container: DependencyContainer) => CollectionProvider;
    useClass?: never;
  });

