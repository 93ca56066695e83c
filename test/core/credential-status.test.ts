import { afterEach, describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { z } from 'zod';
import {
  createCollectionClient, registerProvider, type CollectionProvider, type CredentialStatus,
} from '../../src/index.js';
import { mintVerifikToken, startEmulator, verifikDemoSeed, type RunningEmulator } from '../../src/emulator/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { InMemoryAdapter, inMemoryConfigSchema } from '../support/in-memory-provider.js';
import { findFragment } from '../support/leaks.js';
import { rejectionOf } from '../support/promises.js';

// `credentialStatus()` on every client: when the credential expires and whether the client renews
// it, the same shape whichever vendor answers, read without a request and never quoting the
// credential. Verifik runs against its emulator on a virtual clock shared with the client.
//
// No nock here: importing it patches the global fetch for the rest of the worker.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SESSION_ROUTE = 'GET /v2/auth/session';
const seed = verifikDemoSeed();

/** A plug-in that leaves `credentialStatus` out. */
registerProvider({ name: 'in-memory', configSchema: inMemoryConfigSchema, useFactory: (config) => new InMemoryAdapter(config) });

/** A plug-in whose answer carries more than the two documented fields (its key among them). */
class ChattyAdapter extends InMemoryAdapter {
  override readonly provider = 'chatty';
  readonly #key: string;

  constructor(config: ConstructorParameters<typeof InMemoryAdapter>[0]) {
    super(config);
    this.#key = config.apiKey;
  }

  credentialStatus(): CredentialStatus {
    return Object.assign({ expiresAt: new Date(Date.UTC(2030, 0, 1)), renews: true }, { apiKey: this.#key });
  }
}
registerProvider({
  name: 'chatty', configSchema: inMemoryConfigSchema.extend({ provider: z.literal('chatty') }),
  useFactory: (config) => new ChattyAdapter({ ...config, provider: 'in-memory' }),
});

/** A plug-in whose `credentialStatus` throws (quoting its key). */
class BrokenAdapter extends InMemoryAdapter {
  override readonly provider = 'broken-status';

  credentialStatus(): CredentialStatus {
    throw new Error('cannot read the expiry of in-memory-key');
  }
}
registerProvider({
  name: 'broken-status',
  configSchema: inMemoryConfigSchema.extend({ provider: z.literal('broken-status') }),
  useFactory: (config) => new BrokenAdapter({ ...config, provider: 'in-memory' }),
});

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

interface VerifikWorld {
  token: string;
  clock: FakeClock;
  emulator: RunningEmulator;
  client: CollectionProvider;
  /** What onTokenRenewed received. */
  renewed: Array<{ token: string; expiresAt: Date }>;
}

async function verifik(expiresInMs: number, client: Record<string, unknown> = {}): Promise<VerifikWorld> {
  const clock = new FakeClock();
  const token = mintVerifikToken({ expiresAt: clock.now() + expiresInMs });
  const emulator = await startEmulator({ provider: 'verifik', seed, credentials: { token }, now: () => clock.now() });
  closers.push(() => emulator.close());
  const renewed: VerifikWorld['renewed'] = [];
  const renewing = client.renewToken === false ? {} : {
    onTokenRenewed: (fresh: string, info: { expiresAt: Date }) => {
      renewed.push({ token: fresh, expiresAt: info.expiresAt });
    },
  };
  return {
    token, clock, emulator, renewed,
    client: createCollectionClient({ provider: 'verifik', baseUrl: emulator.url, token, clock, retryDelayMs: 1, ...renewing, ...client }),
  };
}

/** A JWT's `exp` in ms, decoded here independently of the library. */
function expOf(token: string): number {
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number }).exp * 1000;
}

/** Every way an app could render a status. */
const renderings = (status: unknown) => [
  inspect(status, { depth: 10, showHidden: true }), JSON.stringify(status), String((status as { expiresAt?: Date } | undefined)?.expiresAt),
];

describe('Verifik: a string token', () => {
  it('reports its JWT exp as expiresAt and that it renews, without sending a request', async () => {
    const w = await verifik(30 * DAY);
    const expiresAt = w.clock.now() + 30 * DAY;
    expect(expOf(w.token)).toBe(expiresAt);

    const status = await w.client.credentialStatus();

    expect(status).toEqual({ expiresAt: new Date(expiresAt), renews: true });
    expect(status?.expiresAt).toBeInstanceOf(Date);
    expect(w.emulator.stats.total).toBe(0);
  });

  it('after a renewal, expiresAt is the new token\'s', async () => {
    const w = await verifik(2 * MINUTE);
    const before = await w.client.credentialStatus();
    expect(before).toEqual({ expiresAt: new Date(expOf(w.token)), renews: true });

    await w.client.listCollections();

    expect(w.emulator.stats.byRoute[SESSION_ROUTE]).toBe(1);
    expect(w.renewed).toHaveLength(1);
    const fresh = w.renewed[0]!;
    const after = await w.client.credentialStatus();
    expect(after).toEqual({ expiresAt: new Date(expOf(fresh.token)), renews: true });
    expect(after?.expiresAt?.getTime()).toBe(fresh.expiresAt.getTime());
    expect(after!.expiresAt!.getTime()).toBeGreaterThan(before!.expiresAt!.getTime() + 29 * DAY);
  });

  it('renewToken: false: the same expiry, and renews is false', async () => {
    const w = await verifik(2 * MINUTE, { renewToken: false });
    expect(await w.client.credentialStatus()).toEqual({ expiresAt: new Date(expOf(w.token)), renews: false });
    await w.client.listCollections();
    expect(w.emulator.stats.byRoute[SESSION_ROUTE]).toBeUndefined();
    expect(await w.client.credentialStatus()).toEqual({ expiresAt: new Date(expOf(w.token)), renews: false });
  });

  it.each([
    ['an opaque token', 'plain-token-abcdef'],
    ['a JWT without exp', `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"app"}').toString('base64url')}.c2ln`],
  ])('%s has no readable expiry and is never renewed: { renews: false }', async (_label, token) => {
    const client = createCollectionClient({ provider: 'verifik', baseUrl: 'http://127.0.0.1:9', token });
    expect(await client.credentialStatus()).toEqual({ renews: false });
  });

  it('a fresh object each time: changing one does not change the client\'s', async () => {
    const w = await verifik(30 * DAY);
    const first = await w.client.credentialStatus();
    first!.expiresAt!.setTime(0);
    first!.renews = false;
    expect(await w.client.credentialStatus()).toEqual({ expiresAt: new Date(expOf(w.token)), renews: true });
  });
});

describe('Verifik: a token function', () => {
  it('is the app\'s to manage: { renews: false } with no expiresAt, and the function is not called', async () => {
    const token = mintVerifikToken({ expiresAt: Date.now() + 30 * DAY });
    let calls = 0;
    const client = createCollectionClient({ provider: 'verifik', baseUrl: 'http://127.0.0.1:9', token: () => { calls += 1; return token; } });
    const status = await client.credentialStatus();
    expect(status).toEqual({ renews: false });
    expect(status).not.toHaveProperty('expiresAt');
    expect(calls).toBe(0);
  });
});

describe('Wickson', () => {
  it('an API key has no expiry and is not renewed: { renews: false }', async () => {
    const client = createCollectionClient({ provider: 'wickson', baseUrl: 'http://127.0.0.1:9', apiKey: 'wk-test-key-0123456789' });
    const status = await client.credentialStatus();
    expect(status).toEqual({ renews: false });
    expect(status).not.toHaveProperty('expiresAt');
  });
});

describe('plug-in adapters', () => {
  it('one without credentialStatus: undefined', async () => {
    const client = createCollectionClient({ provider: 'in-memory' });
    expect(await client.credentialStatus()).toBeUndefined();
  });

  it('only expiresAt and renews are passed on, whatever else the adapter\'s answer holds', async () => {
    const client = createCollectionClient({ provider: 'chatty', apiKey: 'chatty-secret-key-42' } as never);
    const status = await client.credentialStatus();
    expect(status).toEqual({ expiresAt: new Date(Date.UTC(2030, 0, 1)), renews: true });
    expect(Object.keys(status!)).toEqual(['expiresAt', 'renews']);
    expect(findFragment(renderings(status), 'chatty-secret-key-42')).toBeUndefined();
  });

  it('one whose credentialStatus throws: a CollectionError that does not quote it', async () => {
    const client = createCollectionClient({ provider: 'broken-status' } as never);
    const error = await rejectionOf(client.credentialStatus());
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', provider: 'broken-status' });
    expect(error.message).not.toContain('in-memory-key');
  });
});

describe('no credential in the status', () => {
  it('util.inspect, JSON and the Date of every status hold no fragment of the token, before and after a renewal', async () => {
    const w = await verifik(2 * MINUTE);
    const before = await w.client.credentialStatus();
    await w.client.listCollections();
    const after = await w.client.credentialStatus();
    const fresh = w.renewed[0]!.token;
    for (const status of [before, after]) {
      expect(findFragment(renderings(status), w.token)).toBeUndefined();
      expect(findFragment(renderings(status), fresh)).toBeUndefined();
    }
    expect(inspect(after)).toBe(`{ expiresAt: ${after!.expiresAt!.toISOString()}, renews: true }`);
  });

  it('nor in a Wickson or a function-token status', async () => {
    const key = 'wk-Qz7/Xw+9Lk=Pq4Rt8YsVb2';
    const wickson = await createCollectionClient({ provider: 'wickson', baseUrl: 'http://127.0.0.1:9', apiKey: key }).credentialStatus();
    expect(findFragment(renderings(wickson), key)).toBeUndefined();
    const token = mintVerifikToken({ expiresAt: Date.now() + DAY, id: 'Qz7Xw9Lk' });
    const fn = await createCollectionClient({ provider: 'verifik', baseUrl: 'http://127.0.0.1:9', token: () => token }).credentialStatus();
    expect(findFragment(renderings(fn), token)).toBeUndefined();
  });
});
