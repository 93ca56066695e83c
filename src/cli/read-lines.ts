import { UsageError } from './exit-codes.js';

const NEWLINE = 0x0a;

/**
 * Far more than any id or comment needs. Without a bound, input with no newline at all (a binary
 * file, /dev/zero) would be buffered whole before the first line could be rejected.
 */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface Line {
  /** 1-based, as editors count. */
  number: number;
  text: string;
}

/**
 * The lines of a byte stream, read as they arrive so the caller can stop at any point (returning
 * from the loop destroys the stream). Each line is decoded on its own and strictly: a lenient
 * decoder turns bad bytes into U+FFFD, which would then be sent as part of an id no one has.
 * Splitting on the 0x0A byte is safe because UTF-8 never uses it inside a multibyte sequence.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>, sourceName: string): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;

  const decode = (bytes: Uint8Array): Line => {
    number += 1;
    try {
      return { number, text: decoder.decode(bytes) };
    } catch {
      throw new UsageError(`${sourceName}: line ${number} is not valid UTF-8; ids must be UTF-8 text, one per line`);
    }
  };
  const tooLong = (): UsageError => new UsageError(
    `${sourceName}: line ${number + 1} is longer than ${MAX_LINE_BYTES} bytes; expected one id per line`,
  );

  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE, start); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      if (pendingBytes + end - start > MAX_LINE_BYTES) throw tooLong();
      const tail = bytes.subarray(start, end);
      let line: Uint8Array = tail;
      if (pending.length > 0) {
        pending.push(tail);
        line = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
      }
      yield decode(line);
      start = end + 1;
    }
    if (start < bytes.length) {
      pendingBytes += bytes.length - start;
      if (pendingBytes > MAX_LINE_BYTES) throw tooLong();
      pending.push(bytes.subarray(start));
    }
  }
  if (pending.length > 0) yield decode(Buffer.concat(pending));
}
