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

  /** {@inheritDoc QuotaStore.reserve} */
  async reserve(key: string, now: number, defaults: QuotaDefaults, lease?: QuotaLease): Promise<QuotaReservation> {
    const { state, reservation } = reserveSlot(this.#states.get(key) ?? emptyQuotaState(), now, defaults, lease);
    this.#states.set(key, state);
    return reservation;
  }

  /** {@inheritDoc QuotaStore.release} */
  async release(key: string, leaseId: string, now: number, landedBefore: boolean): Promise<void> {
    const state = this.#states.get(key);
    if (state !== undefined) this.#states.set(key, releaseSlot(state, leaseId, now, landedBefore));
  }

  /** {@inheritDoc QuotaStore.observe} */
  async observe(key: string, observation: QuotaObservation, now: number): Promise<void> {
    this.#states.set(key, observeWindow(this.#states.get(key) ?? emptyQuotaState(), observation, now));
  }

  /** {@inheritDoc QuotaStore.snapshot} */
  async snapshot(key: string, now: number, defaults: QuotaDefaults): Promise<QuotaSnapshot | undefined> {
    return snapshotOf(this.#states.get(key) ?? emptyQuotaState(), now, defaults);
  }
}

/**
 * A store to share one quota between several clients of this process: pass it as
 * `quota.store` to each. Clients of one provider with the same base URL (and on Wickson the same
 * API key), or the same `quota.key`, then draw on one window; without a shared store, each
 * client counts only its own requests.
 * For several processes, use {@link createRedisQuotaStore}.
 *
 * @returns A new, empty in-memory store.
 *
 * @example
 * ```ts
 * const store = createMemoryQuotaStore();
 * const jobs = createCollectionClient({ provider: 'wickson', quota: { store } });
 * const web = createCollectionClient({ provider: 'wickson', quota: { store } });
 * ```
 */
export function createMemoryQuotaStore(): QuotaStore {
  return new MemoryQuotaStore();
}
