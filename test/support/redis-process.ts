import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A real redis-server on a free loopback port, with no persistence, for the tests
 * (test/support/redis-server.ts) and the bench. Nothing is installed from here.
 */

export const REDIS_INSTALL_COMMAND = 'apt-get update && apt-get install -y redis-server';
export const START_TIMEOUT_MS = 10_000;
export const STOP_TIMEOUT_MS = 5_000;

/** `REDIS_SERVER_BIN` names the binary (`none`: act as if it were not installed); else PATH and the usual places. */
export function findRedisServer(): string | undefined {
  const named = process.env.REDIS_SERVER_BIN;
  if (named !== undefined && named !== '') return named !== 'none' && existsSync(named) ? named : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
  return dirs.filter((dir) => dir !== '').map((dir) => join(dir, 'redis-server')).find((path) => existsSync(path));
}

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` (with the password, when the server has one). */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL); the port stays reserved for `start()`. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop()`): an empty server, as after a restart. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One PING over a raw socket: true once the server answers PONG (or asks for a password). */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString('utf8'))));
  });
}

async function launch(binary: string, port: number, dir: string, password: string | undefined): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
    ...(password === undefined ? [] : ['--requirepass', password])];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString('utf8')).slice(-4000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  child.once('exit', () => { exited = true; });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await pings(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer PING on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return child;
}

async function halt(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await gone;
  clearTimeout(timer);
}

export async function startRedisServer(binary: string, options: { password?: string } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'uc-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  // Another process may take the free port between the probe and the launch: try a few.
  for (let attempt = 1; child === undefined; attempt += 1) {
    port = await freePort();
    try {
      child = await launch(binary, port, dir, options.password);
    } catch (error) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child !== undefined) await halt(child);
    },
    start: async () => {
      if (child !== undefined) await halt(child);
      child = await launch(binary, port, dir, options.password);
    },
    dispose: async () => {
      if (child !== undefined) await halt(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

