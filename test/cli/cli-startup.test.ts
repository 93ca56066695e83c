import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILD_TIMEOUT_MS, CLI_ENTRY, ROOT, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';

/**
 * Start-up cost is which modules load. Help, --version and usage errors are answered by
 * commander and the static command table: the library (adapters, zod, ky) loads only when a
 * command runs. Importing the library loads neither the CLI nor the emulator. How long any of
 * it takes is the benchmark's business; these tests only check what loads.
 */

// Records every module Node resolves, ESM imports and CommonJS requires alike, and writes the
// list to MODULE_TRACE at exit. `module.registerHooks` is in Node >= 22.15.
const TRACER = `
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
const seen = new Set();
registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); seen.add(result.url); return result; } });
process.on('exit', () => writeFileSync(process.env.MODULE_TRACE, JSON.stringify([...seen])));
`;

interface Traced {
  code: number | null;
  stderr: string;
  /** Paths relative to the package root (`dist/cli/main.js`, `node_modules/zod/index.js`), or `node:` names. */
  modules: string[];
}

function traced(nodeArgs: readonly string[]): Promise<Traced> {
  const dir = mkdtempSync(join(tmpdir(), 'uc-startup-'));
  const trace = join(dir, 'modules.json');
  return new Promise<Traced>((resolve, reject) => {
    const child = spawn(process.execPath, [`--import=data:text/javascript,${encodeURIComponent(TRACER)}`, ...nodeArgs], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', MODULE_TRACE: trace },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const urls = JSON.parse(readFileSync(trace, 'utf8')) as string[];
        const modules = urls.map((url) => (url.startsWith('file:') ? relative(ROOT, fileURLToPath(url)) : url));
        resolve({ code, stderr, modules });
      } catch (error) {
        reject(new Error(`no module trace (exit ${code}): ${stderr}`, { cause: error }));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** The npm packages among `modules`, by name. */
function packages(modules: readonly string[]): string[] {
  const names = modules.flatMap((path) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? []);
  return [...new Set(names)].sort();
}

// The descriptor table and the error class are all the CLI needs of the library before a
// command runs: neither imports zod, an adapter or another package.
const LIGHT_LIBRARY_MODULES = /^dist\/(errors\.js|providers\/descriptors\.js|providers\/[^/]+\/[^/]+-descriptor\.js)$/;

/** Modules of the library proper: compiled files outside dist/cli/ other than the light ones. */
function libraryModules(modules: readonly string[]): string[] {
  return modules.filter((path) => path.startsWith('dist/') && !path.startsWith('dist/cli/') && !LIGHT_LIBRARY_MODULES.test(path));
}

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);
jest.setTimeout(SPAWN_TEST_TIMEOUT_MS);

describe('CLI start-up: help, version and usage errors load commander only', () => {
  it.each([
    [['--help'], 0],
    [['help'], 0],
    [['help', 'items', 'add'], 0],
    [['-V'], 0],
    [['items'], 2], // a command group without its subcommand: its help, on stderr
    [['frobnicate'], 2],
    [['collections', 'list', '--bogus'], 2],
    [['--provider', 'acme', 'collections', 'list'], 2],
    [['items', 'list', 'default', '--limit', 'zero', '-p', 'wickson', '--json'], 2],
  ])('%j', async (args, exitCode) => {
    const run = await traced([CLI_ENTRY, ...args]);
    expect(run.code).toBe(exitCode);
    expect(packages(run.modules)).toEqual(['commander']);
    expect(run.modules).not.toContain('dist/index.js');
    expect(libraryModules(run.modules)).toEqual([]);
  });

  it('a command that runs loads the library (the tracer sees it)', async () => {
    const run = await traced([CLI_ENTRY, 'collections', 'list', '-p', 'wickson']);
    expect(run.stderr).toMatch(/^error \[CONFIG\]: .*WICKSON_API_KEY/); // no credential: refused before any request
    expect(run.modules).toContain('dist/index.js');
    expect(packages(run.modules)).toEqual(expect.arrayContaining(['commander', 'zod']));
  });
});

describe('library start-up', () => {
  const entry = pathToFileURL(join(ROOT, 'dist', 'index.js')).href;

  it('importing the main entry loads neither the CLI, commander nor the emulator', async () => {
    const run = await traced(['--input-type=module', '-e', `await import(${JSON.stringify(entry)})`]);
    expect(run.code).toBe(0);
    expect(run.modules).toContain('dist/index.js');
    expect(run.modules.filter((path) => /^dist\/(cli|emulator)\//.test(path))).toEqual([]);
    expect(packages(run.modules)).not.toContain('commander');
    expect(packages(run.modules)).not.toContain('cli-progress');
  });

  // ky (with the fetch implementation it makes Node load) waits for the first request, and
  // tsyringe for the first client: zod, which the config schemas need, is the one heavy import.
  it('ky loads with the first request, tsyringe with the first client', async () => {
    const imported = await traced(['--input-type=module', '-e', `await import(${JSON.stringify(entry)})`]);
    expect(packages(imported.modules)).not.toContain('ky');
    expect(packages(imported.modules)).not.toContain('tsyringe');

    const built = await traced(['--input-type=module', '-e', `
      const { createCollectionClient } = await import(${JSON.stringify(entry)});
      createCollectionClient({ provider: 'wickson', apiKey: 'k' });`]);
    expect(packages(built.modules)).toContain('tsyringe');
    expect(packages(built.modules)).not.toContain('ky');

    // A refused connection still made a request.
    const requested = await traced(['--input-type=module', '-e', `
      const { createCollectionClient } = await import(${JSON.stringify(entry)});
      const client = createCollectionClient({ provider: 'wickson', apiKey: 'k', baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
      await client.listCollections().catch(() => undefined);`]);
    expect(packages(requested.modules)).toContain('ky');
  });
});
