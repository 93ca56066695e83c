import { isoMillis, type Prng } from '../prng.js';
import type { EmulatorResponse } from '../wire.js';

const REQUEST_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Verifik's envelopes differ per resource family: collections answer `{data}`, persons answer
 * `{id, data, signature}`, and errors come in several shapes (see vendor-apis.md 2.2).
 */
export class VerifikReplies {
  constructor(
    private readonly prng: Prng,
    private readonly now: () => number,
  ) {}

  private requestId(): string {
    let id = '';
    for (let i = 0; i < 5; i += 1) id += this.prng.pick([...REQUEST_ID_CHARS]);
    return id;
  }

  collection(data: unknown): EmulatorResponse {
    return { status: 200, body: { data } };
  }

  person(data: unknown, pagination?: Record<string, number>): EmulatorResponse {
    return {
      status: 200,
      body: {
        id: this.requestId(),
        data,
        ...(pagination && { pagination }),
        signature: { message: 'Certified by Verifik.co', dateTime: isoMillis(this.now()) },
      },
    };
  }

  error(status: number, body: Record<string, unknown>): EmulatorResponse {
    return { status, body };
  }

  /** 409 is Verifik's validation status. */
  missing(message: string): EmulatorResponse {
    return this.error(409, { message, code: 'MissingParameter' });
  }

  invalidCollection(): EmulatorResponse {
    return this.error(404, { message: 'invalid_collection', code: 'ERROR' });
  }

  personNotFound(): EmulatorResponse {
    return this.error(404, { error: 'Person not found', message: 'PERSON_NOT_FOUND' });
  }

  failure(status: number): unknown {
    const known: Record<number, Record<string, string>> = {
      401: { message: 'Authentication required', code: 'UNAUTHORIZED' },
      403: { message: 'token_expired', code: 'FORBIDDEN' },
      404: { message: 'invalid_collection', code: 'ERROR' },
      409: { message: 'invalid request', code: 'MissingParameter' },
      429: { message: 'Too many requests', code: 'TooManyRequests' },
    };
    return known[status] ?? { message: 'internal_error', code: 'ERROR' };
  }
}
