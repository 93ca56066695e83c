import { schemaShapeOf } from '../config/schema-shape.js';
import { isStandardSchema, type StandardSchemaV1 } from '../config/standard-schema.js';
import { CollectionError } from '../errors.js';
import type { ProviderDefinition } from './provider-definition.js';

const definitions = new Map<string, ProviderDefinition>();

function refuse(definition: unknown, message: string): CollectionError {
  const name = (definition as { name?: unknown } | null)?.name;
  return new CollectionError({
    code: 'CONFIG', provider: typeof name === 'string' ? name.slice(0, 40) : 'unknown', message, retryable: false,
  });
}

/**
 * Makes a provider available to `createCollectionClient({ provider: name, … })`. Registering a
 * name again replaces the earlier definition (so tests and apps can swap an implementation).
 * The registry is process-wide; clients already built keep the definition they were built with.
 *
 * @param definition - The provider's `name`, `configSchema` and exactly one of `useClass` or
 * `useFactory`; see {@link ProviderDefinition}.
 * @throws {@link CollectionError} `CONFIG` when the definition lacks a name or has both or
 * neither of `useClass` and `useFactory`, when `configSchema` is not a Standard Schema, or when
 * it mixes validators (e.g. `baseConfigSchema.extend` with zod 3 fields; the message names them).
 *
 * @example
 * ```ts
 * registerProvider({
 *   name: 'in-memory',
 *   configSchema: z.object({ account: z.string() }), // the plug-in's own options only
 *   useFactory: (config) => new InMemoryAdapter(config), // config: PluginConfig<typeof schema>
 * });
 * const client = createCollectionClient({ provider: 'in-memory', account: 'test' });
 * ```
 */
export function registerProvider<S extends StandardSchemaV1>(definition: ProviderDefinition<S>): void {
  const valid = typeof definition === 'object' && definition !== null
    && typeof definition.name === 'string' && definition.name.trim() !== ''
    && (typeof definition.useClass === 'function') !== (typeof definition.useFactory === 'function');
  if (!valid) {
    throw refuse(definition, 'registerProvider needs { name, configSchema (a Standard Schema: zod 3.24+ or 4, valibot, '
      + 'arktype, …), and exactly one of useClass or useFactory }');
  }
  if (!isStandardSchema(definition.configSchema)) {
    throw refuse(definition, `the ${definition.name} configSchema is not a Standard Schema (no "~standard" validate): `
      + 'use zod 3.24+ or 4, valibot 1+, arktype 2+ or another validator that implements standardschema.dev');
  }
  // baseConfigSchema.extend({ … }) with another zod's fields only fails once a config is parsed,
  // with that zod's own error: say so now, and what to write instead.
  const foreign = schemaShapeOf(definition.configSchema)?.foreign ?? [];
  if (foreign.length > 0) {
    throw refuse(definition, `the ${definition.name} configSchema mixes validators: ${foreign.slice(0, 5).map((key) => `"${key.slice(0, 40)}"`).join(', ')} `
      + 'come from another library or zod version than the object around them (e.g. baseConfigSchema.extend with zod 3 fields). '
      + 'Declare only your own options with your validator: the library validates the common options (baseConfigSchema) itself');
  }
  definitions.set(definition.name, definition as unknown as ProviderDefinition);
}

/** The definition registered under `name`, if any (internal: `createCollectionClient` reads it). */
export function getProviderDefinition(name: string): ProviderDefinition | undefined {
  return definitions.get(name);
}

/**
 * The names `createCollectionClient` accepts as `provider` right now: the built-in `'verifik'`
 * and `'wickson'` and every registered plug-in.
 *
 * @returns A new array, sorted.
 */
export function knownProviders(): string[] {
  return [...definitions.keys()].sort();
}
