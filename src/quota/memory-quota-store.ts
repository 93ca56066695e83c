import type {
  QuotaDefaults, QuotaLease, QuotaObservation, QuotaReservation, QuotaSnapshot, QuotaStore,
} from '../spec/quota.js';
import {
  emptyQuotaState, observeWindow, type QuotaState, releaseSlot, reserveSlot, snapshotOf,
} from './quota-model.js';

/**
 * Quota state in this process's memory: every client given the same store shares one quota per
 * credential. Each client gets its own when none is configured; for several processes, use the
 * Redis store. Operations are synchronous inside, so they are atomic per key.
 */
export class MemoryQuotaStore implements QuotaStore {
  readonly #states = new Map<string, QuotaState>();

  async reserve(key: string, now: number, defaults: QuotaDefaults, lease?: QuotaLease): Promise<QuotaReservation> {
    const { state, reservation } = reserveSlot(this.#states.get(key) ?? emptyQuotaState(), now, defaults, lease);
    this.#states.set(key, state);
    return reservation;
  }

  async release(key: string, leaseId: string, now: number, landedBefore: boolean): Promise<void> {
    const state = this.#states.get(key);
    if (state !== undefined) this.#states.set(key, releaseSlot(state, leaseId, now, landedBefore));
  }

  async observe(key: string, observation: QuotaObservation, now: number): Promise<void> {
    this.#states.set(key, observeWindow(this.#states.get(key) ?? emptyQuotaState(), observation, now));
  }

  async snapshot(key: string, now: number, defaults: QuotaDefaults): Promise<QuotaSnapshot | undefined> {
    return snapshotOf(this.#states.get(key) ?? emptyQuotaState(), now, defaults);
  }
}

/** A store to share one quota between several clients of this process. */
export function createMemoryQuotaStore(): QuotaStore {
  return new MemoryQuotaStore();
}
