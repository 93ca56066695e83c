import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { RetryBudget } from '../../src/http/retry-budget.js';
import { itemSchema, makeClient, rejectionOf } from '../support/http-harness.js';
import { useNock } from '../support/use-nock.js';

// Figure 9: a 429/503 storm does not multiply load; once the client-wide retry budget is spent,
// calls fail fast after one request each, and successes slowly earn retries back.
const ORIGIN = 'https://vendor.test';
const CALLS = 40;
const CAPACITY = 20;

useNock();

function storm(status: number, headers: Record<string, string> = {}): { hits: () => number } {
  let hits = 0;
  nock(ORIGIN).get(/\/things\/\d+/).reply(() => {
    hits += 1;
    return [status, '{"message":"storm"}', { 'content-type': 'application/json', ...headers }];
  }).persist();
  return { hits: () => hits };
}

describe('a storm over many calls', () => {
  it.each([
    ['429 with Retry-After: 1', 429, { 'retry-after': '1' }],
    ['503', 503, {}],
  ] as const)('%s: server load is bounded by calls + budget, not calls × 3', async (_label, status, headers) => {
    const server = storm(status, headers);
    const { client, clock } = makeClient(ORIGIN);
    const attempts: number[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      const error = await rejectionOf(client.request({ method: 'GET', path: `/things/${i}`, schema: itemSchema, operation: 'read' }));
      expect(error.status).toBe(status);
      attempts.push(error.attempts ?? 0);
    }
    expect(server.hits()).toBe(CALLS + CAPACITY);
    expect(server.hits()).toBeLessThan(CALLS * 3);
    // The first calls retry fully; once spent, every call is a single request.
    expect(attempts.slice(0, CAPACITY / 2)).toEqual(Array(CAPACITY / 2).fill(3));
    expect(attempts.slice(-10)).toEqual(Array(10).fill(1));
    if (status === 503) {
      expect(clock.sleeps).toHaveLength(CAPACITY);
    } else {
      // A 429 also closes the window for its Retry-After: later calls wait it out before
      // sending (the quota scheduler), as long as the server asked, never longer.
      expect(clock.sleeps.length).toBeGreaterThanOrEqual(CAPACITY);
      expect(new Set(clock.sleeps)).toEqual(new Set([1_000]));
    }
  });

  it('in parallel too: 40 concurrent calls never exceed calls + budget requests', async () => {
    const server = storm(503);
    const { client } = makeClient(ORIGIN);
    await Promise.all(Array.from({ length: CALLS }, (_, i) => rejectionOf(
      client.request({ method: 'GET', path: `/things/${i}`, schema: itemSchema, operation: 'read' }),
    )));
    expect(server.hits()).toBeLessThanOrEqual(CALLS + CAPACITY);
  });

  it('successes refund the budget, so retries resume after the storm', async () => {
    let failing = true;
    let hits = 0;
    nock(ORIGIN).get(/\/things\/\d+/).reply(() => {
      hits += 1;
      return failing ? [503, '{}'] : [200, '{"id":"ok"}'];
    }).persist();
    const { client } = makeClient(ORIGIN);
    const read = (i: number) => client.request({ method: 'GET', path: `/things/${i}`, schema: itemSchema, operation: 'read' });
    for (let i = 0; i < 15; i += 1) await rejectionOf(read(i));
    const spent = await rejectionOf(read(99));
    expect(spent.attempts).toBe(1);
    failing = false;
    for (let i = 0; i < 4; i += 1) await read(i);
    failing = true;
    hits = 0;
    const after = await rejectionOf(read(100));
    expect(after.attempts).toBe(3);
    expect(hits).toBe(3);
  });
});

describe('RetryBudget', () => {
  it('spends one token per retry, refunds half a token per success, never above capacity', () => {
    const budget = new RetryBudget(3, 0.5);
    expect([budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire()]).toEqual([true, true, true, false]);
    budget.onSuccess();
    expect(budget.tryAcquire()).toBe(false);
    budget.onSuccess();
    expect(budget.tryAcquire()).toBe(true);
    for (let i = 0; i < 100; i += 1) budget.onSuccess();
    expect(budget.available).toBe(3);
  });
});
