import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { type } from 'arktype';
import fc from 'fast-check';
import { inspect } from 'node:util';
import type { DependencyContainer } from 'tsyringe';
import * as v from 'valibot';
import { z } from 'zod';
import { z as z3 } from 'zod3';
import {
  baseConfigSchema, createCollectionClient, createCollectionClients, knownProviders, registerCollectionProviders, registerProvider,
  type CollectionAdapter, type PluginConfig, type PluginConfigInput, type StandardSchemaV1,
} from '../../src/index.js';
import { formatIssues } from '../../src/config/config-issues.js';
import { InMemoryAdapter } from '../support/in-memory-provider.js';
import { configError } from '../support/config-error.js';

const CANARY = 'canary-secret-7f3a9b';

/** The same plug-in options, written with each validator a plug-in author might use. */
const SCHEMAS = {
  zod3: z3.object({
    apiKey: z3.string().min(1),
    region: z3.enum(['eu', 'us']).default('eu'),
    collections: z3.record(z3.string(), z3.array(z3.string())).optional(),
  }),
  zod4: z.object({
    apiKey: z.string().min(1),
    region: z.enum(['eu', 'us']).default('eu'),
    collections: z.record(z.string(), z.array(z.string())).optional(),
  }),
  valibot: v.object({
    apiKey: v.pipe(v.string(), v.minLength(1)),
    region: v.optional(v.picklist(['eu', 'us']), 'eu'),
    collections: v.optional(v.record(v.string(), v.array(v.string()))),
  }),
  arktype: type({
    apiKey: 'string > 0',
    region: "'eu' | 'us' = 'eu'",
    'collections?': 'Record<string, string[]>',
  }),
};
type Vendor = keyof typeof SCHEMAS;
const VENDORS = Object.keys(SCHEMAS) as Vendor[];

/** Each validator's output is typed through Standard Schema, the common options beside it. */
interface Typed { apiKey: string; region: 'eu' | 'us'; timeoutMs: number; maxRetries: number }
export const TYPED: Typed[] = [
  {} as PluginConfig<typeof SCHEMAS.zod3>, {} as PluginConfig<typeof SCHEMAS.zod4>,
  {} as PluginConfig<typeof SCHEMAS.valibot>, {} as PluginConfig<typeof SCHEMAS.arktype>,
];
// @ts-expect-error a region the schema does not allow (so the type is not `any`)
export const NOT_A_REGION: PluginConfig<typeof SCHEMAS.arktype>['region'] = 'asia';

/** What each factory was last given, by provider name. */
const received = new Map<string, unknown>();

function adapterFor(config: { apiKey: string; collections?: Record<string, string[]> }): CollectionAdapter {
  return new InMemoryAdapter({ ...config, collections: config.collections ?? {} } as never);
}

for (const vendor of VENDORS) {
  const schema = SCHEMAS[vendor] as StandardSchemaV1<unknown, { apiKey: string; region: 'eu' | 'us'; collections?: Record<string, string[]> }>;
  registerProvider({
    name: `std-${vendor}`,
    configSchema: schema,
    useFactory: (config) => {
      received.set(`std-${vendor}`, config);
      return adapterFor(config);
    },
  });
}

/** The adapter's config is typed: the common options and the plug-in's own, from its schema. */
const typedSchema = v.object({ region: v.picklist(['eu', 'us']), apiKey: v.string() });
registerProvider({
  name: 'typed-valibot',
  configSchema: typedSchema,
  useFactory: (config) => {
    const typed: { provider: string; timeoutMs: number; maxRetries: number; region: 'eu' | 'us'; apiKey: string } = config;
    // @ts-expect-error not an option of this plug-in
    void config.regoin;
    return adapterFor(typed);
  },
});

const typedArktypeSchema = type({ region: "'eu' | 'us'", 'apiKey?': 'string' });

declare module '../../src/index.js' {
  interface CollectionProviderConfigs {
    'typed-valibot': PluginConfigInput<typeof typedSchema>;
    'typed-arktype': PluginConfigInput<typeof typedArktypeSchema>;
  }
}

/** Compile-time only: two augmented plug-ins sharing an option name are each still checked. */
export function typedPlugInsSharingAnOptionName(app: DependencyContainer): void {
  createCollectionClient({ provider: 'typed-arktype', region: 'eu', timeoutMs: 5 });
  // @ts-expect-error not a region this plug-in's schema allows
  createCollectionClient({ provider: 'typed-valibot', apiKey: 'k', region: 'asia' });
  // @ts-expect-error nor this one's
  registerCollectionProviders(app, { provider: 'typed-arktype', region: 'asia' });
  // @ts-expect-error its required option is required
  createCollectionClient({ provider: 'typed-valibot', region: 'eu' });
}

/** The config as an untyped value: these tests are about what the compiler cannot see. */
const build = (config: Record<string, unknown>) => createCollectionClient(config as { provider: string });

/** Every place an error could carry a value: message, stack, JSON, inspect (hidden fields too). */
function everything(error: Error): string {
  return `${error.message} ${error.stack} ${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: 10 })}`;
}

describe.each(VENDORS)('a plug-in whose configSchema is %s', (vendor) => {
  const provider = `std-${vendor}`;

  it('builds a working client from a valid config, the common options validated and merged in', async () => {
    const client = build({ provider, apiKey: CANARY, region: 'us', timeoutMs: 5_000, collections: { faces: ['p1', 'p2'] } });
    expect((await client.listCollections()).map((c) => [c.id, c.itemCount])).toEqual([['faces', 2]]);
    expect(received.get(provider)).toMatchObject({
      provider, apiKey: CANARY, region: 'us', timeoutMs: 5_000, maxRetries: 2, attemptTimeoutMs: 30_000,
    });
    build({ provider, apiKey: CANARY });
    expect(received.get(provider)).toMatchObject({ region: 'eu', timeoutMs: 90_000 });
  });

  it('refuses an invalid option of its own as CONFIG, naming it and quoting no value', () => {
    const error = configError(() => build({ provider, apiKey: 12_345_678, region: CANARY }));
    expect(error.provider).toBe(provider);
    expect(error.message).toMatch(new RegExp(`^invalid ${provider} config: .*apiKey: .*region: `));
    expect(error.cause).toBeUndefined();
    expect(everything(error)).not.toContain(CANARY);
    expect(everything(error)).not.toContain('12345678');
  });

  it('has the common options checked by the library, in the same error as its own', () => {
    const error = configError(() => build({ provider, apiKey: CANARY, region: 'asia', timeoutMs: -1, baseUrl: 'http://example.com' }));
    expect(error.message).toMatch(/baseUrl: must use https/);
    expect(error.message).toMatch(/timeoutMs: /);
    expect(error.message).toMatch(/region: /);
    expect(error.message).not.toContain('asia');
  });

  it('refuses unknown options with a suggestion, for the common options and its own', () => {
    expect(configError(() => build({ provider, apiKey: CANARY, timeoutMS: 5_000 })).message)
      .toBe(`unknown option "timeoutMS" for ${provider}; did you mean "timeoutMs"?`);
    expect(configError(() => build({ provider, apiKey: CANARY, regoin: 'eu' })).message)
      .toBe(`unknown option "regoin" for ${provider}; did you mean "region"?`);
  });

  it('never lets a string of six characters or more from an invalid option reach the message', () => {
    fc.assert(fc.property(fc.string({ minLength: 6, maxLength: 40, unit: 'grapheme' }), fc.boolean(), (value, asApiKeyToo) => {
      fc.pre(!'[value]'.includes(value) && !value.includes('eu') && value.trim() !== '');
      const config = { provider, apiKey: asApiKeyToo ? value : CANARY, region: value };
      const error = configError(() => build(config));
      expect(error.message).toMatch(/region: /);
      expect(error.message).not.toContain(value);
      expect(error.message).not.toContain(CANARY);
    }), { numRuns: 200 });
  });
});

describe('what a validator does instead of returning issues', () => {
  const boom = (value: unknown): never => {
    throw new Error(`cannot use ${String(value)}`);
  };
  const throwing = {
    zod3: z3.object({ apiKey: z3.string() }).transform((config) => boom(config.apiKey)),
    zod4: z.object({ apiKey: z.string() }).transform((config) => boom(config.apiKey)),
    valibot: v.pipe(v.object({ apiKey: v.string() }), v.transform((config) => boom(config.apiKey))),
    arktype: type({ apiKey: 'string' }).pipe((config) => boom(config.apiKey)),
  };

  it.each(VENDORS)('with %s, a schema that throws is a CONFIG error that quotes nothing of what it threw', (vendor) => {
    registerProvider({ name: `throwing-${vendor}`, configSchema: throwing[vendor], useFactory: () => boom('built') });
    const error = configError(() => build({ provider: `throwing-${vendor}`, apiKey: CANARY }));
    expect(error.message).toBe(`the throwing-${vendor} configSchema threw Error instead of returning issues `
      + '(its message is not quoted: it may contain a config value)');
    expect(everything(error)).not.toContain(CANARY);
  });

  const asynchronous = {
    zod3: z3.object({ apiKey: z3.string() }).refine(async () => false),
    zod4: z.object({ apiKey: z.string() }).refine(async () => false),
    valibot: v.pipeAsync(v.object({ apiKey: v.string() }), v.checkAsync(async () => false)),
  };

  it.each(Object.keys(asynchronous) as Array<keyof typeof asynchronous>)('with %s, an async schema is a CONFIG error saying so', async (vendor) => {
    let built = 0;
    registerProvider({
      name: `async-${vendor}`, configSchema: asynchronous[vendor], useFactory: (config) => { built += 1; return adapterFor(config); },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const error = configError(() => build({ provider: `async-${vendor}`, apiKey: CANARY }));
      expect(error.message).toMatch(new RegExp(`^the async-${vendor} configSchema validates asynchronously .*must be synchronous$`));
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect([built, unhandled]).toEqual([0, []]);
  });
});

describe('how the common options compose with a plug-in schema', () => {
  it('a schema that declares a common option takes it over (its default, its rules)', () => {
    let config: unknown;
    registerProvider({
      name: 'owns-timeout',
      configSchema: v.object({ apiKey: v.string(), timeoutMs: v.optional(v.number(), 1_234) }),
      useFactory: (c) => { config = c; return adapterFor(c); },
    });
    build({ provider: 'owns-timeout', apiKey: CANARY });
    expect(config).toMatchObject({ timeoutMs: 1_234, maxRetries: 2 });
    build({ provider: 'owns-timeout', apiKey: CANARY, timeoutMs: 0 });
    expect(config).toMatchObject({ timeoutMs: 0 });
  });

  it('a schema whose keys cannot be read is handed only the options that are not common ones', () => {
    const seen: unknown[] = [];
    const opaque = v.custom<{ apiKey: string }>((input) => {
      seen.push(input);
      return typeof (input as { apiKey?: unknown }).apiKey === 'string';
    }, 'needs apiKey');
    let config: unknown;
    registerProvider({ name: 'opaque', configSchema: opaque, useFactory: (c) => { config = c; return adapterFor(c); } });
    build({ provider: 'opaque', apiKey: CANARY, maxRetries: 1, extra: true });
    expect(seen).toEqual([{ apiKey: CANARY, extra: true }]);
    expect(config).toMatchObject({ provider: 'opaque', apiKey: CANARY, maxRetries: 1, timeoutMs: 90_000 });
    // Its unknown keys are its own business; the common ones are still checked.
    expect(configError(() => build({ provider: 'opaque', apiKey: CANARY, maxRetries: 99 })).message).toMatch(/^invalid opaque config: maxRetries: /);
    expect(configError(() => build({ provider: 'opaque' })).message).toBe('invalid opaque config: config: needs apiKey');
  });

  it('a schema extending baseConfigSchema is still handed the whole config', () => {
    let config: unknown;
    const whole = baseConfigSchema.extend({ provider: z.literal('whole'), apiKey: z.string() })
      .transform((c) => ({ ...c, seenProvider: c.provider }));
    registerProvider({ name: 'whole', configSchema: whole, useFactory: (c) => { config = c; return adapterFor(c); } });
    build({ provider: 'whole', apiKey: CANARY, maxRetries: 1 });
    expect(config).toMatchObject({ seenProvider: 'whole', maxRetries: 1, timeoutMs: 90_000 });
  });

  it('a plug-in schema must produce an object to merge with the common options', () => {
    registerProvider({
      name: 'scalar', configSchema: v.pipe(v.object({ apiKey: v.string() }), v.transform(() => 42)), useFactory: () => adapterFor({ apiKey: '' }),
    });
    expect(configError(() => build({ provider: 'scalar', apiKey: CANARY })).message).toMatch(/must produce an object/);
  });

  it('works through createCollectionClients too, every config checked before any is built', () => {
    const { a, b } = createCollectionClients({
      a: { provider: 'std-valibot', apiKey: CANARY },
      b: { provider: 'typed-valibot', apiKey: CANARY, region: 'us', maxRetries: 0 },
    });
    expect([a.provider, b.provider]).toEqual(['in-memory', 'in-memory']);
    const error = configError(() => createCollectionClients({
      a: { provider: 'std-arktype', apiKey: CANARY },
      // @ts-expect-error the augmented plug-in's options are typed from its valibot schema
      b: { provider: 'typed-valibot', apiKey: CANARY, region: 'asia' },
    }));
    expect(error.provider).toBe('typed-valibot');
  });
});

describe('registerProvider', () => {
  it('refuses zod 3 fields inside baseConfigSchema at registration, saying what to write instead', () => {
    const mixed = baseConfigSchema.extend({ provider: z3.literal('mixed'), apiKey: z3.string() });
    const error = configError(() => registerProvider({ name: 'mixed', configSchema: mixed as never, useFactory: () => adapterFor({ apiKey: '' }) }));
    expect(error.message).toMatch(/mixes validators: "provider", "apiKey" come from another library or zod version/);
    expect(error.message).toMatch(/Declare only your own options with your validator/);
    expect(knownProviders()).not.toContain('mixed');
  });

  it('refuses a configSchema that is not a Standard Schema', () => {
    const legacy = { safeParse: () => ({ success: true, data: {} }) };
    const error = configError(() => registerProvider({ name: 'legacy', configSchema: legacy as never, useFactory: () => adapterFor({ apiKey: '' }) }));
    expect(error.message).toMatch(/the legacy configSchema is not a Standard Schema/);
    expect(knownProviders()).not.toContain('legacy');
  });
});

describe('issue messages', () => {
  it('are scrubbed of the value at their path as a whole token, and of long strings anywhere', () => {
    const input = { limit: 5, nested: { pin: 'abc' }, other: 'long-enough-secret' };
    expect(formatIssues([
      { path: ['limit'], message: 'must be at least 15 (was 5)' },
      { path: [{ key: 'nested' }], message: 'must be a string (was {"pin":"abc"})' },
      { message: 'long-enough-secret does not match\nabc' },
    ], input)).toBe('limit: must be at least 15 (was [value]); nested: must be a string (was {"pin":"[value]"}); '
      + 'config: [value] does not match [value]');
  });

  it('bound odd keys in paths, and count the issues left out', () => {
    const key = `a\u2028${'x'.repeat(100)}`;
    const issues = Array.from({ length: 7 }, (_, i) => ({ path: [key, i], message: 'bad' }));
    const message = formatIssues(issues, {});
    expect(message).not.toMatch(/\u2028/);
    expect(message).toMatch(/ \(and 2 more\)$/);
    expect(message.split('; ')).toHaveLength(5);
  });
});
