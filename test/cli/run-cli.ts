import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CLI_ENTRY, ROOT } from '../support/build-once.js';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The child's whole environment besides PATH: nothing is inherited, so no stray credential. */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed; stdin is always a pipe, never a terminal. */
  input?: string | Uint8Array;
  /** Piped to stdin instead of `input`, with backpressure; unpiped when the CLI exits. */
  stdin?: Readable;
  timeoutMs?: number;
}

/** Runs `node dist/cli/main.js …args` and collects its output. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.stdin?.unpipe(child.stdin).destroy();
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // the CLI may exit without reading its input
    if (options.stdin === undefined) child.stdin.end(options.input ?? '');
    else options.stdin.pipe(child.stdin);
  });
}

/**
 * A base URL for commands that must fail before any request: a port nothing listens on (one
 * below 1024 nobody runs a server on here) that fetch does not refuse outright, as it does the
 * discard port 9 (on its blocked list, which the CLI rejects before input is even looked at).
 */
export const OFFLINE_URL = 'http://127.0.0.1:2';

export function parseJson<T = any>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON:\n${text.slice(0, 2000)}`);
  }
}
