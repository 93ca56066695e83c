import 'reflect-metadata';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { container } from 'tsyringe';
import {
  COLLECTION_PROVIDER, CollectionError, collectionProviderToken, createCollectionClient, createCollectionClients,
  registerCollectionProviders, type CollectionProvider,
} from '../../src/index.js';
import { configError } from '../support/config-error.js';

const CANARY = 'canary-secret-7f3a9b';


describe('createCollectionClient', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    delete process.env.WICKSON_API_KEY;
    delete process.env.VERIFIK_TOKEN;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('picks the adapter named by config.provider', () => {
    expect(createCollectionClient({ provider: 'wickson', apiKey: CANARY }).provider).toBe('wickson');
    expect(createCollectionClient({ provider: 'verifik', token: CANARY }).provider).toBe('verifik');
  });

  it('names the known providers when the provider is unknown or missing', () => {
    expect(configError(() => createCollectionClient({ provider: 'no-such-vendor' })).message).toMatch(/unknown provider "no-such-vendor".*verifik.*wickson/);
    expect(configError(() => createCollectionClient({} as never)).message).toMatch(/config.provider is required.*verifik.*wickson/);
  });

  it('names the environment variable when a credential is missing', () => {
    expect(configError(() => createCollectionClient({ provider: 'wickson' })).message).toMatch(/WICKSON_API_KEY/);
    expect(configError(() => createCollectionClient({ provider: 'verifik' })).message).toMatch(/VERIFIK_TOKEN/);
  });

  it('reads credentials from the environment', () => {
    process.env.WICKSON_API_KEY = CANARY;
    process.env.VERIFIK_TOKEN = CANARY;
    expect(createCollectionClient({ provider: 'wickson' }).provider).toBe('wickson');
    expect(createCollectionClient({ provider: 'verifik' }).provider).toBe('verifik');
  });

  it.each([
    ['http://api.wickson.ai', /https/],
    ['https://api.wickson.ai/v1', /origin only/],
    ['https://user:pw@api.wickson.ai', /credentials/],
    ['ftp://api.wickson.ai', /https/],
    ['not a url', /absolute URL/],
  ])('refuses baseUrl %s', (baseUrl, why) => {
    expect(configError(() => createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl })).message).toMatch(why);
  });

  it.each(['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000', 'https://api.example.com'])(
    'accepts baseUrl %s', (baseUrl) => {
      expect(createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl }).provider).toBe('wickson');
    },
  );

  it('refuses out-of-range options with the option named, and never quotes values', () => {
    const error = configError(() => createCollectionClient({ provider: 'wickson', apiKey: CANARY, timeoutMs: -1, concurrency: 0 }));
    expect(error.message).toMatch(/timeoutMs/);
    expect(error.message).toMatch(/concurrency/);
    const wrongType = configError(() => createCollectionClient({ provider: 'wickson', apiKey: 12345678 as never }));
    expect(wrongType.message).toMatch(/apiKey/);
    expect(wrongType.message).not.toMatch(/12345678/);
  });

  it('keeps credentials out of util.inspect of the client', () => {
    for (const client of [
      createCollectionClient({ provider: 'wickson', apiKey: CANARY }),
      createCollectionClient({ provider: 'verifik', token: CANARY }),
      createCollectionClient({ provider: 'verifik', token: () => CANARY }),
    ]) {
      expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(CANARY);
      expect(JSON.stringify(client)).not.toContain(CANARY);
    }
  });
});

describe('createCollectionClients', () => {
  it('builds named clients for several vendors', () => {
    const { media, faces } = createCollectionClients({
      media: { provider: 'wickson', apiKey: CANARY },
      faces: { provider: 'verifik', token: CANARY },
    });
    expect([media.provider, faces.provider]).toEqual(['wickson', 'verifik']);
  });

  it('validates every config before building any', () => {
    const error = configError(() => createCollectionClients({
      media: { provider: 'wickson', apiKey: CANARY },
      faces: { provider: 'verifik', token: CANARY, baseUrl: 'http://example.com' },
    }));
    expect(error.provider).toBe('verifik');
  });
});

describe('registerCollectionProviders (apps that use tsyringe)', () => {
  it('registers one client under COLLECTION_PROVIDER', () => {
    const appContainer = container.createChildContainer();
    registerCollectionProviders(appContainer, { provider: 'wickson', apiKey: CANARY });
    const first = appContainer.resolve<CollectionProvider>(COLLECTION_PROVIDER);
    expect(first.provider).toBe('wickson');
    expect(appContainer.resolve(COLLECTION_PROVIDER)).toBe(first);
  });

  it('registers named clients under their tokens', () => {
    const appContainer = container.createChildContainer();
    registerCollectionProviders(appContainer, {
      media: { provider: 'wickson', apiKey: CANARY },
      faces: { provider: 'verifik', token: CANARY },
    });
    expect(appContainer.resolve<CollectionProvider>(collectionProviderToken('media')).provider).toBe('wickson');
    expect(appContainer.resolve<CollectionProvider>(collectionProviderToken('faces')).provider).toBe('verifik');
  });

  it('fails at registration, not at first use, on a bad config', () => {
    const appContainer = container.createChildContainer();
    configError(() => registerCollectionProviders(appContainer, { provider: 'wickson' }));
    expect(appContainer.isRegistered(COLLECTION_PROVIDER)).toBe(false);
  });
});

describe('concurrency defaults', () => {
  it('comes from the config, else the adapter\'s measured default, else 4 (counted in flight at the vendor)', async () => {
    const { InMemoryAdapter, InMemoryAccount, inMemoryConfigSchema } = await import('../support/in-memory-provider.js');
    const { registerProvider } = await import('../../src/index.js');
    const { z } = await import('zod');
    /** Each delete chunk waits a tick, so chunks overlap up to the client's concurrency. */
    class SlowAdapter extends InMemoryAdapter {
      inFlight = 0;
      peak = 0;
      constructor(config: never, readonly preferred?: number) {
        super(config);
        if (preferred !== undefined) this.capabilities.defaultConcurrency = preferred;
        this.capabilities.maxDeleteBatch = 1;
      }
      override async deleteItems(ids: string[], call: never) {
        this.inFlight += 1;
        this.peak = Math.max(this.peak, this.inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        this.inFlight -= 1;
        return super.deleteItems(ids, call);
      }
    }
    const cases: Array<[number | undefined, number | undefined, number]> = [[undefined, undefined, 4], [undefined, 12, 12], [3, 12, 3]];
    for (const [configured, preferred, expected] of cases) {
      let adapter: SlowAdapter | undefined;
      const name = `slow-${configured}-${preferred}`;
      registerProvider({
        name, configSchema: inMemoryConfigSchema.extend({ provider: z.literal(name) }),
        useFactory: (config) => (adapter = new SlowAdapter(config as never, preferred)),
      });
      const ids = Array.from({ length: 40 }, (_, i) => `i${i}`);
      const account = new InMemoryAccount('in-memory-key', { c: ids });
      const client = createCollectionClient({ provider: name, account, ...(configured ? { concurrency: configured } : {}) } as never);
      expect((await client.deleteItems(ids)).ok).toBe(true);
      expect([configured, preferred, adapter!.peak]).toEqual([configured, preferred, expected]);
    }
  });
});
