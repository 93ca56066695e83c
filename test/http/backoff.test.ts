import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { isNotSent } from '../../src/errors.js';
import { backoffDelay, decideStatusRetry, serverRequestedDelay } from '../../src/http/retry-policy.js';
import { FAKE_EPOCH, FakeClock } from '../support/fake-clock.js';
import { itemSchema, makeClient, rejectionOf } from '../support/http-harness.js';
import { useNock } from '../support/use-nock.js';

// Figure 2: waits are bounded and never earlier than the server asked; every wait is read off
// the injected clock, so nothing here sleeps.
const ORIGIN = 'https://vendor.test';
const EPOCH_S = FAKE_EPOCH / 1000;

useNock();

function serve(replies: Array<[number, unknown, Record<string, string>?]>): { hits: () => number } {
  let hits = 0;
  nock(ORIGIN).get('/things/1').times(replies.length + 5).reply(() => {
    const [status, body, headers] = replies[Math.min(hits, replies.length - 1)]!;
    hits += 1;
    return [status, JSON.stringify(body), { 'content-type': 'application/json', ...headers }];
  });
  return { hits: () => hits };
}

function get(overrides: Parameters<typeof makeClient>[1] = {}) {
  const made = makeClient(ORIGIN, overrides);
  return { ...made, run: () => made.client.request({ method: 'GET', path: '/things/1', schema: itemSchema, operation: 'read' }) };
}

describe('exponential backoff', () => {
  it('doubles from the base, capped, with the jitter in [step/2, step]', async () => {
    const server = serve([[503, {}]]);
    const { run, clock } = get({ maxRetries: 4, backoff: { baseDelayMs: 100, maxDelayMs: 400 }, random: () => 0.5 });
    await rejectionOf(run());
    expect(clock.sleeps).toEqual([75, 150, 300, 300]);
    expect(server.hits()).toBe(5);
  });

  it('property: every backoff is within [step/2, step] and never above the cap', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 60_000 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (retry, base, cap, r) => {
        const step = Math.min(cap, base * 2 ** (retry - 1));
        const delay = backoffDelay(retry, { baseDelayMs: base, maxDelayMs: cap }, () => r);
        return delay >= Math.floor(step / 2) && delay <= Math.ceil(step) && delay <= cap;
      },
    ), { numRuns: 1000 });
  });
});

describe('server-requested waits', () => {
  const at = (seconds: number) => new Date(FAKE_EPOCH + seconds * 1000);
  const imf = (s: number) => at(s).toUTCString();
  const rfc850 = (s: number) => {
    const d = at(s);
    const day = d.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
    const [, dd, mon, yyyy, time] = d.toUTCString().split(' ');
    return `${day}, ${dd}-${mon}-${yyyy!.slice(2)} ${time} GMT`;
  };
  const asctime = (s: number) => {
    const [wkd, dd, mon, yyyy, time] = at(s).toUTCString().replace(',', '').split(' ');
    return `${wkd} ${mon} ${String(Number(dd)).padStart(2, ' ')} ${time} ${yyyy}`;
  };

  // Absolute forms are built from the clock at answer time, as a real server would.
  it.each([
    ['Retry-After in seconds', () => ({ 'retry-after': '7' }), 7_000],
    ['Retry-After as IMF-fixdate', (now: number) => ({ 'retry-after': imf(now + 12) }), 12_000],
    ['Retry-After as RFC 850 date', (now: number) => ({ 'retry-after': rfc850(now + 13) }), 13_000],
    ['Retry-After as asctime date', (now: number) => ({ 'retry-after': asctime(now + 14) }), 14_000],
    ['X-RateLimit-Reset (Unix seconds)', (now: number) => ({ 'x-ratelimit-reset': String(EPOCH_S + now + 9) }), 9_000],
  ])('429 with %s: waits exactly that long before each retry', async (_label, headers, expected) => {
    const clock = new FakeClock();
    const seconds = () => (clock.now() - FAKE_EPOCH) / 1000;
    let hits = 0;
    nock(ORIGIN).get('/things/1').times(3).reply(() => {
      hits += 1;
      return [429, '{"message":"slow down"}', { 'content-type': 'application/json', ...headers(seconds()) }];
    });
    const { run } = get({ clock });
    const error = await rejectionOf(run());
    expect(error.code).toBe('RATE_LIMITED');
    expect(hits).toBe(3);
    expect(clock.sleeps).toEqual([expected, expected]);
  });

  it('the same absolute date twice: the second wait is what is left of it', async () => {
    const server = serve([[503, {}, { 'retry-after': imf(12) }]]);
    const { run, clock } = get();
    await rejectionOf(run());
    expect(clock.sleeps).toEqual([12_000, 0]);
    expect(server.hits()).toBe(3);
  });

  it('asctime dates are read as GMT whatever the machine time zone', () => {
    // Date.parse reads asctime in local time; prove the parser does not, in a zone far from UTC.
    const module = pathToFileURL(resolve('src/http/http-date.ts')).href;
    const script = `const { parseHttpDate } = await import(${JSON.stringify(module)});
      process.stdout.write(JSON.stringify([new Date(0).getTimezoneOffset(), parseHttpDate(${JSON.stringify(asctime(14))}, ${FAKE_EPOCH})]));`;
    for (const tz of ['America/New_York', 'Asia/Kolkata']) {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      expect(child.stderr.replace(/.*ExperimentalWarning.*\n?|.*--trace-warnings.*\n?/g, '')).toBe('');
      const [offset, parsed] = JSON.parse(child.stdout) as [number, number];
      expect(offset).not.toBe(0);
      expect(parsed).toBe(FAKE_EPOCH + 14_000);
    }
  });

  it('Wickson 429 body details.reset_time is honoured', async () => {
    const body = { success: false, code: 'rate_limit_error', message: 'Rate limit exceeded', status_code: 429, details: { limit: 1000, remaining: 0, reset_time: EPOCH_S + 20, window_size: 3600 } };
    const server = serve([[429, body], [200, { id: 'ok' }]]);
    const { run, clock } = get();
    await expect(run()).resolves.toMatchObject({ data: { id: 'ok' }, attempts: 2 });
    expect(clock.sleeps).toEqual([20_000]);
    expect(server.hits()).toBe(2);
  });

  it.each(['soon', '-5', '1.5', 'Sun, 99 Foo 2026 12:00:00 GMT', 'Sun, 01 Mar 2026 12:00:12 +0500'])(
    'an invalid Retry-After (%s) falls back to the bounded backoff', async (value) => {
      const server = serve([[503, {}, { 'retry-after': value }]]);
      const { run, clock } = get({ backoff: { baseDelayMs: 100, maxDelayMs: 400 }, random: () => 0 });
      await rejectionOf(run());
      expect(clock.sleeps).toEqual([50, 100]);
      expect(server.hits()).toBe(3);
    },
  );

  it.each<[string, [number, unknown, Record<string, string>]]>([
    ['a Wickson reset an hour ahead', [429, { details: { reset_time: EPOCH_S + 3600 } }, {}]],
    ['Retry-After: 3600', [429, {}, { 'retry-after': '3600' }]],
    ['X-RateLimit-Reset an hour ahead', [429, {}, { 'x-ratelimit-reset': String(EPOCH_S + 3600) }]],
  ])('%s: fails fast with RATE_LIMITED after ONE request', async (_label, reply) => {
    const server = serve([reply]);
    const { run, clock } = get();
    const error = await rejectionOf(run());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, attempts: 1, retryable: true });
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(3_599_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(3_600_000);
    expect(server.hits()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('a wait that does not fit in the operation deadline fails fast instead of sleeping', async () => {
    const server = serve([[429, {}, { 'retry-after': '10' }]]);
    const { run, clock } = get({ operationTimeoutMs: 5_000 });
    const error = await rejectionOf(run());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 10_000 });
    expect(server.hits()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('503 with Retry-After: 0 is retried at once', async () => {
    const server = serve([[503, {}, { 'retry-after': '0' }], [503, {}, { 'retry-after': '0' }], [200, { id: 'ok' }]]);
    const { run, clock } = get();
    await expect(run()).resolves.toMatchObject({ attempts: 3 });
    expect(clock.sleeps).toEqual([0, 0]);
    expect(server.hits()).toBe(3);
  });

  it('a 5xx carrying the hourly X-RateLimit-Reset retries on backoff, not at the window end', async () => {
    // Wickson sends its rate-limit headers on most answers; they say nothing about a 503.
    const limitHeaders = { 'x-ratelimit-remaining': '998', 'x-ratelimit-reset': String(EPOCH_S + 3600) };
    const server = serve([[503, {}, limitHeaders], [500, {}, limitHeaders], [200, { id: 'ok' }, limitHeaders]]);
    const { run, clock } = get();
    await expect(run()).resolves.toMatchObject({ attempts: 3 });
    expect(server.hits()).toBe(3);
    expect(clock.sleeps.every((ms) => ms <= 8)).toBe(true);
  });

  it('property: a retry never comes earlier than the server asked, and never past the cap', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 120 }), fc.constantFrom(429, 503, 500), fc.integer({ min: 1, max: 2 }),
      fc.constantFrom('seconds', 'date', 'reset'),
      (seconds, status, retryNumber, form) => {
        const headers = new Headers(form === 'seconds' ? { 'retry-after': String(seconds) }
          : form === 'date' ? { 'retry-after': new Date(FAKE_EPOCH + seconds * 1000).toUTCString() }
            : { 'x-ratelimit-reset': String(EPOCH_S + seconds) });
        const serverDelayMs = serverRequestedDelay(headers, FAKE_EPOCH, status);
        // The rate-limit window only bounds a 429; other statuses retry on their own backoff.
        if (form === 'reset' && status !== 429) return serverDelayMs === undefined;
        const decision = decideStatusRetry({
          status, operation: 'read', retryNumber, maxRetries: 2, serverDelayMs, maxServerWaitMs: 30_000,
          remainingMs: 90_000, backoff: { baseDelayMs: 500, maxDelayMs: 8_000 },
        });
        if (seconds * 1000 > 30_000) return !decision.retry && decision.retryAfterMs === seconds * 1000;
        return decision.retry && decision.delayMs >= seconds * 1000;
      },
    ), { numRuns: 1000 });
  });
});

describe('X-RateLimit-Remaining: 0 pauses sending until the reset', () => {
  it('the next request waits for the reset on the clock, then goes out', async () => {
    const server = serve([
      [200, { id: 'first' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(EPOCH_S + 15) }],
      [200, { id: 'second' }, { 'x-ratelimit-remaining': '999', 'x-ratelimit-reset': String(EPOCH_S + 3600) }],
    ]);
    const { run, clock } = get();
    await run();
    expect(clock.sleeps).toEqual([]);
    await expect(run()).resolves.toMatchObject({ data: { id: 'second' } });
    expect(clock.sleeps).toEqual([15_000]);
    expect(server.hits()).toBe(2);
  });

  it('a reset too far away fails fast without sending', async () => {
    const server = serve([[200, { id: 'first' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(EPOCH_S + 3600) }]]);
    const { run, clock } = get();
    await run();
    const error = await rejectionOf(run());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 3_600_000, attempts: 0 });
    expect(isNotSent(error)).toBe(true);
    expect(server.hits()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('after the window passes, requests flow again without waiting', async () => {
    const clock = new FakeClock();
    const server = serve([
      [200, { id: 'a' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(EPOCH_S + 5) }],
      [200, { id: 'b' }],
    ]);
    const { run } = get({ clock });
    await run();
    clock.advance(6_000);
    await run();
    expect(clock.sleeps).toEqual([]);
    expect(server.hits()).toBe(2);
  });
});

