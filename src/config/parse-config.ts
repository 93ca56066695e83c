import type { z } from 'zod';
import { CollectionError } from '../errors.js';
import { knownOptionsOf, unknownOptionsMessage } from './unknown-options.js';

/**
 * Parses a config with its schema, turning zod's issues into one CONFIG error. Only paths,
 * option names and messages are quoted, never values: a value could be a credential. An option
 * the schema does not declare is refused first, since a misspelled one is often why another
 * looks missing.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, provider: string): z.output<S> {
  const known = typeof input === 'object' && input !== null ? knownOptionsOf(schema) : undefined;
  const unknown = known === undefined ? undefined : unknownOptionsMessage(input as object, known, provider);
  if (unknown !== undefined) throw new CollectionError({ code: 'CONFIG', provider, message: unknown, retryable: false });
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'config'}: ${issue.message}`)
    .join('; ');
  throw new CollectionError({ code: 'CONFIG', provider, message: `invalid ${provider} config: ${problems}`, retryable: false });
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
