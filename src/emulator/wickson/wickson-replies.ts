import { isoSeconds, type Prng } from '../prng.js';
import type { EmulatorResponse } from '../wire.js';

export const API_VERSION = '1.0.0';

/** Wickson's envelopes, as the seed pages show them. */
export class WicksonReplies {
  constructor(
    private readonly prng: Prng,
    private readonly now: () => number,
  ) {}

  requestId(): string {
    return `req_${this.prng.hex(16)}`;
  }

  /** The add-items page uses its own id format: `collection_20250311_121530_4a8fb923`. */
  collectionRequestId(): string {
    const [date = '', time = ''] = isoSeconds(this.now()).replace('Z', '').split('T');
    return `collection_${date.replaceAll('-', '')}_${time.replaceAll(':', '')}_${this.prng.hex(8)}`;
  }

  timestamp(): string {
    return isoSeconds(this.now());
  }

  ok(message: string, data: unknown, metadata?: Record<string, unknown>): EmulatorResponse {
    return { status: 200, body: { success: true, message, data, ...(metadata && { metadata }) } };
  }

  error(status: number, code: string, message: string, specific: string, requestId = this.requestId()): EmulatorResponse {
    return { status, body: { success: false, message, error: { code, details: { specific, request_id: requestId } } } };
  }

  /** The rate-limit page shows a flatter shape than the other error pages. */
  rateLimited(limit: number, resetSeconds: number, windowSeconds: number): EmulatorResponse {
    return {
      status: 429,
      body: {
        success: false,
        code: 'rate_limit_error',
        message: 'Rate limit exceeded',
        status_code: 429,
        details: { limit, remaining: 0, reset_time: resetSeconds, window_size: windowSeconds },
        request_id: this.requestId(),
        suggestion: 'Reduce the request rate and retry after the reset time (see X-RateLimit-Reset).',
      },
    };
  }

  /** A plausible body for a failure the vendor produced without saying more. */
  failure(status: number): unknown {
    if (status === 429) {
      return this.rateLimited(1000, Math.ceil(this.now() / 1000) + 3600, 3600).body;
    }
    const codes: Record<number, string> = {
      400: 'VALIDATION_ERROR',
      401: 'INVALID_API_KEY',
      403: 'INSUFFICIENT_PERMISSIONS',
      404: 'NOT_FOUND',
    };
    const code = codes[status] ?? 'PROCESSING_ERROR';
    return this.error(status, code, 'An unexpected error occurred', `HTTP ${status}`).body;
  }
}
