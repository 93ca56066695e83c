import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { runCli } from '../../src/cli/program.js';
import { VENDOR_FIXTURES } from '../support/vendors.js';
import { memoryIo } from './memory-io.js';

// `unified-collections studio`, run in this process: what it prints, which providers it shows,
// and that it stops cleanly. The page itself: test/studio/.

const CANARY = 'CANARY-cli-studio-51c0ffee';

interface Started {
  firstLine: string;
  stop(): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Runs the command until its first stdout line, then leaves it running until `stop`. */
async function startStudioCommand(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const io = memoryIo({ env });
  const controller = new AbortController();
  const withSignal = { ...io, signal: controller.signal };
  const exit = runCli(['node', 'unified-collections', 'studio', ...args], withSignal);
  const firstLine = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const out = io.out();
      if (out.includes('\n')) {
        clearInterval(poll);
        resolve(out.split('\n')[0]!);
      }
    }, 10);
    void exit.then((code) => {
      clearInterval(poll);
      reject(new Error(`studio exited ${code} before printing: ${io.err()}`));
    });
  });
  return {
    firstLine,
    async stop() {
      controller.abort();
      const code = await exit;
      return { code, stdout: io.out(), stderr: io.err() };
    },
  };
}

async function login(url: string): Promise<{ origin: string; cookie: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(303);
  return { origin: new URL(url).origin, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
}

async function overviewNames(url: string): Promise<string[]> {
  const { origin, cookie } = await login(url);
  const response = await fetch(`${origin}/api/overview`, { headers: { cookie } });
  const { providers } = await response.json() as { providers: Array<{ name: string; collections?: unknown[] }> };
  for (const provider of providers) expect(provider.collections?.length).toBeGreaterThan(0);
  return providers.map((provider) => provider.name);
}

describe('studio --emulator', () => {
  it('prints the URL, shows both vendors on demo data, and stops on the signal, removing its temporary jobs folder', async () => {
    const started = await startStudioCommand(['--emulator', '--json']);
    const printed = JSON.parse(started.firstLine) as { url: string; providers: string[]; jobsDir: string };
    expect(new URL(printed.url).hostname).toBe('127.0.0.1');
    expect(printed.providers).toEqual(VENDOR_FIXTURES.map((fixture) => fixture.name));
    expect(await overviewNames(printed.url)).toEqual(printed.providers);
    // Each emulator counts the vendor's documented rate limit, so the quota a client reports is that one.
    const { origin, cookie } = await login(printed.url);
    const { providers } = await (await fetch(`${origin}/api/overview`, { headers: { cookie } })).json() as { providers: Array<{ name: string; quota?: { limit: number } }> };
    for (const fixture of VENDOR_FIXTURES) {
      expect(providers.find((provider) => provider.name === fixture.name)?.quota?.limit).toBe(fixture.emulator.documentedRateLimit?.limit);
    }
    expect(existsSync(printed.jobsDir)).toBe(true);
    const { code } = await started.stop();
    expect(code).toBe(0);
    expect(existsSync(printed.jobsDir)).toBe(false);
    await expect(fetch(printed.url)).rejects.toThrow();
  });

  it('in text mode says which providers it shows and that the URL is a secret', async () => {
    const started = await startStudioCommand(['--emulator']);
    expect(started.firstLine).toMatch(/^Collections studio: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    const { code, stdout } = await started.stop();
    expect(code).toBe(0);
    for (const fixture of VENDOR_FIXTURES) expect(stdout).toContain(fixture.descriptor.displayName);
    expect(stdout).toMatch(/do not share it/);
  });

  it('warns when it listens beyond loopback, and still prints a loopback URL that works', async () => {
    const started = await startStudioCommand(['--emulator', '--host', '0.0.0.0']);
    const url = started.firstLine.replace('Collections studio: ', '');
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect((await overviewNames(url)).length).toBe(VENDOR_FIXTURES.length);
    const { stderr } = await started.stop();
    expect(stderr).toMatch(/warning: the studio listens on 0\.0\.0\.0 and is reachable from the network/);
  });
});

describe('studio with credentials in the environment', () => {
  const emulators: RunningEmulator[] = [];
  beforeAll(async () => {
    for (const fixture of VENDOR_FIXTURES) {
      emulators.push(await startEmulator({ provider: fixture.name, seed: 'demo', credentials: fixture.emulatorCredentials(CANARY) }));
    }
  });
  afterAll(async () => {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  });

  const envFor = (count: number) => Object.assign({}, ...VENDOR_FIXTURES.slice(0, count).map((fixture, index) => ({
    ...fixture.env(CANARY), [fixture.descriptor.baseUrlEnvVar]: emulators[index]!.url,
  }))) as Record<string, string>;

  it('shows exactly the vendors with a credential set, the same way, and prints no credential', async () => {
    for (let count = 1; count <= VENDOR_FIXTURES.length; count += 1) {
      const started = await startStudioCommand(['--json'], envFor(count));
      const printed = JSON.parse(started.firstLine) as { url: string; providers: string[]; jobsDir: string };
      expect(printed.providers).toEqual(VENDOR_FIXTURES.slice(0, count).map((fixture) => fixture.name));
      expect(await overviewNames(printed.url)).toEqual(printed.providers);
      const { code, stdout, stderr } = await started.stop();
      expect(code).toBe(0);
      expect(stdout + stderr).not.toContain(CANARY.slice(7));
    }
  });

  it('without any credential or --emulator, is a usage error naming the variables, and listens on nothing', async () => {
    const io = memoryIo({ env: {} });
    const code = await runCli(['node', 'unified-collections', 'studio'], io);
    expect(code).toBe(2);
    for (const fixture of VENDOR_FIXTURES) expect(io.err()).toContain(fixture.descriptor.credentialEnvVar);
    expect(io.err()).toContain('--emulator');
    expect(io.out()).toBe('');
  });

  it('refuses --base-url (each vendor has its own variable)', async () => {
    const io = memoryIo({ env: envFor(1) });
    expect(await runCli(['node', 'unified-collections', 'studio', '--base-url', 'http://127.0.0.1:9'], io)).toBe(2);
    expect(io.out()).toBe('');
  });
});
