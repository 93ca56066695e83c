import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

/**
 * The CLI run in this process against in-memory streams: sweeps over hundreds of inputs cost
 * milliseconds each instead of a Node start-up, and may hold what argv cannot (a NUL byte). The
 * spawned-binary tests cover the same behaviour on a sample of those inputs.
 */

export interface MemoryRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

export interface MemoryIoOptions {
  /** Stdin as this stream or these chunks, in order; omitted, stdin is an empty pipe. */
  stdin?: Readable | Iterable<string | Uint8Array>;
  stdinIsTTY?: boolean;
  /** stderr as a terminal: progress bars draw on it. */
  stderrIsTTY?: boolean;
  env?: Record<string, string>;
}

export function memoryIo(options: MemoryIoOptions = {}): CliIo & { out: () => string; err: () => string } {
  const source = options.stdin instanceof Readable ? options.stdin : Readable.from(options.stdin ?? [], { objectMode: false });
  const stdin = Object.assign(source, { isTTY: options.stdinIsTTY ?? false });
  const stdout = collector();
  const stderr = collector();
  return {
    stdin,
    stdout: stdout.stream,
    stderr: Object.assign(stderr.stream, { isTTY: options.stderrIsTTY ?? false }),
    env: options.env ?? {},
    signal: new AbortController().signal,
    out: stdout.text,
    err: stderr.text,
  };
}

export async function runInProcess(args: readonly string[], options: MemoryIoOptions = {}): Promise<MemoryRun> {
  const io = memoryIo(options);
  const code = await runCli(['node', 'unified-collections', ...args], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** What must never reach a terminal raw: controls, format characters, line separators, lone surrogates. */
export const UNSAFE_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** The characters the quoting sweeps put into user-supplied values. */
export const CONTROL_SWEEP: readonly string[] = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
  '\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '\u202e', '\u200b', '\ufeff', '\ud800',
];

/** The stderr of a failed command: exactly one line, nothing raw on it. */
export function expectOneSafeLine(stderr: string): string {
  if (!stderr.endsWith('\n')) throw new Error(`stderr does not end with a newline: ${JSON.stringify(stderr)}`);
  const line = stderr.slice(0, -1);
  if (line.includes('\n')) throw new Error(`stderr has more than one line: ${JSON.stringify(stderr)}`);
  if (UNSAFE_CHARACTER.test(line)) throw new Error(`stderr holds a raw control character: ${JSON.stringify(stderr)}`);
  return line;
}
