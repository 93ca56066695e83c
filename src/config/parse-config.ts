import { CollectionError } from '../errors.js';
import { baseConfigSchema, type BaseConfig, type BaseConfigInput } from './base-config.js';
import { formatIssues } from './config-issues.js';
import { schemaShapeOf } from './schema-shape.js';
import { validateSync, type StandardSchemaV1 } from './standard-schema.js';
import { unknownOptionsMessage } from './unknown-options.js';

/** The options every provider accepts, validated by the library unless a schema takes them over. */
export const BASE_OPTIONS: readonly string[] = Object.keys(baseConfigSchema.shape);

/**
 * A plug-in's config as its adapter receives it: the common options (`BaseConfig`) and the
 * output of its own schema, which wins for any option it declares itself.
 */
export type PluginConfig<S extends StandardSchemaV1> = Omit<BaseConfig, keyof StandardSchemaV1.InferOutput<S>>
  & StandardSchemaV1.InferOutput<S>;

/** What an app passes for that plug-in (for `CollectionProviderConfigs` augmentation). */
export type PluginConfigInput<S extends StandardSchemaV1> = Omit<BaseConfigInput, keyof StandardSchemaV1.InferInput<S>>
  & StandardSchemaV1.InferInput<S>;

/**
 * How a config is split between the library and a provider's schema:
 *
 * - the schema validates the options it declares, and every option that is not a common one;
 * - the library validates the common options (`baseConfigSchema`) the schema does not declare.
 *
 * A schema built by extending `baseConfigSchema` declares them all, so it is handed the whole
 * config, as before; one written with another validator declares only its own options. A schema
 * whose keys cannot be read (see schema-shape.ts) is taken to declare no common option.
 */
interface Plan {
  /** Common options the provider's schema declares, so validates itself. */
  owned: ReadonlySet<string>;
  /** The library's schema for the rest of the common options, if any is left. */
  base: StandardSchemaV1 | undefined;
  /** Every option name, when a key outside them is a mistake; else undefined. */
  known: readonly string[] | undefined;
}

const plans = new WeakMap<object, Plan>();

function planFor(schema: StandardSchemaV1): Plan {
  let plan = plans.get(schema);
  if (plan !== undefined) return plan;
  const shape = schemaShapeOf(schema);
  const owned = new Set(BASE_OPTIONS.filter((option) => shape?.keys.includes(option)));
  const left = BASE_OPTIONS.filter((option) => !owned.has(option));
  const base = left.length === 0 ? undefined
    : owned.size === 0 ? baseConfigSchema : baseConfigSchema.omit(Object.fromEntries([...owned].map((key) => [key, true])) as never);
  const known = shape?.closed ? [...new Set([...left, ...shape.keys])] : undefined;
  plan = { owned, base, known };
  plans.set(schema, plan);
  return plan;
}

function configError(provider: string, message: string): CollectionError {
  return new CollectionError({ code: 'CONFIG', provider, message, retryable: false });
}

type Outcome = { ok: true; value: unknown } | { ok: false; issues: ReadonlyArray<StandardSchemaV1.Issue> };

function run(schema: StandardSchemaV1, input: unknown, provider: string): Outcome {
  const result = validateSync(schema, input);
  switch (result.kind) {
    case 'value': return { ok: true, value: result.value };
    case 'issues': return { ok: false, issues: result.issues };
    case 'async': throw configError(provider, `the ${provider} configSchema validates asynchronously (an async refinement, `
      + 'check or transform); clients are created synchronously, so a config schema must be synchronous');
    default: throw configError(provider, `the ${provider} configSchema threw ${result.errorName} instead of returning issues `
      + '(its message is not quoted: it may contain a config value)');
  }
}

function pick(input: object, keep: (key: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([key]) => keep(key)));
}

/**
 * Validates a config with its provider's schema (any Standard Schema) and the common options,
 * turning every issue into one CONFIG error. Only paths, option names and messages scrubbed of
 * values are quoted: a value could be a credential. An option no one declares is refused first,
 * since a misspelled one is often why another looks missing.
 */
export function parseConfig<S extends StandardSchemaV1>(schema: S, input: unknown, provider: string): PluginConfig<S> {
  const plan = planFor(schema);
  const isObject = typeof input === 'object' && input !== null;
  const unknown = isObject && plan.known !== undefined ? unknownOptionsMessage(input, plan.known, provider) : undefined;
  if (unknown !== undefined) throw configError(provider, unknown);
  if (plan.base === undefined) {
    const whole = run(schema, input, provider);
    if (whole.ok) return whole.value as PluginConfig<S>;
    throw configError(provider, `invalid ${provider} config: ${formatIssues(whole.issues, input)}`);
  }
  if (!isObject) throw configError(provider, `invalid ${provider} config: config must be an object`);
  const base = run(plan.base, pick(input, (key) => BASE_OPTIONS.includes(key) && !plan.owned.has(key)), provider);
  const own = run(schema, pick(input, (key) => !BASE_OPTIONS.includes(key) || plan.owned.has(key)), provider);
  if (base.ok && own.ok) {
    if (typeof own.value !== 'object' || own.value === null) {
      throw configError(provider, `the ${provider} configSchema must produce an object (its options), to be merged with the common options`);
    }
    return { ...base.value as object, ...own.value } as PluginConfig<S>;
  }
  const issues = [...(base.ok ? [] : base.issues), ...(own.ok ? [] : own.issues)];
  throw configError(provider, `invalid ${provider} config: ${formatIssues(issues, input)}`);
}

/** A credential from the config or, failing that, the environment; a CONFIG error names both. */
export function resolveCredential(
  provider: string, value: string | undefined, option: string, envVar: string,
): string {
  const resolved = value ?? process.env[envVar];
  if (resolved !== undefined && resolved.trim() !== '') return resolved;
  throw new CollectionError({
    code: 'CONFIG',
    provider,
    message: `${provider} needs a credential: pass \`${option}\` in the config or set the ${envVar} environment variable`,
    retryable: false,
  });
}
