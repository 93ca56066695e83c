import { AttemptTimeout } from './attempt-signals.js';

/** Why a body could not be read; the client turns these into CollectionErrors. */
export class BodyReadFailure extends Error {
  constructor(readonly kind: 'timeout' | 'too-large' | 'aborted' | 'network' | 'encoding', readonly detail?: unknown) {
    super(`body read failed: ${kind}`);
  }
}

export interface ReadBodyOptions {
  maxBytes: number;
  /**
   * The attempt's signal: its time bound covers the body too, so a server that sends headers
   * and then stalls, or drips a byte at a time, cannot hold a call past its attempt timeout.
   */
  signal: AbortSignal;
  /**
   * Reject bytes that are not UTF-8 instead of replacing them with U+FFFD: a 2xx body is data
   * (ids we may send back), and a silently altered id would address something else.
   */
  strictUtf8?: boolean;
}

const failureFor = (signal: AbortSignal) => new BodyReadFailure(signal.reason instanceof AttemptTimeout ? 'timeout' : 'aborted');

/** Reads a response body as text within the attempt's time bound and a size cap. */
export async function readBodyText(response: Response, options: ReadBodyOptions): Promise<string> {
  if (!response.body) return '';
  const { signal } = options;
  // A declared length over the cap fails before a single byte is buffered.
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.body.cancel().catch(() => undefined);
    throw new BodyReadFailure('too-large');
  }
  if (signal.aborted) {
    response.body.cancel().catch(() => undefined);
    throw failureFor(signal);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    onAbort = () => reject(failureFor(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // Settled by the race below while reading; afterwards nothing may surface as unhandled.
  stop.catch(() => undefined);
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await Promise.race([reader.read(), stop]);
      } catch (error) {
        throw error instanceof BodyReadFailure ? error : new BodyReadFailure('network', error);
      }
      if (step.done) break;
      size += step.value.byteLength;
      if (size > options.maxBytes) throw new BodyReadFailure('too-large');
      chunks.push(step.value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
  try {
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    return new TextDecoder('utf-8', { fatal: options.strictUtf8 ?? false }).decode(bytes);
  } catch (error) {
    throw new BodyReadFailure('encoding', error);
  }
}
