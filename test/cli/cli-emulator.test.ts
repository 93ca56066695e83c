import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { createInterface } from 'node:readline';
import { createCollectionClient } from 'unified-collections';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, CLI_ENTRY, ensureBuilt } from '../support/build-once.js';
import { vendorFixture } from '../support/vendors.js';
import { runInProcess } from './memory-io.js';
import { parseJson, runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
// Every test spawns Node processes; leave room for a loaded CI machine.
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

/** Starts `unified-collections emulator …` and resolves with its first stdout line. */
function startEmulatorCommand(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI_ENTRY, 'emulator', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then((code) => reject(new Error(`emulator command exited (${code}) before printing: ${stderr}`)));
  });
  return { child, firstLine, exited, stderr: () => stderr };
}

describe('CLI emulator command', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('--json prints its URL, serves until %s, then exits 0', async (signal) => {
    const run = startEmulatorCommand(['--provider', 'wickson', '--json']);
    try {
      const info = parseJson<{ provider: string; url: string; seed: string }>(await run.firstLine);
      expect(info).toMatchObject({ provider: 'wickson', seed: 'demo', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
      const client = createCollectionClient({ provider: 'wickson', apiKey: 'anything', baseUrl: info.url });
      expect((await client.listCollections()).map((c) => c.id)).toContain('research_papers');
    } finally {
      run.child.kill(signal);
    }
    expect(await run.exited).toBe(0);
  });

  it('prints a readable URL line; the CLI can point at it with --base-url', async () => {
    const run = startEmulatorCommand(['-p', 'verifik', '--seed', 'empty']);
    try {
      const line = await run.firstLine;
      expect(line).toMatch(/^verifik emulator listening on http:\/\/127\.0\.0\.1:\d+ \(seed: empty\)$/);
      const url = line.split(' ')[4] ?? '';
      const listed = await runCli(['collections', 'list', '-p', 'verifik', '--base-url', url, '--json'], { env: { VERIFIK_TOKEN: 't' } });
      expect(listed.code).toBe(0);
      expect(parseJson(listed.stdout)).toEqual([]);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  });

  it('--require-credential accepts only the credential in the environment', async () => {
    const run = startEmulatorCommand(['-p', 'wickson', '--json', '--require-credential'], { WICKSON_API_KEY: 'only-this-key' });
    try {
      const { url } = parseJson<{ url: string }>(await run.firstLine);
      const wrong = await runCli(['collections', 'list', '-p', 'wickson', '--base-url', url], { env: { WICKSON_API_KEY: 'another-key' } });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('UNAUTHORIZED');
      const right = await runCli(['collections', 'list', '-p', 'wickson', '--base-url', url], { env: { WICKSON_API_KEY: 'only-this-key' } });
      expect(right.code).toBe(0);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it('without a provider it is a usage error', async () => {
    const run = await runCli(['emulator']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('verifik, wickson');
  });
});

/** stderr once it holds a line: a warning written before stdout's first line may arrive after it. */
async function stderrLine(run: ReturnType<typeof startEmulatorCommand>): Promise<string> {
  for (let waited = 0; !run.stderr().includes('\n') && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  return run.stderr();
}

/** Collects the emulator command's stdout lines until `until` matches one. */
function linesUntil(run: ReturnType<typeof startEmulatorCommand>, until: RegExp): Promise<string[]> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const reader = createInterface({ input: run.child.stdout });
    reader.on('line', (line) => {
      lines.push(line);
      if (until.test(line)) resolve(lines.slice());
    });
    void run.exited.then((code) => reject(new Error(`emulator command exited (${code}): ${lines.join('\n')}\n${run.stderr()}`)));
  });
}

/** The words of a pasted line, as a POSIX shell splits them (plain and single-quoted words only). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/(?:[^\s']+|'[^']*')+/g)].map(([word]) => word.replace(/'([^']*)'/g, '$1'));
}

/** Runs the "try:" line as a shell would: leading NAME=value words are its whole environment. */
async function runTryLine(line: string) {
  const words = shellWords(line.replace(/^\s*try:\s*/, ''));
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [name, ...value] = (words.shift() ?? '').split('=');
    env[name ?? ''] = value.join('=');
  }
  expect(words.shift()).toBe('unified-collections');
  return { env, run: await runCli(words, { env }) };
}

describe('CLI emulator: the "try:" line', () => {
  it.each(['wickson', 'verifik'] as const)('%s: pasted as is (its variables and nothing else), it lists the collections', async (provider) => {
    const run = startEmulatorCommand(['-p', provider]);
    try {
      const lines = await linesUntil(run, /^\s*try:/);
      const { env, run: tried } = await runTryLine(lines.at(-1) ?? '');
      const { descriptor } = vendorFixture(provider);
      expect(Object.keys(env).sort()).toEqual([descriptor.baseUrlEnvVar, descriptor.credentialEnvVar].sort());
      expect({ code: tried.code, stderr: tried.stderr }).toEqual({ code: 0, stderr: '' });
      expect(tried.stdout).toMatch(/\d+ collections on /);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  });

  it('with --require-credential it never prints the credential, and names the variable it needs', async () => {
    const secret = 'only-this-key-Zq81x';
    const run = startEmulatorCommand(['-p', 'wickson', '--require-credential'], { WICKSON_API_KEY: secret });
    try {
      const lines = await linesUntil(run, /^\s*try:/);
      expect(lines.join('\n')).not.toContain(secret);
      expect(lines.join('\n')).toContain('only the credential in WICKSON_API_KEY');
      const words = shellWords((lines.at(-1) ?? '').replace(/^\s*try:\s*/, ''));
      const baseUrl = words.find((word) => word.startsWith('WICKSON_BASE_URL='))?.split('=')[1] ?? '';
      const tried = await runCli(words.slice(words.indexOf('unified-collections') + 1), { env: { WICKSON_BASE_URL: baseUrl, WICKSON_API_KEY: secret } });
      expect(tried.code).toBe(0);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  });
});

describe('CLI emulator on every interface (--host 0.0.0.0)', () => {
  it('--json: the URL is one the client accepts (loopback), where it listens beside it, and a warning on stderr', async () => {
    const run = startEmulatorCommand(['-p', 'wickson', '--host', '0.0.0.0', '--json']);
    try {
      const info = parseJson<{ url: string; listening: string }>(await run.firstLine);
      const port = /:(\d+)$/.exec(info.url)?.[1];
      expect(info).toMatchObject({ url: `http://127.0.0.1:${port}`, listening: `http://0.0.0.0:${port}` });
      const client = createCollectionClient({ provider: 'wickson', apiKey: 'anything', baseUrl: info.url });
      expect((await client.listCollections()).map((c) => c.id)).toContain('research_papers');
      // Without --json the plain http URL of a non-loopback host is refused before any request:
      expect(() => createCollectionClient({ provider: 'wickson', apiKey: 'anything', baseUrl: info.listening })).toThrow(/loopback/);
      const warning = parseJson<{ warning: { code: string; message: string } }>((await stderrLine(run)).split('\n')[0] ?? '');
      expect(warning.warning.code).toBe('EMULATOR_EXPOSED');
      expect(warning.warning.message).toMatch(/0\.0\.0\.0.*reachable from the network.*accepts any credential/);
      expect(warning.warning.message).toContain(`use ${info.url} on this machine`);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  });

  it('text: the first line is the loopback URL, the warning is on stderr, and the try line works', async () => {
    const run = startEmulatorCommand(['-p', 'verifik', '--host', '0.0.0.0']);
    try {
      const lines = await linesUntil(run, /^\s*try:/);
      expect(lines[0]).toMatch(/^verifik emulator listening on http:\/\/127\.0\.0\.1:\d+ \(seed: demo\)$/);
      expect(lines.join('\n')).toMatch(/bound to http:\/\/0\.0\.0\.0:\d+ \(every interface\)/);
      expect(await stderrLine(run)).toMatch(/^warning: the emulator listens on http:\/\/0\.0\.0\.0:\d+ and is reachable from the network: it accepts any credential/);
      expect((await runTryLine(lines.at(-1) ?? '')).run.code).toBe(0);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  });

  it('the default (loopback) warns of nothing', async () => {
    const run = startEmulatorCommand(['-p', 'wickson']);
    try {
      await linesUntil(run, /^\s*try:/);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toBe('wickson emulator stopped\n');
  });
});

/** A port that is on fetch's blocked list and free here (the CLI never binds one below 1024). */
async function freeBlockedPort(): Promise<number> {
  for (const port of [6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080, 6000]) {
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
  throw new Error('no blocked port is free on this machine');
}

describe('CLI emulator: ports', () => {
  let holder: Server;
  let busyPort: number;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    busyPort = (holder.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('a port in use: PORT_IN_USE naming the port, exit 1 (text and --json, in process)', async () => {
    const text = await runInProcess(['emulator', '-p', 'wickson', '--port', String(busyPort)]);
    expect({ code: text.code, stdout: text.stdout }).toEqual({ code: 1, stdout: '' });
    expect(text.stderr).toBe(`error [PORT_IN_USE]: cannot listen on port ${busyPort} on "127.0.0.1": already in use (EADDRINUSE); `
      + 'pick another with --port, or leave --port out for any free port\n');
    const json = await runInProcess(['emulator', '-p', 'verifik', '--port', String(busyPort), '--json']);
    expect({ code: json.code, stdout: json.stdout }).toEqual({ code: 1, stdout: '' });
    expect(parseJson(json.stderr)).toEqual({ error: { code: 'PORT_IN_USE', message: expect.stringContaining(`port ${busyPort} on "127.0.0.1"`) } });
  });

  it('a port in use, from the built CLI', async () => {
    const run = await runCli(['emulator', '-p', 'wickson', '--port', String(busyPort)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error \\[PORT_IN_USE\\]: cannot listen on port ${busyPort} `));
  });

  it('an address that is not this machine\'s: HOST_UNAVAILABLE, exit 1', async () => {
    // 192.0.2.0/24 is reserved for documentation (RFC 5737): never an address of this machine.
    const run = await runInProcess(['emulator', '-p', 'wickson', '--host', '192.0.2.123']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error \[HOST_UNAVAILABLE\]: cannot listen on "192\.0\.2\.123": not an address of this machine/);
  });

  it('an empty --host is a usage error, not every interface', async () => {
    const run = await runInProcess(['emulator', '-p', 'wickson', '--host', '']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[USAGE\]: --host must not be empty/);
  });

  it('a port on fetch\'s blocked list: it still listens, with a warning that this client cannot connect', async () => {
    const port = await freeBlockedPort();
    const run = startEmulatorCommand(['-p', 'wickson', '--port', String(port)]);
    try {
      expect(await run.firstLine).toContain(`http://127.0.0.1:${port} `);
      expect(await stderrLine(run)).toMatch(new RegExp(`^warning: port ${port} is on fetch's list of blocked ports: this client`));
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  });
});
