import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  emptyQuotaState, observeWindow, type QuotaState, releaseSlot, reserveSlot, snapshotOf,
} from '../../src/quota/quota-model.js';

/**
 * The quota model against a simulated vendor, in virtual time: a fixed window per key opened by
 * the first request that arrives (on a whole second, as the emulator and X-RateLimit-Reset do),
 * requests that take random time to arrive and to answer, C workers, and a first request that
 * goes alone (the client's probe). Whatever the latencies, limit, window and concurrency, once
 * that first answer is in no request arrives that the window refuses, and every job ends.
 */

interface Vendor {
  windowStart?: number;
  count: number;
}

function vendorHit(vendor: Vendor, t: number, limit: number, windowMs: number) {
  if (vendor.windowStart === undefined || t >= vendor.windowStart + windowMs) {
    vendor.windowStart = windowMs % 1000 === 0 ? Math.floor(t / 1000) * 1000 : t;
    vendor.count = 0;
  }
  vendor.count += 1;
  const resetAt = Math.ceil((vendor.windowStart + windowMs) / 1000) * 1000;
  return { allowed: vendor.count <= limit, remaining: Math.max(0, limit - vendor.count), resetAt };
}

interface Scenario {
  limit: number;
  windowMs: number;
  concurrency: number;
  requests: number;
  /** Per request: time to reach the vendor, and to come back (ms). */
  latencies: Array<[number, number]>;
  start: number;
}

/** Runs the job; returns the 429s and when it ended. */
function simulate(s: Scenario): { refused: number; sent: number; endedAt: number } {
  let state: QuotaState = emptyQuotaState();
  const vendor: Vendor = { count: 0 };
  const defaults = { limit: 1_000, windowMs: s.windowMs };
  const events: Array<{ t: number; seq: number; run: (t: number) => void }> = [];
  let seq = 0;
  const at = (t: number, run: (t: number) => void) => {
    events.push({ t, seq: seq++, run });
  };
  let remaining = s.requests;
  let refused = 0;
  let sent = 0;
  let probed = false;
  let leaseSeq = 0;
  let endedAt = s.start;

  const worker = (t: number): void => {
    if (remaining === 0) return;
    if (!probed && sent > 0) {
      at(t + 50, worker); // held behind the first request
      return;
    }
    const lease = { id: `l${leaseSeq++}`, expiresAt: t + 35_000 };
    const { state: next, reservation } = reserveSlot(state, t, defaults, lease);
    state = next;
    if (!reservation.granted) {
      at(Math.max(t + 1, reservation.retryAt), worker);
      return;
    }
    remaining -= 1;
    const [up, down] = s.latencies[sent % s.latencies.length]!;
    sent += 1;
    at(t + up, (arrival) => {
      const answer = vendorHit(vendor, arrival, s.limit, s.windowMs);
      at(arrival + down, (back) => {
        const observation = { limit: s.limit, remaining: answer.allowed ? answer.remaining : 0, resetAt: answer.resetAt };
        state = observeWindow(state, observation, back);
        state = releaseSlot(state, lease.id, back, answer.resetAt <= back);
        probed = true;
        endedAt = Math.max(endedAt, back);
        if (!answer.allowed) {
          refused += 1;
          remaining += 1; // sat out and sent again
        }
        worker(back);
      });
    });
  };

  for (let w = 0; w < s.concurrency; w += 1) at(s.start, worker);
  let steps = 0;
  while (events.length > 0) {
    events.sort((a, b) => a.t - b.t || a.seq - b.seq);
    const next = events.shift()!;
    next.run(next.t);
    steps += 1;
    if (steps > 2_000_000) throw new Error('the job never ended');
  }
  return { refused, sent, endedAt };
}

const scenario = fc.record({
  limit: fc.integer({ min: 1, max: 30 }),
  windowMs: fc.constantFrom(1_000, 2_500, 5_000, 60_000),
  concurrency: fc.integer({ min: 1, max: 64 }),
  requests: fc.integer({ min: 1, max: 200 }),
  latencies: fc.array(fc.tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 900 })), { minLength: 1, maxLength: 20 }),
  start: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }),
});

describe('quota model against a simulated fixed-window vendor', () => {
  it('no request is refused, at any concurrency and latency, and every request is sent (property)', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { refused, sent } = simulate(s);
      expect(refused).toBe(0);
      expect(sent).toBe(s.requests);
    }), { numRuns: 400 });
  });

  it('a lease that lapses frees its slot (a process killed mid-request does not hold it forever)', () => {
    const defaults = { limit: 2, windowMs: 1_000 };
    let state = observeWindow(emptyQuotaState(), { limit: 2, remaining: 2, resetAt: 10_000 }, 0);
    state = reserveSlot(state, 0, defaults, { id: 'a', expiresAt: 5_000 }).state;
    state = reserveSlot(state, 0, defaults, { id: 'b', expiresAt: 50_000 }).state;
    expect(reserveSlot(state, 1, defaults).reservation).toEqual({ granted: false, retryAt: 10_000 });
    // At the reset, 'a' has lapsed and 'b' is still in flight: one slot is carried over.
    const after = reserveSlot(state, 10_000, defaults, { id: 'c', expiresAt: 60_000 });
    expect(after.reservation).toEqual({ granted: true });
    expect(reserveSlot(after.state, 10_000, defaults).reservation.granted).toBe(false);
    // 'b' answers from the old window: its carried slot goes back.
    const released = releaseSlot(after.state, 'b', 10_001, true);
    expect(reserveSlot(released, 10_001, defaults).reservation.granted).toBe(true);
  });

  it('an answer can only raise what is used, and a stale answer changes nothing', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }),
      (limit, reserved, remaining) => {
        let state = observeWindow(emptyQuotaState(), { limit, remaining: limit, resetAt: 60_000 }, 0);
        for (let i = 0; i < reserved; i += 1) state = reserveSlot(state, 1, { limit }).state;
        const seen = observeWindow(state, { limit, remaining: Math.min(limit, remaining), resetAt: 60_000 }, 2);
        expect(snapshotOf(seen, 2, {})!.remaining).toBeLessThanOrEqual(snapshotOf(state, 2, {})!.remaining);
        expect(observeWindow(state, { remaining: 0, resetAt: 1 }, 2)).toEqual(state);
      },
    ));
  });
});
