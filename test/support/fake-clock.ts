import type { Clock } from '../../src/http/clock.js';

/** 2026-03-01T12:00:00Z: a whole second, so HTTP dates built from it are exact. */
export const FAKE_EPOCH = Date.UTC(2026, 2, 1, 12, 0, 0);

interface PendingSleep {
  until: number;
  resolve: () => void;
}

/**
 * A virtual clock: time moves only when something sleeps (auto mode) or when the test calls
 * advance() (hold mode). Every requested wait is recorded, so tests assert the exact waits the
 * library asked for instead of sleeping through them.
 */
export class FakeClock implements Clock {
  /** Every wait requested through sleep(), in order, including zero waits. */
  readonly sleeps: number[] = [];
  #now: number;
  readonly #hold: boolean;
  #pending: PendingSleep[] = [];
  #onSleep: Array<() => void> = [];

  constructor(options: { start?: number; hold?: boolean } = {}) {
    this.#now = options.start ?? FAKE_EPOCH;
    this.#hold = options.hold ?? false;
  }

  now(): number {
    return this.#now;
  }

  /** Waits requested so far, excluding the zero-length ones. */
  get positiveSleeps(): number[] {
    return this.sleeps.filter((ms) => ms > 0);
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.sleeps.push(ms);
    this.#onSleep.splice(0).forEach((notify) => notify());
    if (!this.#hold) {
      this.#now += Math.max(0, ms);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry: PendingSleep = { until: this.#now + Math.max(0, ms), resolve };
      const onAbort = () => {
        this.#pending = this.#pending.filter((p) => p !== entry);
        reject(signal?.reason);
      };
      entry.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.push(entry);
    });
  }

  /** Moves virtual time forward, waking every sleep that is due (hold mode). */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#pending.filter((p) => p.until <= this.#now);
    this.#pending = this.#pending.filter((p) => p.until > this.#now);
    due.forEach((p) => p.resolve());
  }

  /** Resolves once a sleep has been requested (immediately if one is pending in hold mode). */
  whenSleeping(): Promise<void> {
    if (this.#pending.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.#onSleep.push(resolve));
  }
}
