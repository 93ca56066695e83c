import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { BUILD_TIMEOUT_MS, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { VENDOR_FIXTURES } from '../support/vendors.js';
import { DEMO_COLLECTIONS, collectionId, idsIn, inProcess, type Target } from './emulator-target.js';
import { runInProcess } from './memory-io.js';
import { runCli } from './run-cli.js';

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

// TERM=dumb declares a terminal that takes no escape sequence: no cursor hiding or moving, no
// line clearing, no colors, whatever else says it is a terminal.

const ESC = '\u001b';
const CSI = '\u009b';

const running: RunningEmulator[] = [];
afterAll(() => Promise.all(running.map((emulator) => emulator.close())));

/** The demo data, answering slowly enough for a batch to report progress as it goes. */
async function slowTarget(provider: Target['provider']): Promise<Target> {
  const emulator = await startEmulator({ provider, seed: 'demo', latencyMs: 20 });
  running.push(emulator);
  const fixture = VENDOR_FIXTURES.find((candidate) => candidate.name === provider)!;
  return { provider, emulator, args: ['-p', provider, '--base-url', emulator.url], env: fixture.env('any-credential') };
}

describe.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture.name] as const))('%s: progress of a batch on a terminal', (_name, provider) => {
  let target: Target;
  let ids: string[];
  beforeAll(async () => {
    target = await slowTarget(provider);
    const collection = await collectionId(target, DEMO_COLLECTIONS[provider].members, inProcess);
    ids = (await idsIn(target, collection, inProcess)).slice(0, 30);
  });

  it('TERM=dumb: plain ASCII lines, not one escape sequence or carriage return', async () => {
    const run = await runInProcess(['items', 'delete', '--yes', ...ids.slice(0, 10), ...target.args], {
      env: { ...target.env, TERM: 'dumb' }, stderrIsTTY: true,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain(ESC);
    expect(run.stderr).not.toContain(CSI);
    expect(run.stderr).not.toContain('\r');
    const lines = run.stderr.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.at(-1)).toMatch(/^deleting \[[=-]+\] 10\/10 \| ok 10 \| failed 0 \| unknown 0$/);
    for (const line of lines) expect(line).toMatch(/^deleting \[[=-]+\] \d+\/10 \| ok \d+ \| failed 0 \| unknown 0( \| ETA \d+ s)?$/);
    // Each line says something new: the final state is not drawn twice.
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('any other terminal gets the bar that hides the cursor (what the dumb one is spared)', async () => {
    const run = await runInProcess(['items', 'delete', '--yes', ...ids.slice(10, 20), ...target.args], {
      env: { ...target.env, TERM: 'xterm-256color' }, stderrIsTTY: true,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${ESC}[?25l`);
  });

  it('no terminal: no progress at all', async () => {
    const run = await runInProcess(['items', 'delete', '--yes', ...ids.slice(20, 30), ...target.args], { env: { ...target.env, TERM: 'xterm-256color' } });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('the confirmation prompt', () => {
  // Node's readline decides by the process's TERM, the CLI by its own environment: make the two
  // disagree, so only the CLI's decision can keep escapes out.
  const saved = process.env.TERM;
  beforeAll(() => {
    process.env.TERM = 'xterm-256color';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TERM;
    else process.env.TERM = saved;
  });

  it.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture.name] as const))('%s: TERM=dumb asks in plain text, and y still proceeds', async (_name, provider) => {
    const target = await slowTarget(provider);
    const collection = await collectionId(target, DEMO_COLLECTIONS[provider].small, inProcess);
    const [id] = await idsIn(target, collection, inProcess);
    const asked = { stdinIsTTY: true, stdin: ['y\n'] };
    const dumb = await runInProcess(['items', 'delete', id!, '--no-progress', ...target.args], { ...asked, env: { ...target.env, TERM: 'dumb' } });
    expect(dumb.code).toBe(0);
    expect(dumb.stderr).toMatch(/Delete 1 item on \w+\? This cannot be undone\. \[y\/N\] /);
    expect(dumb.stderr).not.toContain(ESC);
    expect(dumb.stderr).not.toContain(CSI);
    // The same question on another terminal is drawn with escapes: the check above can fail.
    const [other] = (await idsIn(target, collection, inProcess)).filter((candidate) => candidate !== id);
    const smart = await runInProcess(['items', 'delete', other!, '--no-progress', ...target.args], { ...asked, env: { ...target.env, TERM: 'xterm-256color' } });
    expect(smart.code).toBe(0);
    expect(smart.stderr).toContain(ESC);
  });
});

describe('help and errors', () => {
  it.each([[['--help']], [['help', 'items', 'delete']], [['collections', 'list', '-p', 'wickson']], [['frobnicate']]])(
    '%j with TERM=dumb (and colors forced): no escape sequence',
    async (argv) => {
      const run = await runCli(argv, { env: { TERM: 'dumb', FORCE_COLOR: '1' } });
      expect(run.stdout + run.stderr).not.toContain(ESC);
    },
  );
});
