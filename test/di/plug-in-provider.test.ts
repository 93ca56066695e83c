import 'reflect-metadata';
import { afterAll, describe, expect, it } from '@jest/globals';
import { container, inject, injectable } from 'tsyringe';
import { z } from 'zod';
import {
  baseConfigSchema, CollectionError, createCollectionClient, knownProviders, PROVIDER_CONFIG, registerProvider,
  type BatchResult, type Collection, type CollectionProvider,
} from '../../src/index.js';
import { InMemoryAdapter, inMemoryConfigSchema } from '../support/in-memory-provider.js';

registerProvider({ name: 'in-memory', configSchema: inMemoryConfigSchema, useFactory: (config) => new InMemoryAdapter(config) });

const decoratedSchema = baseConfigSchema.extend({ provider: z.literal('decorated'), greeting: z.string() });

/** A plug-in written with tsyringe decorators, resolved by the client's child container. */
@injectable()
class DecoratedAdapter extends InMemoryAdapter {
  override readonly provider = 'decorated';

  constructor(@inject(PROVIDER_CONFIG) config: z.output<typeof decoratedSchema>) {
    // The injected config decides the adapter's state: its one collection is named by `greeting`.
    super({ ...config, provider: 'in-memory', apiKey: 'in-memory-key', collections: { [config.greeting]: ['a'] } });
  }
}

registerProvider({ name: 'decorated', configSchema: decoratedSchema, useClass: DecoratedAdapter });

describe('a third provider plugged in from outside the library', () => {
  afterAll(() => container.clearInstances());

  it('is listed next to the built-in providers', () => {
    expect(knownProviders()).toEqual(expect.arrayContaining(['wickson', 'verifik', 'in-memory', 'decorated']));
  });

  it('is built from its factory with its own validated config', async () => {
    const client: CollectionProvider = createCollectionClient({ provider: 'in-memory', collections: { faces: ['p1', 'p2'], other: ['p3'] } });
    expect(client.provider).toBe('in-memory');
    const collections: Collection[] = await client.listCollections();
    expect(collections.map((c) => [c.id, c.itemCount])).toEqual([['faces', 2], ['other', 1]]);
    const result: BatchResult = await client.addItems('faces', ['p2', 'p3']);
    expect(result).toMatchObject({ ok: true, succeeded: ['p2', 'p3'], moved: 1, alreadyInCollection: 1 });
  });

  it('rejects a config its own schema refuses, as a CONFIG error', () => {
    const attempt = () => createCollectionClient({ provider: 'in-memory', collections: { faces: 'not-a-list' } } as never);
    expect(attempt).toThrow(CollectionError);
    expect(attempt).toThrow(/collections\.faces/);
  });

  it('resolves a decorated class through the child container, config injected', async () => {
    const client = createCollectionClient({ provider: 'decorated', greeting: 'hi' });
    expect(client.provider).toBe('decorated');
    expect((await client.getCollection('hi')).itemCount).toBe(1);
  });

  it('gives every client its own adapter and config', async () => {
    const a = createCollectionClient({ provider: 'decorated', greeting: 'a' });
    const b = createCollectionClient({ provider: 'decorated', greeting: 'b' });
    expect(a).not.toBe(b);
    expect((await a.listCollections()).map((c) => c.id)).toEqual(['a']);
    expect((await b.listCollections()).map((c) => c.id)).toEqual(['b']);
  });

  it('gets the core\'s guarantees without writing them: validation, dedup, chunking, partition', async () => {
    const client = createCollectionClient({ provider: 'in-memory', collections: { faces: ['p1', 'p2', 'p3'] } });
    expect((await client.addItems('faces', ['ok', 'bad/id']).catch((e: CollectionError) => e.code))).toBe('INVALID_INPUT');
    expect((await client.deleteItems(new Array<string>(2)).catch((e: CollectionError) => e.code))).toBe('INVALID_INPUT');
    const progress: number[] = [];
    // maxDeleteBatch 2: five unique ids are three chunks; the unknown one lands in failed.
    const result = await client.deleteItems(['p1', 'p2', 'p1', 'p3', 'nope', 'p2'], { onProgress: (p) => progress.push(p.done) });
    expect(result).toMatchObject({ requested: 4, ok: false, succeeded: ['p1', 'p2', 'p3'] });
    expect(result.failed).toEqual([{ id: 'nope', reason: 'no such item', code: 'NOT_FOUND' }]);
    expect(progress.sort()).toEqual([2, 4]);
    expect(client.capabilities.createCollection).toBe(true);
  });

  it('refuses a definition without exactly one way to build the provider', () => {
    expect(() => registerProvider({ name: 'broken', configSchema: baseConfigSchema } as never)).toThrow(/exactly one of useClass or useFactory/);
    expect(knownProviders()).not.toContain('broken');
  });
});
