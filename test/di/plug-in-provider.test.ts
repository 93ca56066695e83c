import 'reflect-metadata';
import { afterAll, describe, expect, it } from '@jest/globals';
import { container, inject, injectable } from 'tsyringe';
import { z } from 'zod';
import {
  baseConfigSchema, CollectionError, createCollectionClient, knownProviders, PROVIDER_CONFIG, registerProvider,
  type BatchResult, type Collection, type CollectionProvider,
} from '../../src/index.js';
import { InMemoryProvider, inMemoryConfigSchema } from '../support/in-memory-provider.js';

registerProvider({ name: 'in-memory', configSchema: inMemoryConfigSchema, useFactory: (config) => new InMemoryProvider(config) });

const decoratedSchema = baseConfigSchema.extend({ provider: z.literal('decorated'), greeting: z.string() });

/** A plug-in written with tsyringe decorators, resolved by the client's child container. */
@injectable()
class DecoratedProvider extends InMemoryProvider {
  override readonly provider = 'decorated';
  readonly greeting: string;

  constructor(@inject(PROVIDER_CONFIG) config: z.output<typeof decoratedSchema>) {
    super({ ...config, provider: 'in-memory', collections: { hello: ['a'] } });
    this.greeting = config.greeting;
  }
}

registerProvider({ name: 'decorated', configSchema: decoratedSchema, useClass: DecoratedProvider });

describe('a third provider plugged in from outside the library', () => {
  afterAll(() => container.clearInstances());

  it('is listed next to the built-in providers', () => {
    expect(knownProviders()).toEqual(expect.arrayContaining(['wickson', 'verifik', 'in-memory', 'decorated']));
  });

  it('is built from its factory with its own validated config', async () => {
    const client: CollectionProvider = createCollectionClient({ provider: 'in-memory', collections: { faces: ['p1', 'p2'] } });
    expect(client.provider).toBe('in-memory');
    const collections: Collection[] = await client.listCollections();
    expect(collections.map((c) => [c.id, c.itemCount])).toEqual([['faces', 2]]);
    const result: BatchResult = await client.addItems('faces', ['p2', 'p3']);
    expect(result).toMatchObject({ ok: true, succeeded: ['p2', 'p3'], moved: 1, alreadyInCollection: 1 });
  });

  it('rejects a config its own schema refuses, as a CONFIG error', () => {
    const attempt = () => createCollectionClient({ provider: 'in-memory', collections: { faces: 'not-a-list' } });
    expect(attempt).toThrow(CollectionError);
    expect(attempt).toThrow(/collections\.faces/);
  });

  it('resolves a decorated class through the child container, config injected', async () => {
    const client = createCollectionClient({ provider: 'decorated', greeting: 'hi' }) as DecoratedProvider;
    expect(client).toBeInstanceOf(DecoratedProvider);
    expect(client.greeting).toBe('hi');
    expect((await client.getCollection('hello')).itemCount).toBe(1);
  });

  it('gives every client its own instance and config', () => {
    const a = createCollectionClient({ provider: 'decorated', greeting: 'a' }) as DecoratedProvider;
    const b = createCollectionClient({ provider: 'decorated', greeting: 'b' }) as DecoratedProvider;
    expect(a).not.toBe(b);
    expect([a.greeting, b.greeting]).toEqual(['a', 'b']);
  });

  it('refuses a definition without exactly one way to build the provider', () => {
    expect(() => registerProvider({ name: 'broken', configSchema: baseConfigSchema } as never)).toThrow(/exactly one of useClass or useFactory/);
    expect(knownProviders()).not.toContain('broken');
  });
});
