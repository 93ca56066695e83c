/** Parent side of bench/server.ts: starts the vendor server in a child process and talks to it. */
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { exited, spawnNode, withTimeout } from './children.ts';
// @ts-ignore TS5097 (see above)
import type { ServerSpec } from './fixtures.ts';

const SERVER_ENTRY = fileURLToPath(new URL('./server.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 10_000;

export interface ServerStats {
  requests: number;
  byRoute: Record<string, number>;
  /** TCP connections the server accepted since start (or the last reset). */
  connections: number;
  peakOpenConnections: number;
  /** Most requests the server was handling at once: the concurrency the client really achieved. */
  peakInFlight: number;
  /** Answers by HTTP status (e.g. `byStatus[429]`). */
  byStatus: Record<number, number>;
  /** End (ms since the epoch) of the first and the last rate-limit window a request was counted in. */
  firstWindowEnd?: number;
  lastWindowEnd?: number;
}

export interface BenchServer {
  url: string;
  stats(): Promise<ServerStats>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(spec: ServerSpec): Promise<BenchServer> {
  const child = spawnNode([SERVER_ENTRY, JSON.stringify(spec)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  // One command at a time, each answered by exactly one line, so the next line is the answer.
  const next = async (what: string, timeoutMs: number): Promise<Record<string, unknown>> => {
    const line = await withTimeout(lines.next(), timeoutMs, `bench server (${spec.provider}): ${what}`);
    if (line.done) throw new Error(`bench server (${spec.provider}) exited during ${what}`);
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  const ask = async (command: string): Promise<Record<string, unknown>> => {
    child.stdin!.write(`${command}\n`);
    return next(command, COMMAND_TIMEOUT_MS);
  };

  try {
    const ready = await next('start', START_TIMEOUT_MS);
    if (typeof ready.url !== 'string' || !ready.url.startsWith('http://127.0.0.1:')) {
      throw new Error(`bench server did not report a loopback url: ${JSON.stringify(ready)}`);
    }
    return {
      url: ready.url,
      stats: async () => (await ask('stats')) as unknown as ServerStats,
      reset: async () => { await ask('reset'); },
      stop: async () => {
        const done = exited(child, `bench server (${spec.provider})`, COMMAND_TIMEOUT_MS);
        child.stdin!.end();
        await done;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** Runs `use` against a fresh server and always stops it, also when `use` throws. */
export async function withServer<T>(spec: ServerSpec, use: (server: BenchServer) => Promise<T>): Promise<T> {
  const server = await startServer(spec);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}
