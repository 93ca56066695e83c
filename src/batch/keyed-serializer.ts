/**
 * Runs tasks one at a time per key, in the order they were submitted, while tasks of different
 * keys run freely. Read-modify-write of one vendor record (a Verifik person's `collections`)
 * goes through it, so two calls of one client never interleave their read and write on the
 * same record and lose an update. A key's entry is dropped once its last task settles, so the
 * map only holds keys with work in flight.
 *
 * This only orders work inside one client object: the vendor has no ETag or lock, so another
 * process (or another client instance) writing the same record can still interleave.
 */
export class KeyedSerializer {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    // A failed predecessor must not stop its successors: each task settles on its own.
    const result = previous.then(task, task);
    const tail = result.then(() => undefined, () => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests and diagnostics). */
  get activeKeys(): number {
    return this.#tails.size;
  }
}
