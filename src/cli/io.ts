/** What the CLI touches of its process, so the commands never reach for `process` themselves. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT or SIGTERM: commands pass it to every library call. */
  signal: AbortSignal;
}

/** The flags every command accepts (declared once, on the root program). */
export interface GlobalOptions {
  provider?: string;
  baseUrl?: string;
  emulator?: boolean;
  json?: boolean;
  timeout?: number;
  attemptTimeout?: number;
  /** Sit out rate-limit windows of any length instead of failing the rest fast. */
  wait?: boolean;
  /** False with --no-progress. */
  progress: boolean;
}

/**
 * TERM=dumb declares a terminal that takes no escape sequences (cursor moves, line clearing,
 * colors): Emacs' shell, some CI consoles. Node's readline and cli-progress only look at isTTY.
 */
export function isDumbTerminal(io: CliIo): boolean {
  return io.env.TERM === 'dumb';
}

export function processIo(signal: AbortSignal): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, signal };
}
