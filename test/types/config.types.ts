/**
 * Compile-time cases for the typed configuration, checked by `npm run typecheck` (never run by
 * jest: nothing here is called). Every `@ts-expect-error` must be needed, so a regression that
 * lets a bad config compile fails the type check.
 */
import { container } from 'tsyringe';
import { z } from 'zod';
import {
  baseConfigSchema, createCollectionClient, createCollectionClients, registerCollectionProviders,
  type ClientConfig, type CollectionClientConfig, type CollectionProvider, type CollectionProviderName,
} from 'unified-collections';

const typedPlugInSchema = baseConfigSchema.extend({
  provider: z.literal('typed-plug-in'),
  region: z.enum(['eu', 'us']),
  apiKey: z.string().optional(),
});

// How a plug-in makes its options checked too.
declare module 'unified-collections' {
  interface CollectionProviderConfigs {
    'typed-plug-in': z.input<typeof typedPlugInSchema>;
  }
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

/** Each vendor's config, looked up by a provider chosen at run time. */
const RUNTIME_CONFIGS: { [P in 'wickson' | 'verifik']: CollectionClientConfig<P> } = {
  wickson: { provider: 'wickson', apiKey: 'key' },
  verifik: { provider: 'verifik', token: 'token' },
};

export function validConfigsCompile(): CollectionProvider[] {
  const dynamicName: string = process.env.PROVIDER ?? 'wickson';
  const vendor = Math.random() < 0.5 ? 'wickson' as const : 'verifik' as const;
  const union: CollectionClientConfig = { provider: 'verifik', token: async () => 'token' };
  return [
    createCollectionClient({ provider: 'wickson' }),
    createCollectionClient({
      provider: 'wickson', apiKey: 'key', baseUrl: 'https://api.wickson.ai', timeoutMs: 1, attemptTimeoutMs: 1,
      maxRetries: 0, retryDelayMs: 1, maxRetryWaitMs: 1, concurrency: 1, maxResponseBytes: 1, fetch: globalThis.fetch,
    }),
    createCollectionClient({ provider: 'verifik', token: 'token' }),
    createCollectionClient({ provider: 'verifik', token: () => 'token' }),
    createCollectionClient(union),
    // A provider chosen at run time: either vendor's credential, checked per vendor.
    createCollectionClient(RUNTIME_CONFIGS[vendor]),
    // A provider name only known at run time (a CLI flag, an env var) is checked at run time.
    createCollectionClient({ provider: dynamicName, anything: 1 }),
    // An augmented plug-in.
    createCollectionClient({ provider: 'typed-plug-in', region: 'eu', apiKey: 'key', timeoutMs: 5 }),
    // A plug-in nobody declared: loosely typed, validated by its schema at run time.
    createCollectionClient({ provider: 'undeclared-plug-in', anyOption: true }),
  ];
}

export function misspelledOrMistypedOptionsFail(): void {
  // @ts-expect-error misspelled option
  createCollectionClient({ provider: 'wickson', apiKee: 'key' });
  // @ts-expect-error wrong case
  createCollectionClient({ provider: 'wickson', timeoutMS: 5 });
  // @ts-expect-error a number option given a string
  createCollectionClient({ provider: 'wickson', maxRetries: '3' });
  // @ts-expect-error a credential of the wrong type
  createCollectionClient({ provider: 'verifik', token: 42 });
  // @ts-expect-error misspelled option on Verifik
  createCollectionClient({ provider: 'verifik', tokne: 'token' });
  // @ts-expect-error not a fetch function
  createCollectionClient({ provider: 'verifik', fetch: 'https://proxy' });
  // @ts-expect-error an augmented plug-in's options are checked like the built-ins'
  createCollectionClient({ provider: 'typed-plug-in', region: 'asia' });
  // @ts-expect-error its required option is required
  createCollectionClient({ provider: 'typed-plug-in' });
  // @ts-expect-error and its unknown options refused
  createCollectionClient({ provider: 'typed-plug-in', region: 'eu', regoin: 'us' });
}

export function theOtherVendorsCredentialFails(): void {
  // @ts-expect-error token is Verifik's credential
  createCollectionClient({ provider: 'wickson', token: 'token' });
  // @ts-expect-error apiKey is Wickson's credential
  createCollectionClient({ provider: 'verifik', apiKey: 'key' });
  const asWickson: CollectionClientConfig<'wickson'> = { provider: 'wickson' };
  // @ts-expect-error the union does not let a Wickson config carry a token
  const mixed: CollectionClientConfig = { provider: 'wickson', token: 'token' };
  void asWickson;
  void mixed;
}

export function severalClientsAreTypedPerName(): void {
  const clients = createCollectionClients({
    media: { provider: 'wickson', apiKey: 'key' },
    faces: { provider: 'verifik', token: () => 'token' },
    other: { provider: 'typed-plug-in', region: 'us' },
  });
  assertType<Equal<keyof typeof clients, 'media' | 'faces' | 'other'>>();
  // @ts-expect-error only the names given exist
  void clients.nope;
  // @ts-expect-error misspelled option in a named config
  createCollectionClients({ media: { provider: 'wickson', apiKee: 'key' } });
  // @ts-expect-error the other vendor's credential in a named config
  createCollectionClients({ faces: { provider: 'verifik', apiKey: 'key' }, media: { provider: 'wickson' } });
  // @ts-expect-error mistyped value in a named config
  createCollectionClients({ faces: { provider: 'verifik', concurrency: '8' } });
}

export function registerCollectionProvidersIsTypedToo(): void {
  const app = container.createChildContainer();
  registerCollectionProviders(app, { provider: 'wickson', apiKey: 'key' });
  registerCollectionProviders(app, { media: { provider: 'wickson' }, faces: { provider: 'verifik', token: 'token' } });
  // @ts-expect-error misspelled option in a single config
  registerCollectionProviders(app, { provider: 'wickson', timeoutMS: 5 });
  // @ts-expect-error the other vendor's credential in named configs
  registerCollectionProviders(app, { media: { provider: 'wickson', token: 'token' } });
}

export function typesOfTheNames(): void {
  assertType<'wickson' | 'verifik' | 'typed-plug-in' extends CollectionProviderName ? true : false>();
  assertType<Equal<CollectionClientConfig<string>, ClientConfig>>();
  // @ts-expect-error a built-in name never falls back to the loose config
  assertType<Equal<CollectionClientConfig<'wickson'>, ClientConfig>>();
}
