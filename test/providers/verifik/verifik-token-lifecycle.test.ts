import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { inspect } from 'node:util';
import { type CollectionError, createCollectionClient, isCollectionError } from '../../../src/index.js';
import { mintVerifikToken, startEmulator, verifikDemoSeed, type RunningEmulator } from '../../../src/emulator/index.js';
import type { CollectionProvider } from '../../../src/spec/provider.js';
import { createMemoryQuotaStore } from '../../../src/quota/memory-quota-store.js';
import { configError } from '../../support/config-error.js';
import { FakeClock } from '../../support/fake-clock.js';
import { errorRenderings, findFragment } from '../../support/leaks.js';
import { startRecordingProxy, type RecordingProxy } from '../../support/recording-proxy.js';

// Issue #10 item 2: a string token's JWT `exp` is read, the token is renewed through
// GET /v2/auth/session before it runs out (one renewal in flight per client), the app gets the
// new token, and a token past its `exp` is never sent anywhere. Everything runs against the
// Verifik emulator over loopback, behind a proxy that logs what the vendor received, on a
// virtual clock shared by the client, the emulator and the proxy.
//
// No nock here: importing it patches the global fetch for the rest of the worker.

const SESSION = '/v2/auth/session';
/** '/', '+' and '=' make its encoded forms differ from it; no English in it to match by chance. */
const CANARY = 'Qz7/Xw+9Lk=Pq4Rt8YsVb2';
const SESSION_ROUTE = 'GET /v2/auth/session';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const seed = verifikDemoSeed();
const PERSON_IDS = seed.persons.slice(0, 50).map((person) => person._id!);

interface World {
  /** The token the client starts with. */
  token: string;
  clock: FakeClock;
  emulator: RunningEmulator;
  proxy: RecordingProxy;
  client: CollectionProvider;
  /** What onTokenRenewed received, in order. */
  renewed: Array<{ token: string; expiresAt: Date }>;
  /** Resolves at the next onTokenRenewed. */
  nextRenewal(): Promise<void>;
  sessionCalls(): number;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/**
 * A client whose token is `token`, or a token minted to expire `expiresInMs` from now (issued
 * 30 days before that, as Verifik's are); the emulator accepts it (and what it renews it into).
 */
async function world(options: { token?: string; expiresInMs?: number; client?: Record<string, unknown> } = {}): Promise<World> {
  const clock = new FakeClock();
  const token = options.token ?? mintVerifikToken({ expiresAt: clock.now() + (options.expiresInMs ?? 30 * DAY) });
  const emulator = await startEmulator({ provider: 'verifik', seed, credentials: { token }, now: () => clock.now() });
  const proxy = await startRecordingProxy(emulator.url, { now: () => clock.now() });
  closers.push(() => proxy.close(), () => emulator.close());
  const renewed: World['renewed'] = [];
  let waiters: Array<() => void> = [];
  const client = createCollectionClient({
    provider: 'verifik', baseUrl: proxy.url, token, clock, retryDelayMs: 1,
    onTokenRenewed: (fresh: string, info: { expiresAt: Date }) => {
      renewed.push({ token: fresh, expiresAt: info.expiresAt });
      waiters.splice(0).forEach((resolve) => resolve());
    },
    ...options.client,
  });
  return {
    token, clock, emulator, proxy, client, renewed,
    nextRenewal: () => new Promise<void>((resolve) => waiters.push(resolve)),
    sessionCalls: () => emulator.stats.byRoute[SESSION_ROUTE] ?? 0,
  };
}

/** A JWT's `exp` in ms, decoded here independently of the library. */
function expOf(token: string): number {
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number }).exp * 1000;
}

/** How a token can be quoted without a 6-character piece of it showing as it is. */
const encodedForms = (token: string) => [
  Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url'), Buffer.from(`Bearer ${token}`).toString('base64'),
];

async function rejectionOf(promise: Promise<unknown>): Promise<CollectionError> {
  try {
    await promise;
  } catch (error) {
    expect(isCollectionError(error)).toBe(true);
    return error as CollectionError;
  }
  throw new Error('expected the call to reject');
}

/**
 * Waits until the vendor has answered every renew request, and the client has had a moment to
 * take the answer in: a renewal retried in the background is not awaited by any call.
 */
async function renewalsSettled(w: World): Promise<void> {
  const answered = () => w.proxy.log.filter((e) => e.path === SESSION && e.kind === 'answer').length;
  const asked = () => w.proxy.log.filter((e) => e.path === SESSION && e.kind === 'request').length;
  for (let spins = 0; answered() < asked() && spins < 500; spins += 1) await new Promise((resolve) => setTimeout(resolve, 2));
  await new Promise((resolve) => setTimeout(resolve, 25));
}

/** The resource requests the vendor received (everything but renewals), in arrival order. */
const resourceRequests = (proxy: RecordingProxy) => proxy.requests().filter((request) => request.path !== SESSION);

/** `count` concurrent calls of two kinds, one request each (getCollection also counts persons). */
function burst(client: CollectionProvider, count: number): Promise<unknown[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => (i % 2 === 0
    ? client.getItem(PERSON_IDS[i % PERSON_IDS.length]!) : client.listCollections())));
}

/** One call, one request. */
const one = (client: CollectionProvider, options?: { timeoutMs: number }) => client.getItem(PERSON_IDS[0]!, options);

describe('renewal ahead of expiry', () => {
  it('a token that expires in 2 minutes is renewed exactly once under 50 concurrent calls, and never sent again', async () => {
    const w = await world({ expiresInMs: 2 * MINUTE });
    const start = w.clock.now();

    await burst(w.client, 50);

    // Counted at the emulator: one renewal, and nothing else but the 50 calls (no renew-and-revoke).
    expect(w.sessionCalls()).toBe(1);
    expect(w.emulator.stats.total).toBe(51);
    expect(Object.keys(w.emulator.stats.byRoute).filter((route) => route.includes('/auth/'))).toEqual([SESSION_ROUTE]);
    expect(w.renewed).toHaveLength(1);
    const fresh = w.renewed[0]!.token;
    expect(w.renewed[0]!.expiresAt.getTime()).toBe(expOf(fresh));
    expect(expOf(fresh) - start).toBeGreaterThan(30 * DAY - MINUTE);

    // What each request carried, as the vendor saw it: the renewal carried the old token, bare
    // (as the renew page documents), and every call after its answer the new one.
    const [session, ...others] = w.proxy.requests();
    expect(session).toMatchObject({ method: 'GET', path: SESSION, query: '?origin=refresh', authorization: w.token });
    expect(fresh).not.toBe(w.token);
    const answeredAt = w.proxy.log.findIndex((event) => event.kind === 'answer' && event.path === SESSION);
    expect(w.proxy.log.slice(0, answeredAt).filter((event) => event.kind === 'request')).toEqual([session]);
    expect(others).toHaveLength(50);
    for (const request of others) expect(request.authorization).toBe(`Bearer ${fresh}`);

    // A day later nothing is due (the new token lasts 30 days): still the new token, no renewal.
    w.clock.advance(DAY);
    await burst(w.client, 10);
    expect(w.sessionCalls()).toBe(1);
    expect(resourceRequests(w.proxy).slice(-10).map((r) => r.authorization)).toEqual(Array(10).fill(`Bearer ${fresh}`));
  });

  it('any schedule of bursts and clock moves: one renewal per due token, and no request after it carries a replaced token', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({
        expiresInMs: fc.integer({ min: MINUTE, max: 40 * DAY }),
        renewBeforeExpiryMs: fc.option(fc.integer({ min: MINUTE, max: 3 * DAY }), { nil: undefined }),
        steps: fc.array(fc.record({ advanceMs: fc.integer({ min: 0, max: 12 * DAY }), calls: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 6 }),
      }),
      async ({ expiresInMs, renewBeforeExpiryMs, steps }) => {
        const w = await world({ expiresInMs, client: renewBeforeExpiryMs === undefined ? {} : { renewBeforeExpiryMs } });
        try {
          const margin = renewBeforeExpiryMs ?? DAY;
          // The model: the token in use, when it expires, and when its renewal is due.
          let expiresAt = Math.floor((w.clock.now() + expiresInMs) / 1000) * 1000;
          let renewAt = expiresAt - margin;
          let renewals = 0;
          const replaced = new Set<string>();
          let current: string | undefined;
          for (const { advanceMs, calls } of steps) {
            w.clock.advance(advanceMs);
            const now = w.clock.now();
            const seen = w.proxy.log.length;
            const outcome = await burst(w.client, calls).then(() => 'ok', (error: unknown) => error);
            const events = w.proxy.log.slice(seen);
            if (now >= expiresAt) {
              // Past `exp`: every call fails before sending anything, the renew call included.
              expect(outcome).toMatchObject({ code: 'UNAUTHORIZED' });
              expect(events).toEqual([]);
              break;
            }
            expect(outcome).toBe('ok');
            if (now >= renewAt) {
              renewals += 1;
              const fresh = w.renewed[renewals - 1]!.token;
              if (current !== undefined) replaced.add(current);
              current = fresh;
              expiresAt = expOf(fresh);
              renewAt = expiresAt - Math.min(margin, (expiresAt - now) / 2);
              const renewal = events.filter((event) => event.path === SESSION);
              expect(renewal.map((event) => event.kind)).toEqual(['request', 'answer']);
              expect(renewal[0]!.at).toBeLessThan(expOf(renewal[0]!.authorization!));
            }
            expect(w.sessionCalls()).toBe(renewals);
            expect(w.renewed).toHaveLength(renewals);
            for (const event of events) {
              if (event.kind !== 'request' || event.path === SESSION) continue;
              if (current !== undefined) expect(event.authorization).toBe(`Bearer ${current}`);
              expect(replaced.has(event.authorization!.replace(/^Bearer /, ''))).toBe(false);
            }
          }
        } finally {
          await w.proxy.close();
          await w.emulator.close();
        }
      },
    ), { numRuns: 25 });
  });

  it('renewBeforeExpiryMs moves the renewal: a 2-hour token with a 1-hour margin renews after an hour, not before', async () => {
    const w = await world({ expiresInMs: 2 * HOUR, client: { renewBeforeExpiryMs: HOUR } });
    await one(w.client);
    w.clock.advance(HOUR - 2_000);
    await one(w.client);
    expect(w.sessionCalls()).toBe(0);
    w.clock.advance(2_000);
    await one(w.client);
    expect(w.sessionCalls()).toBe(1);
    expect(resourceRequests(w.proxy).at(-1)!.authorization).toBe(`Bearer ${w.renewed[0]!.token}`);
  });

  it('a renewed token that is short-lived is renewed again only halfway through its life, not on every call', async () => {
    const w = await world({ expiresInMs: 2 * MINUTE });
    // The vendor hands out a 10-minute token (its docs say 30 days; nothing guarantees it).
    const short = mintVerifikToken({ issuedAt: w.clock.now(), expiresAt: w.clock.now() + 10 * MINUTE, id: 'short' });
    w.emulator.faults.add({ route: SESSION_ROUTE, kind: 'status', status: 200, body: { accessToken: short, tokenType: 'bearer' }, times: 1 });
    await burst(w.client, 20);
    expect(w.renewed.map((r) => r.token)).toEqual([short]);
    w.clock.advance(5 * MINUTE - 2_000);
    await burst(w.client, 20);
    expect(w.sessionCalls()).toBe(1);
    w.clock.advance(2_000);
    await burst(w.client, 20);
    expect(w.sessionCalls()).toBe(2);
  });

  it('a config token written with its Bearer prefix is read and renewed the same way', async () => {
    const clock = new FakeClock();
    const token = mintVerifikToken({ expiresAt: clock.now() + MINUTE });
    const emulator = await startEmulator({ provider: 'verifik', seed, credentials: { token }, now: () => clock.now() });
    const proxy = await startRecordingProxy(emulator.url, { now: () => clock.now() });
    closers.push(() => proxy.close(), () => emulator.close());
    const client = createCollectionClient({ provider: 'verifik', baseUrl: proxy.url, token: `Bearer ${token}`, clock });
    await one(client);
    expect(proxy.requests().map((r) => [r.path, r.authorization === token])).toEqual([[SESSION, true], [expect.any(String), false]]);
  });
});

describe('tokens that are never renewed', () => {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const jwtWith = (payload: unknown) => `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2lnbmF0dXJl`;

  it.each([
    ['an opaque token', 'plain-token-abcdef'],
    ['a dotted token that is not a JWT', 'vf.test.token'],
    ['a JWT without exp', jwtWith({ sub: 'app' })],
    ['a JWT whose exp is not a number', jwtWith({ sub: 'app', exp: '1700000000' })],
    ['a JWE (five segments: its payload cannot be read)', `${header}.a2V5.aXY.Y2lwaGVy.dGFn`],
  ])('%s is used as it is, whatever the clock says', async (_label, token) => {
    const w = await world({ token });
    await burst(w.client, 10);
    w.clock.advance(400 * DAY);
    await burst(w.client, 10);
    expect(w.sessionCalls()).toBe(0);
    expect(w.renewed).toEqual([]);
    expect(new Set(w.proxy.requests().map((r) => r.authorization))).toEqual(new Set([`Bearer ${token}`]));
  });

  it('renewToken: false never renews, and still sends nothing once the token has expired', async () => {
    const w = await world({ expiresInMs: 2 * MINUTE, client: { renewToken: false, onTokenRenewed: undefined } });
    await burst(w.client, 10);
    expect(w.sessionCalls()).toBe(0);
    w.clock.advance(2 * MINUTE);
    const error = await rejectionOf(one(w.client));
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', retryable: false });
    expect(error.message).toContain('renewToken: false');
    expect(w.emulator.stats.total).toBe(10);
  });

  it('a function token is the app\'s: called per attempt, never renewed, even when it is a JWT about to expire', async () => {
    const clock = new FakeClock();
    const token = mintVerifikToken({ expiresAt: clock.now() + MINUTE });
    const emulator = await startEmulator({ provider: 'verifik', seed, credentials: { token }, now: () => clock.now() });
    closers.push(() => emulator.close());
    let calls = 0;
    const client = createCollectionClient({ provider: 'verifik', baseUrl: emulator.url, token: () => { calls += 1; return token; }, clock });
    await burst(client, 5);
    expect(calls).toBe(5);
    expect(emulator.stats.byRoute[SESSION_ROUTE]).toBeUndefined();
  });
});

describe('an expired token is never sent', () => {
  it('the call fails UNAUTHORIZED, saying when it expired and how to get a new one, and nothing reaches the vendor', async () => {
    const w = await world({ expiresInMs: -1_000 });
    const expiredAt = expOf(w.token);
    const error = await rejectionOf(one(w.client));
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', retryable: false, provider: 'verifik' });
    expect(error.message).toContain(`expired at ${new Date(expiredAt).toISOString()}`);
    expect(error.message).toMatch(/nothing was sent/);
    expect(error.message).toMatch(/log in again .*email-login.*`token` or VERIFIK_TOKEN/);
    // In a batch, never-sent ids are failed, not unknown.
    const result = await w.client.deleteItems(PERSON_IDS.slice(0, 3));
    expect(result.unknown).toEqual([]);
    expect(result.failed.map((f) => f.code)).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED']);
    expect(w.proxy.log).toEqual([]);
    expect(w.emulator.stats.total).toBe(0);
  });

  it('a token that runs out during the renewal\'s retries is not sent to the renew endpoint again', async () => {
    // 503s are retried with backoff (1.5 s, then 3 s on the virtual clock); the token has 2 s.
    const w = await world({ expiresInMs: 2_000, client: { retryDelayMs: 1_500 } });
    w.emulator.faults.add({ route: SESSION_ROUTE, kind: 'status', status: 503 });
    const error = await rejectionOf(one(w.client));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/expired at/);
    // Attempt 1 at 0 s, attempt 2 after 0.75-1.5 s; attempt 3 would go after 2.25 s or later.
    const sent = w.proxy.requests();
    expect(sent.map((request) => request.path)).toEqual([SESSION, SESSION]);
    for (const request of sent) expect(request.at).toBeLessThan(expOf(request.authorization!));
  });
});

describe('when renewal fails', () => {
  it('calls go on with the old token, the renewal is retried a minute later without holding calls, and the new token takes over', async () => {
    const w = await world({ expiresInMs: 2 * HOUR });
    w.emulator.faults.add({ route: SESSION_ROUTE, kind: 'status', status: 503, times: 3 });
    const old = w.token;

    await one(w.client);
    // A read: three attempts, then the call went out with the old (still valid) token.
    expect(w.sessionCalls()).toBe(3);
    expect(resourceRequests(w.proxy).map((r) => r.authorization)).toEqual([`Bearer ${old}`]);

    // Not retried at once, nor on every call.
    await burst(w.client, 10);
    w.clock.advance(MINUTE - 5_000);
    await burst(w.client, 10);
    expect(w.sessionCalls()).toBe(3);

    // A minute on, a call starts it again in the background and is not held back: it goes out
    // with the old token.
    w.clock.advance(5_000);
    const renewal = w.nextRenewal();
    const before = w.proxy.log.length;
    await one(w.client);
    await renewal;
    expect(w.sessionCalls()).toBe(4);
    expect(w.proxy.log.slice(before).find((e) => e.kind === 'request' && e.path !== SESSION)!.authorization).toBe(`Bearer ${old}`);
    const fresh = w.renewed[0]!.token;
    const after = w.proxy.log.length;
    await burst(w.client, 10);
    expect(w.proxy.log.slice(after).filter((e) => e.kind === 'request').map((e) => e.authorization))
      .toEqual(Array(10).fill(`Bearer ${fresh}`));
  });

  it('a renew endpoint that hangs holds calls back once (to the attempt timeout), then never again', async () => {
    const w = await world({ expiresInMs: 2 * HOUR, client: { timeoutMs: 300, maxRetries: 0 } });
    w.emulator.faults.add({ route: SESSION_ROUTE, kind: 'stall' });
    const started = performance.now();
    // The call's own deadline is longer than the renewal's, which gives up first.
    await one(w.client, { timeoutMs: 5_000 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    // A minute on, the renewal is tried again (and hangs again) while the calls go on.
    w.clock.advance(MINUTE);
    const again = performance.now();
    await burst(w.client, 10);
    expect(performance.now() - again).toBeLessThan(250);
    expect(w.sessionCalls()).toBe(2);
    expect(resourceRequests(w.proxy)).toHaveLength(11);
  });

  it('the error once it has expired names the last renewal failure, and every renew request carried a valid token', async () => {
    const w = await world({ expiresInMs: 2 * MINUTE });
    w.emulator.faults.add({
      route: SESSION_ROUTE, kind: 'status', status: 401,
      body: { code: 'Unauthorized', message: 'Invalid or expired token.', signature: { message: 'Certified by Verifik.co', dateTime: 'now' } },
    });
    for (let step = 0; step < 4; step += 1) {
      await burst(w.client, 5);
      await renewalsSettled(w);
      w.clock.advance(30_000);
    }
    const error = await rejectionOf(one(w.client));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/The last renewal failed: Verifik rejected the token \(401 Unauthorized\): Invalid or expired token \(UNAUTHORIZED\)\./);
    const sent = w.proxy.requests();
    const renewals = sent.filter((r) => r.path === SESSION);
    // Held at 0 s; then retried at 60 s (a minute later) and at 90 s (half the 60 s left).
    expect(renewals.map((r) => r.at - w.clock.now())).toEqual([-120_000, -60_000, -30_000]);
    for (const request of sent) expect(request.at).toBeLessThan(expOf(request.authorization!.replace(/^Bearer /, '')));
    expect(w.emulator.stats.total).toBe(sent.length);
  });
});

describe('onTokenRenewed', () => {
  it('gets the new token and its expiry before any request carries it; what it throws changes nothing', async () => {
    for (const callback of [
      () => { throw new Error('disk full'); },
      () => Promise.reject(new Error('disk full')),
    ]) {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        let seenBeforeUse: boolean | undefined;
        const w = await world({
          expiresInMs: MINUTE,
          client: {
            onTokenRenewed: (token: string, info: { expiresAt: Date }) => {
              seenBeforeUse = resourceRequests(w.proxy).every((r) => r.authorization !== `Bearer ${token}`);
              expect(info.expiresAt.getTime()).toBe(expOf(token));
              return callback();
            },
          },
        });
        await burst(w.client, 10);
        expect(seenBeforeUse).toBe(true);
        expect(w.sessionCalls()).toBe(1);
        await new Promise((resolve) => setImmediate(resolve));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    }
  });
});

describe('secrets', () => {
  it('neither the old nor the renewed token shows in util.inspect, in an echoing error or in an expiry error', async () => {
    const w = await world({ expiresInMs: 2 * MINUTE });
    const old = w.token;
    await burst(w.client, 3);
    const fresh = w.renewed[0]!.token;
    const texts = [inspect(w.client, { depth: 30, showHidden: true })];
    // The vendor echoes both tokens in every form a log could show them.
    const echo = (token: string) => `bad ${token} ${Buffer.from(token).toString('base64')} ${encodeURIComponent(token)} Bearer ${token}`;
    w.emulator.faults.add({
      route: 'GET /v2/face-recognition/persons/:id', kind: 'status', status: 401, times: 1,
      body: { message: echo(fresh), code: fresh, error: echo(old) },
    });
    const echoed = await rejectionOf(one(w.client));
    expect(echoed.code).toBe('UNAUTHORIZED');
    texts.push(...errorRenderings(echoed));
    // And in a successful answer, which the caller gets as `raw`: encoded forms are not JWT-shaped,
    // so only the registration of the renewed token keeps them out.
    const person = seed.persons[0]!;
    w.emulator.faults.add({
      route: 'GET /v2/face-recognition/persons/:id', kind: 'status', status: 200, times: 1,
      body: { id: 'R1', data: { ...person, notes: Buffer.from(fresh).toString('base64'), name: encodeURIComponent(`Bearer ${fresh}`) } },
    });
    texts.push(inspect(await one(w.client), { depth: 30 }));
    w.clock.advance(31 * DAY);
    const expired = await rejectionOf(one(w.client));
    expect(expired.message).toMatch(/expired at/);
    texts.push(...errorRenderings(expired));
    for (const token of [old, fresh]) {
      expect(findFragment(texts, token)).toBeUndefined();
      for (const form of encodedForms(token)) expect(texts.join('\n')).not.toContain(form);
    }
  });

  it('the logger hears of each renewal (info) and each failed one (warn), never of a token', async () => {
    const lines: Array<[level: string, message: string, fields: unknown]> = [];
    const logger = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((level) => [
      level, (message: string, fields?: unknown) => lines.push([level, message, fields]),
    ]));
    const w = await world({ expiresInMs: 2 * MINUTE, client: { logger } });
    w.emulator.faults.add({ route: SESSION_ROUTE, kind: 'status', status: 401, times: 1, body: { code: 'Unauthorized', message: `Invalid or expired token. ${w.token}` } });
    await burst(w.client, 3);
    const warned = lines.filter(([level]) => level === 'warn');
    expect(warned).toHaveLength(1);
    expect(warned[0]![1]).toMatch(/Verifik token renewal failed \(UNAUTHORIZED\): .*the current token stays in use until it expires at 2026-03-01T12:02:00.000Z, and renewal is tried again from 2026-03-01T12:01:00.000Z/);
    expect(warned[0]![2]).toEqual({ provider: 'verifik', code: 'UNAUTHORIZED', expiresAt: '2026-03-01T12:02:00.000Z', nextAttemptAt: '2026-03-01T12:01:00.000Z' });
    w.clock.advance(MINUTE);
    const renewal = w.nextRenewal();
    await burst(w.client, 3);
    await renewal;
    const fresh = w.renewed[0]!.token;
    expect(lines.filter(([level]) => level === 'info').map(([, message]) => message))
      .toContain(`unified-collections: Verifik token renewed; the new one expires at ${new Date(expOf(fresh)).toISOString()}`);
    const texts = lines.map((line) => JSON.stringify(line));
    for (const token of [w.token, fresh]) {
      expect(findFragment(texts, token)).toBeUndefined();
      for (const form of encodedForms(token)) expect(texts.join('\n')).not.toContain(form);
    }
  });

  it('a renewal answer that is not a usable token fails the renewal without quoting it, and the old token carries on', async () => {
    const w = await world({ expiresInMs: 10 * MINUTE });
    const clock = w.clock;
    const stale = mintVerifikToken({ expiresAt: clock.now() - DAY, id: 'stale' });
    const bodies = [
      { accessToken: CANARY },
      { accessToken: stale, tokenType: 'bearer' },
      { accessToken: `has space ${stale}` },
      { token: stale },
    ];
    const texts: string[] = [];
    for (const body of bodies) {
      w.emulator.faults.clear();
      w.emulator.faults.add({ route: SESSION_ROUTE, kind: 'status', status: 200, body });
      await burst(w.client, 2);
      await renewalsSettled(w);
      clock.advance(MINUTE);
      texts.push(inspect(w.client, { depth: 30, showHidden: true }));
    }
    expect(w.renewed).toEqual([]);
    expect(w.sessionCalls()).toBe(bodies.length);
    expect(new Set(resourceRequests(w.proxy).map((r) => r.authorization))).toEqual(new Set([`Bearer ${w.token}`]));
    clock.advance(10 * MINUTE);
    const error = await rejectionOf(one(w.client));
    expect(error.message).toMatch(/The last renewal failed: .*\(INVALID_RESPONSE\)/);
    texts.push(...errorRenderings(error));
    for (const secret of [CANARY, stale]) {
      expect(findFragment(texts, secret)).toBeUndefined();
      for (const form of encodedForms(secret)) expect(texts.join('\n')).not.toContain(form);
    }
  });
});

describe('renewal and the rate limit', () => {
  it('the renew call takes no slot from the resource calls\' quota', async () => {
    // Two requests per hour in a store the app shares (as it would share Redis between instances):
    // had the renewal taken a slot, the second call could not have gone out.
    const store = createMemoryQuotaStore();
    const w = await world({ expiresInMs: 2 * MINUTE, client: { quota: { limit: 2, windowMs: HOUR, store } } });
    await one(w.client);
    await one(w.client);
    expect(w.sessionCalls()).toBe(1);
    expect(resourceRequests(w.proxy)).toHaveLength(2);
    expect(await w.client.quotaStatus()).toMatchObject({ limit: 2, remaining: 0 });
  });
});

describe('config', () => {
  const base = { provider: 'verifik', token: 'config-token-123456' } as const;
  const build = (config: Record<string, unknown>) => createCollectionClient({ ...base, ...config } as { provider: string });

  it('validates the renewal options, never quoting the token', () => {
    for (const bad of [{ renewToken: 'yes' }, { renewBeforeExpiryMs: 10 }, { renewBeforeExpiryMs: 31 * DAY }, { renewBeforeExpiryMs: 1.5e3 + 0.5 }, { onTokenRenewed: 42 }]) {
      const error = configError(() => build(bad));
      expect(error.message).toContain(Object.keys(bad)[0]);
      expect(error.message).not.toContain(base.token);
    }
    expect(configError(() => build({ onTokenRenew: () => undefined })).message)
      .toBe('unknown option "onTokenRenew" for verifik; did you mean "onTokenRenewed"?');
    expect(build({ renewToken: true, renewBeforeExpiryMs: HOUR, onTokenRenewed: () => undefined }).provider).toBe('verifik');
  });

  it('refuses renewal options that could never take effect', () => {
    const fn = () => 'function-token-123456';
    for (const [config, said] of [
      [{ token: fn, onTokenRenewed: () => undefined }, /onTokenRenewed has no effect with a function `token`/],
      [{ token: fn, renewToken: true }, /renewToken: true has no effect with a function `token`/],
      [{ token: fn, renewBeforeExpiryMs: HOUR }, /renewBeforeExpiryMs has no effect with a function/],
      [{ renewToken: false, onTokenRenewed: () => undefined }, /onTokenRenewed has no effect with renewToken: false/],
      [{ renewToken: false, renewBeforeExpiryMs: HOUR }, /renewBeforeExpiryMs has no effect with renewToken: false/],
    ] as const) {
      expect(configError(() => build(config)).message).toMatch(said);
    }
    expect(build({ token: fn, renewToken: false }).provider).toBe('verifik');
  });
});
