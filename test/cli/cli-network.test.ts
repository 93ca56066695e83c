import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { createCollectionClient, type BatchResult } from 'unified-collections';
import { addressOf, shellWord } from '../../src/cli/commands/emulator-action.js';
import { blockedPortOf, isBlockedPort } from '../../src/cli/network-addresses.js';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { closedPort } from '../support/loopback-server.js';
import { VENDOR_FIXTURES, perVendor } from '../support/vendors.js';
import { runInProcess } from './memory-io.js';
import { parseJson, runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

// The ports fetch refuses, the hosts the client accepts plain http for, and network errors
// that say which host they could not reach.

/** fetch's own answer for a port: refused as a "bad port" before any connection, or not. */
async function fetchRefusesPort(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(3_000) });
    return false;
  } catch (error) {
    return (error as { cause?: { message?: unknown } }).cause?.message === 'bad port';
  }
}

/** Every blocked port with its neighbours, the edges, and a random sample of the rest. */
function portSweep(): number[] {
  const listed = Array.from({ length: 65_535 }, (_, i) => i + 1).filter(isBlockedPort);
  const sample = fc.sample(fc.integer({ min: 1, max: 65_535 }), { numRuns: 150, seed: 10 });
  return [...new Set([...listed.flatMap((port) => [port - 1, port, port + 1]), 1, 2, 1023, 1024, 65_535, ...sample])]
    .filter((port) => port >= 1 && port <= 65_535);
}

describe('fetch\'s blocked ports', () => {
  it('the CLI\'s list is exactly what this Node\'s fetch refuses, over every listed port, its neighbours and a sample', async () => {
    const ports = portSweep();
    expect(ports.filter(isBlockedPort).length).toBeGreaterThan(70);
    const disagreements: number[] = [];
    for (let start = 0; start < ports.length; start += 40) {
      const batch = ports.slice(start, start + 40);
      const refused = await Promise.all(batch.map(fetchRefusesPort));
      batch.forEach((port, i) => {
        if (refused[i] !== isBlockedPort(port)) disagreements.push(port);
      });
    }
    expect(disagreements).toEqual([]);
  });

  it('blockedPortOf reads the port as URL does: default ports, other schemes and junk are never blocked', () => {
    expect(blockedPortOf('http://127.0.0.1:6000')).toBe(6000);
    expect(blockedPortOf('https://example.com:6667/')).toBe(6667);
    expect(blockedPortOf('http://[::1]:10080')).toBe(10080);
    expect(blockedPortOf('http://127.0.0.1:06000')).toBe(6000);
    expect(blockedPortOf('http://127.0.0.1')).toBeUndefined();
    expect(blockedPortOf('http://127.0.0.1:80')).toBeUndefined();
    expect(blockedPortOf('ftp://127.0.0.1:6000')).toBeUndefined();
    expect(blockedPortOf('not a url')).toBeUndefined();
  });
});

describe('a base URL on a blocked port is refused before anything is sent', () => {
  let fetches = 0;
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
      fetches += 1;
      return realFetch(...args);
    }) as typeof fetch;
  });
  afterEach(() => {
    fetches = 0;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  const blocked = Array.from({ length: 65_535 }, (_, i) => i + 1).filter(isBlockedPort);

  it.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s: every blocked port, from --base-url or the environment: CONFIG naming the port, exit 2', async (_name, fixture) => {
    const { descriptor } = fixture;
    const env = fixture.env('any-credential');
    for (const port of blocked) {
      const url = `http://127.0.0.1:${port}`;
      for (const [args, source, extraEnv] of [
        [['--base-url', url], '--base-url', {}],
        [[], descriptor.baseUrlEnvVar, { [descriptor.baseUrlEnvVar]: url }],
      ] as const) {
        for (const command of [['collections', 'list'], ['items', 'delete', '--yes', 'a', 'b']]) {
          const run = await runInProcess([...command, '-p', fixture.name, ...args], { env: { ...env, ...extraEnv } });
          expect({ port, code: run.code, stdout: run.stdout }).toEqual({ port, code: 2, stdout: '' });
          expect(run.stderr).toBe(`error [CONFIG]: ${source} "${url}": port ${port} is on fetch's list of blocked ports, so fetch `
            + 'refuses to connect to it and nothing can be sent; use another port (the emulator command picks a free one without --port)\n');
        }
      }
    }
    expect(fetches).toBe(0);
  });

  it('--json: the CONFIG error as JSON, stdout empty', async () => {
    const run = await runInProcess(['collections', 'list', '-p', 'wickson', '--base-url', 'http://localhost:6667', '--json'], { env: { WICKSON_API_KEY: 'k' } });
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(parseJson(run.stderr).error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('port 6667 is on fetch\'s list of blocked ports') });
  });

  it('the built CLI says so too (exit 2)', async () => {
    const run = await runCli(['items', 'delete', '--yes', 'a', '-p', 'wickson', '--base-url', 'http://127.0.0.1:6000'], { env: { WICKSON_API_KEY: 'k' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[CONFIG\]: --base-url "http:\/\/127\.0\.0\.1:6000": port 6000 is on fetch's list of blocked ports/);
  });
});

/** A collection id of the right shape per vendor, for commands that must reach the network. */
const SOME_COLLECTION: Record<string, string> = { wickson: 'research_papers', verifik: '0123456789abcdef01234567' };

describe('network errors name the host', () => {
  it.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s: every kind of command, text and --json', async (_name, fixture) => {
    const origin = await closedPort();
    const host = new URL(origin).host;
    const env = fixture.env('any-credential');
    const base = ['-p', fixture.name, '--base-url', origin];
    const collection = perVendor(SOME_COLLECTION, fixture, 'collection id');
    const commands = [['collections', 'list'], ['collections', 'get', collection], ['items', 'list', collection], ['items', 'get', 'x']];
    const runs = await Promise.all(commands.flatMap((command) => [
      runInProcess([...command, ...base], { env }),
      runInProcess([...command, ...base, '--json'], { env }),
    ]));
    for (const [index, run] of runs.entries()) {
      const json = index % 2 === 1;
      const message = json ? parseJson(run.stderr).error.message as string : run.stderr;
      expect({ command: commands[Math.floor(index / 2)], code: run.code }).toEqual({ command: commands[Math.floor(index / 2)], code: 1 });
      expect(message).toContain(`could not connect to ${host}: connection refused (ECONNREFUSED)`);
      if (!json) expect(run.stderr).toMatch(/^error \[NETWORK\]: /);
      // The host only: no path beyond the request's own, no query string.
      expect(message).not.toMatch(/\?|collection=/);
    }
  });

  it.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s: a batch against a refused connection: every id failed (never sent), each naming the host', async (_name, fixture) => {
    const origin = await closedPort();
    const run = await runInProcess(['items', 'delete', '--yes', 'a', 'b', 'c', '--json', '-p', fixture.name, '--base-url', origin], { env: fixture.env('k') });
    expect(run.code).toBe(3);
    const result = parseJson<BatchResult>(run.stdout);
    expect(result.unknown).toEqual([]);
    expect(result.failed.map((failure) => failure.id).sort()).toEqual(['a', 'b', 'c']);
    for (const failure of result.failed) expect(failure.reason).toContain(`could not connect to ${new URL(origin).host}`);
  });
});

describe('the emulator\'s printed URL is one the client accepts', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
  const host = fc.oneof(
    ipv4,
    fc.tuple(octet, octet, octet).map((parts) => `127.${parts.join('.')}`),
    fc.constantFrom('0.0.0.0', '[::]', '[::1]', 'localhost', '[fe80::1]', '[2001:db8::5]', 'example.internal', '[::ffff:127.0.0.1]'),
  );

  it('wherever it listens: the URL is accepted exactly when the CLI says so, and is loopback unless it says it is exposed', () => {
    fc.assert(fc.property(host, fc.integer({ min: 1, max: 65_535 }), (hostname, port) => {
      const address = addressOf(`http://${hostname}:${port}`);
      let accepted = true;
      try {
        createCollectionClient({ provider: 'wickson', apiKey: 'k', baseUrl: address.url });
      } catch {
        accepted = false;
      }
      expect(accepted).toBe(address.clientAccepts);
      expect(new URL(address.url).port).toBe(new URL(`http://${hostname}:${port}`).port);
      if (address.exposed === undefined) expect(accepted).toBe(true);
    }), { numRuns: 500, seed: 10 });
  });
});

describe('shell words on the "try:" line', () => {
  it('the shell reads back what was written, for any text', () => {
    const samples = fc.sample(fc.string({ unit: 'binary', maxLength: 30 }).filter((text) => !text.includes('\0')), { numRuns: 60, seed: 10 });
    const texts = ['http://127.0.0.1:4010', 'http://[::1]:4010', "it's", 'a b', '$HOME', '*', '', ...samples];
    const script = texts.map((text) => `printf '%s\\0' ${shellWord(text)}`).join('\n');
    const out = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout.split('\0').slice(0, -1)).toEqual(texts);
    expect(shellWord('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
  });
});
