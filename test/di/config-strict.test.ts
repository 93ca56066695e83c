import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { container } from 'tsyringe';
import { z } from 'zod';
import {
  baseConfigSchema, CollectionError, createCollectionClient, createCollectionClients, registerCollectionProviders,
  registerProvider,
} from '../../src/index.js';
import { editDistance, knownOptionsOf, quoteOption } from '../../src/config/unknown-options.js';
import { InMemoryAdapter, inMemoryConfigSchema } from '../support/in-memory-provider.js';
import { verifikConfigSchema } from '../../src/providers/verifik/verifik-config.js';
import { wicksonConfigSchema } from '../../src/providers/wickson/wickson-config.js';
import { configError } from '../support/config-error.js';

const CANARY = 'canary-secret-7f3a9b';

registerProvider({ name: 'in-memory', configSchema: inMemoryConfigSchema, useFactory: (config) => new InMemoryAdapter(config) });
// A plug-in whose schema transforms its input: its keys are still those of the object inside.
const piped = baseConfigSchema.extend({ provider: z.literal('piped'), label: z.string().default('x') })
  .transform((config) => ({ ...config, apiKey: 'in-memory-key', collections: {} }));
registerProvider({ name: 'piped', configSchema: piped, useFactory: (config) => new InMemoryAdapter({ ...config, provider: 'in-memory' }) });
// A plug-in that takes extra keys on purpose: they are its business, not typos.
registerProvider({
  name: 'loose',
  configSchema: inMemoryConfigSchema.extend({ provider: z.literal('loose') }).loose(),
  useFactory: (config) => new InMemoryAdapter({ ...config, provider: 'in-memory' }),
});

/** Each provider with a config that is valid without the key under test. */
const PROVIDERS = [
  { name: 'wickson', base: { provider: 'wickson', apiKey: CANARY }, known: knownOptionsOf(wicksonConfigSchema)! },
  { name: 'verifik', base: { provider: 'verifik', token: CANARY }, known: knownOptionsOf(verifikConfigSchema)! },
  { name: 'in-memory', base: { provider: 'in-memory', apiKey: CANARY }, known: knownOptionsOf(inMemoryConfigSchema)! },
] as const;


/** The config as an untyped value: these tests are about what the compiler cannot see. */
const build = (config: Record<string, unknown>) => createCollectionClient(config as { provider: string });

describe('unknown options are CONFIG errors that name them', () => {
  it('suggests the closest known option', () => {
    const error = configError(() => build({ provider: 'wickson', apiKey: CANARY, timeoutMS: 5_000 }));
    expect(error.message).toBe('unknown option "timeoutMS" for wickson; did you mean "timeoutMs"?');
    expect(error.provider).toBe('wickson');
    expect(configError(() => build({ provider: 'verifik', tokne: CANARY })).message)
      .toBe('unknown option "tokne" for verifik; did you mean "token"?');
    expect(configError(() => build({ provider: 'in-memory', collection: {} })).message)
      .toBe('unknown option "collection" for in-memory; did you mean "collections"?');
  });

  it('lists the known options when nothing is close, and never quotes a value', () => {
    const error = configError(() => build({ provider: 'wickson', token: CANARY }));
    expect(error.message).toMatch(/^unknown option "token" for wickson; known options: .*apiKey/);
    expect(error.message).not.toContain('provider,');
    for (const config of [
      { provider: 'wickson', token: CANARY },
      { provider: 'verifik', apiKey: CANARY, token: CANARY },
      { provider: 'wickson', apiKey: CANARY, apikey: CANARY, secret: CANARY },
    ]) {
      const refused = configError(() => build(config));
      expect(`${refused.message} ${refused.stack} ${JSON.stringify(refused)}`).not.toContain(CANARY);
    }
  });

  it('names several unknown options at once, with a suggestion for each that has one', () => {
    const error = configError(() => build({ provider: 'wickson', apiKey: CANARY, retries: 1, Concurrency: 2, zzz: 3 }));
    expect(error.message).toBe('unknown options for wickson: "retries" (did you mean "maxRetries"?), '
      + `"Concurrency" (did you mean "concurrency"?), "zzz"; known options: ${PROVIDERS[0].known.filter((k) => k !== 'provider').join(', ')}`);
    const many = configError(() => build({ provider: 'wickson', apiKey: CANARY, a1: 1, a2: 1, a3: 1, a4: 1, a5: 1, a6: 1, a7: 1 }));
    expect(many.message).toMatch(/"a5".* and 2 more/);
    expect(many.message).not.toContain('"a6"');
  });

  it('is checked by createCollectionClients and registerCollectionProviders before anything is built', () => {
    const error = configError(() => createCollectionClients({
      media: { provider: 'wickson', apiKey: CANARY },
      faces: { provider: 'verifik', token: CANARY, baseURL: 'https://api.verifik.co' } as { provider: string },
    }));
    expect(error.message).toBe('unknown option "baseURL" for verifik; did you mean "baseUrl"?');
    const app = container.createChildContainer();
    configError(() => registerCollectionProviders(app, { provider: 'wickson', apiKey: CANARY, maxRetry: 1 } as { provider: string }));
  });

  it('follows a transforming plug-in schema to its keys, and leaves a loose one alone', () => {
    expect(build({ provider: 'piped', label: 'y' }).provider).toBe('in-memory');
    expect(configError(() => build({ provider: 'piped', lable: 'y' })).message)
      .toBe('unknown option "lable" for piped; did you mean "label"?');
    expect(build({ provider: 'loose', anything: true }).provider).toBe('in-memory');
  });

  it('keeps every valid config working, every option at once', () => {
    const all = {
      baseUrl: 'https://api.example.com', timeoutMs: 2_000, attemptTimeoutMs: 1_000, maxRetries: 1, concurrency: 2,
      retryDelayMs: 1, maxRetryWaitMs: 1, maxResponseBytes: 1_024, fetch: globalThis.fetch,
    };
    expect(build({ provider: 'wickson', apiKey: CANARY, ...all }).provider).toBe('wickson');
    expect(build({ provider: 'verifik', token: () => CANARY, ...all }).provider).toBe('verifik');
    expect(build({ provider: 'in-memory', collections: { a: ['b'] }, ...all }).provider).toBe('in-memory');
  });

  it('quotes a hostile key on one bounded line', () => {
    const key = `a\u2028b\u202e${'x'.repeat(100)}`;
    const message = configError(() => build({ provider: 'wickson', apiKey: CANARY, [key]: 1 })).message;
    expect(message).not.toMatch(/[\u2028\u202e\n]/);
    expect(message).toContain('"a\\u2028b\\u202e');
    expect(message.length).toBeLessThan(400);
  });
});

describe('sweeps', () => {
  const provider = fc.constantFrom(...PROVIDERS);

  it('any key outside the schema is a CONFIG error that names it', () => {
    fc.assert(fc.property(provider, fc.string({ maxLength: 80, unit: 'binary' }), fc.anything(), ({ name, base, known }, key, value) => {
      fc.pre(!known.includes(key));
      const config = { ...base, [key]: value };
      const error = configError(() => build(config));
      expect(error.provider).toBe(name);
      expect(error.message).toContain(quoteOption(key));
      expect(error.message).not.toContain(CANARY);
      if (/^[A-Za-z0-9_$]{1,64}$/.test(key)) expect(error.message).toContain(`"${key}"`);
    }), { numRuns: 1000 });
  });

  /** One edit away from `option`: an insertion, deletion, substitution, swap or case flip. */
  const nearMiss = (option: string) => fc.tuple(
    fc.constantFrom('insert', 'delete', 'substitute', 'swap', 'case'),
    fc.nat({ max: option.length - 1 }),
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'),
  ).map(([edit, at, char]) => {
    const before = option.slice(0, at);
    switch (edit) {
      case 'insert': return before + char + option.slice(at);
      case 'delete': return before + option.slice(at + 1);
      case 'substitute': return before + char + option.slice(at + 1);
      case 'swap': return at + 1 < option.length ? before + option[at + 1] + option[at] + option.slice(at + 2) : option;
      default: {
        const c = option[at]!;
        return before + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + option.slice(at + 1);
      }
    }
  });

  it('measures edits as insertions, deletions, substitutions and adjacent swaps', () => {
    expect([['kitten', 'sitting'], ['ca', 'ac'], ['', ''], ['abc', ''], ['timeoutMS', 'timeoutMs'], ['abcdef', 'badcfe']]
      .map(([a, b]) => editDistance(a!, b!))).toEqual([3, 1, 0, 3, 1, 3]);
  });

  it('known options are far enough apart that one typo points at one of them', () => {
    for (const { known } of PROVIDERS) {
      for (const a of known) for (const b of known) if (a < b) expect(editDistance(a.toLowerCase(), b.toLowerCase())).toBeGreaterThan(2);
    }
  });

  it('a near-miss of every known option suggests that option', () => {
    for (const { name, base, known } of PROVIDERS) {
      for (const option of known.filter((k) => k !== 'provider')) {
        fc.assert(fc.property(nearMiss(option), (typo) => {
          fc.pre(!known.includes(typo));
          expect(configError(() => build({ ...base, [typo]: 1 })).message)
            .toBe(`unknown option "${typo}" for ${name}; did you mean "${option}"?`);
        }), { numRuns: 40 });
      }
    }
  });
});
