/**
 * A client-wide allowance of retries, so a storm of 429s or 5xx fails fast instead of
 * multiplying the load (the idea of the AWS SDK's retry quota). Each retry spends a token;
 * each request that succeeds gives back a fraction.
 */
export class RetryBudget {
  #tokens: number;

  constructor(
    private readonly capacity = 20,
    private readonly refundPerSuccess = 0.5,
  ) {
    this.#tokens = capacity;
  }

  tryAcquire(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  onSuccess(): void {
    this.#tokens = Math.min(this.capacity, this.#tokens + this.refundPerSuccess);
  }

  get available(): number {
    return this.#tokens;
  }
}
