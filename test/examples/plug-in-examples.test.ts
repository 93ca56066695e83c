import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { BUILD_TIMEOUT_MS, ROOT, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';

/**
 * The README's tsyringe and plug-in snippets are kept in examples/ and run here as a reader would
 * (Node strips the types; the package name resolves to dist/ by self-reference). The decorated
 * adapter needs a compile step, so it is compiled with TypeScript with and without the options
 * the README says it needs.
 */

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['WICKSON_BASE_URL', 'VERIFIK_BASE_URL', 'WICKSON_API_KEY', 'VERIFIK_TOKEN']) delete env[name];
  return env;
}

function runExample(file: string) {
  return spawnSync(process.execPath, [join(ROOT, 'examples', file)], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8', timeout: 50_000 });
}

/** Runs source text from the repository root, so `unified-collections` resolves as it does for examples/. */
function runSource(source: string, inputType: 'module' | 'module-typescript') {
  return spawnSync(process.execPath, [`--input-type=${inputType}`], {
    cwd: ROOT, env: cleanEnv(), input: source, encoding: 'utf8', timeout: 50_000,
  });
}

const example = (file: string) => readFileSync(join(ROOT, 'examples', file), 'utf8');

/** The README's ```ts block that contains `marker`. */
function readmeBlock(marker: string): string {
  const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const found = blocks.filter((block) => block.includes(marker));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The lines of `quote` that `source` lacks, in order (a quote may leave lines out, not change them). */
function unquoted(source: string, quote: string): string[] {
  const lines = source.split('\n');
  let at = 0;
  const missing: string[] = [];
  for (const line of quote.split('\n').filter((l) => l.trim() !== '')) {
    const found = lines.indexOf(line, at);
    if (found === -1) missing.push(line);
    else at = found + 1;
  }
  return missing;
}

describe('examples for tsyringe apps and plug-ins', () => {
  beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);

  describe('tsyringe-app.ts', () => {
    it('runs as written: clients registered by token and resolved by the app\'s own service', () => {
      const run = runExample('tsyringe-app.ts');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^wickson research_papers: 60 items$/m);
      expect(run.stdout).toMatch(/^verifik VIP: /m);
      expect(run.stdout).toMatch(/COLLECTION_PROVIDER is a wickson client; the same instance every time: true/);
    }, SPAWN_TEST_TIMEOUT_MS);

    it('is what the README quotes, reflect-metadata imported first', () => {
      const quote = readmeBlock('registerCollectionProviders(container');
      expect(quote.split('\n')[0]).toMatch(/^import 'reflect-metadata';/);
      expect(quote.split('\n').filter((l) => l.trim() !== '').length).toBeGreaterThan(8);
      expect(unquoted(example('tsyringe-app.ts'), quote)).toEqual([]);
    });

    it('crashes without that first import, as the README\'s snippet used to', () => {
      const source = example('tsyringe-app.ts').replace(/^import 'reflect-metadata';.*\n/m, '');
      expect(source).not.toContain('reflect-metadata\'');
      const run = runSource(source, 'module-typescript');
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/tsyringe requires a reflect polyfill/);
    }, SPAWN_TEST_TIMEOUT_MS);
  });

  describe('valibot-plug-in.ts', () => {
    it('runs as written: a client from a valibot schema, mistakes as CONFIG errors without their values', () => {
      const run = runExample('valibot-plug-in.ts');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^collections: faces-us \(2\), timeout-5000 \(0\)$/m);
      expect(run.stdout).toMatch(/^CONFIG: invalid acme config: region: Invalid type: Expected \("eu" \| "us"\) but received "\[value\]"$/m);
      expect(run.stdout).toMatch(/^CONFIG: unknown option "timeoutMS" for acme; did you mean "timeoutMs"\?$/m);
      expect(run.stdout).toMatch(/^CONFIG: invalid acme config: maxRetries: /m);
      expect(run.stdout).not.toMatch(/asia|sk-acme/);
    }, SPAWN_TEST_TIMEOUT_MS);

    it('is what the README quotes', () => {
      expect(unquoted(example('valibot-plug-in.ts'), readmeBlock('acmeConfigSchema = v.'))).toEqual([]);
    });
  });

  describe('decorated-plug-in.ts (useClass)', () => {
    const source = example('decorated-plug-in.ts');
    const compile = (options: ts.CompilerOptions) => ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.ESNext, ...options },
    }).outputText;

    it('runs when compiled with experimentalDecorators and emitDecoratorMetadata', () => {
      const run = runSource(compile({ experimentalDecorators: true, emitDecoratorMetadata: true }), 'module');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('collections: hello\naudit: listCollections (timeoutMs 5000)\n');
    }, SPAWN_TEST_TIMEOUT_MS);

    it('without emitDecoratorMetadata, the parameter tsyringe resolves by its class is never given', () => {
      const run = runSource(compile({ experimentalDecorators: true }), 'module');
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/the greeting adapter failed unexpectedly \(TypeError\)/);
    }, SPAWN_TEST_TIMEOUT_MS);

    it('does not compile without experimentalDecorators (no parameter decorators in standard ones)', () => {
      const file = join(ROOT, 'examples', 'decorated-plug-in.ts');
      const base: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
        skipLibCheck: true, noEmit: true, types: ['node'], rootDir: join(ROOT, 'examples'),
      };
      const codes = (options: ts.CompilerOptions) => {
        const program = ts.createProgram([file], { ...base, ...options });
        return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file).map((d) => d.code);
      };
      expect(codes({ experimentalDecorators: true, emitDecoratorMetadata: true })).toEqual([]);
      expect(codes({})).toContain(1206); // "Decorators are not valid here."
    }, SPAWN_TEST_TIMEOUT_MS);
  });
});
