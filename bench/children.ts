/**
 * Every child process the bench starts goes through here, so all of them can be killed at the
 * end, on an error or on Ctrl-C, and none outlives the bench.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const live = new Set<ChildProcess>();

/** Node itself (the npm script puts Node 22 first on PATH), with the given arguments. */
export function spawnNode(args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(process.execPath, args, options);
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** Resolves when the child has exited; rejects on a spawn error, a non-zero exit or after `timeoutMs`. */
export function exited(child: ChildProcess, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what}: no exit within ${timeoutMs} ms (killed)`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // 'close' (not 'exit'): by then stdout has been read to the end.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${what}: exited with ${signal ?? `code ${code}`}`));
    });
  });
}

/** Rejects after `ms` unless `promise` settles first; the timer never keeps the process alive. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface NodeRun {
  /** Wall time from just before spawn until the process has exited and its output is read. */
  ms: number;
  stdout: string;
}

/** Runs `node …args` to completion, capturing stdout (stderr is quoted when it fails). */
export async function runNode(args: readonly string[], cwd: string, timeoutMs: number, what: string): Promise<NodeRun> {
  const start = performance.now();
  const child = spawnNode(args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  try {
    await exited(child, what, timeoutMs);
  } catch (error) {
    const stderr = Buffer.concat(err).toString('utf8').trim().slice(-2000);
    throw new Error(`${(error as Error).message}${stderr === '' ? '' : `\n${stderr}`}`);
  }
  return { ms: performance.now() - start, stdout: Buffer.concat(out).toString('utf8') };
}
