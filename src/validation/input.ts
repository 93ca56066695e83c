import { z } from 'zod';
import { CollectionError } from '../errors.js';
import type { ProviderName } from '../spec/models.js';
import type { CallOptions, CreateCollectionInput, UpdateCollectionInput } from '../spec/options.js';

/** Longest id accepted; no vendor documents a limit, and longer ones are surely mistakes. */
export const MAX_ID_LENGTH = 256;
/** Most ids one batch call accepts; it is chunked to vendor limits internally. */
export const MAX_IDS_PER_CALL = 100_000;

/** C0, DEL and C1 controls: none belongs in an id, and they would corrupt logs and messages. */
const CONTROL_CHARACTERS = /\p{Cc}/u;
/** A lone UTF-16 surrogate cannot be percent-encoded (encodeURIComponent throws a URIError). */
const LONE_SURROGATE = /\p{Cs}/u;
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/gu;

/**
 * Ids become single path segments. They are percent-encoded anyway, but a `/` or `..` in an id
 * is a caller bug (or an attack) that should fail loudly instead of reaching another resource.
 */
const idSchema = z.string()
  .min(1, 'must not be empty')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .refine((id) => !CONTROL_CHARACTERS.test(id), 'must not contain control characters')
  .refine((id) => !LONE_SURROGATE.test(id), 'must be well-formed Unicode (no lone surrogates)')
  .refine((id) => !id.includes('/') && !id.includes('\\'), 'must not contain "/" or "\\"')
  .refine((id) => id.trim() === id, 'must not start or end with whitespace')
  .refine((id) => id !== '.' && id !== '..', 'must not be "." or ".."');

function invalid(provider: ProviderName, message: string): CollectionError {
  return new CollectionError({ code: 'INVALID_INPUT', provider, message, retryable: false });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.slice(0, 40).replace(UNPRINTABLE, '?')}${value.length > 40 ? '…' : ''}"`;
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

export function validateId(provider: ProviderName, value: unknown, what: string): string {
  const parsed = idSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalid(provider, `${what} ${describe(value)} is invalid: ${parsed.error.issues[0]?.message ?? 'must be a string'}`);
}

/** Validates every id before any request, and removes duplicates (first occurrence wins). */
export function validateIdList(provider: ProviderName, value: unknown, what: string): string[] {
  if (!Array.isArray(value)) throw invalid(provider, `${what} must be an array of ids, got ${describe(value)}`);
  // Read the length once and every index exactly once: an array subclass or a Proxy may
  // override forEach/iteration or answer differently on a second read, and a sparse array's
  // holes are skipped by forEach. What is validated here is exactly what gets sent.
  const { length } = value;
  if (length > MAX_IDS_PER_CALL) {
    throw invalid(provider, `${what}: ${length} ids is more than the ${MAX_IDS_PER_CALL} one call accepts; split the work`);
  }
  const unique = new Set<string>();
  for (let index = 0; index < length; index += 1) {
    if (!Object.hasOwn(value, index)) throw invalid(provider, `${what}[${index}] is a hole in a sparse array, not an id`);
    unique.add(validateId(provider, value[index], `${what}[${index}]`));
  }
  return [...unique];
}

const callOptionsSchema = z.object({
  signal: z.custom<AbortSignal>((v) => v === undefined || v instanceof AbortSignal, 'must be an AbortSignal').optional(),
  timeoutMs: z.number().int().positive().max(2_147_483_647).optional(),
  pageSize: z.number().int().positive().optional(),
  reason: z.string().max(1000).optional(),
  createIfMissing: z.boolean().optional(),
  withItemCounts: z.boolean().optional(),
  onProgress: z.custom<(p: unknown) => void>((v) => v === undefined || typeof v === 'function', 'must be a function').optional(),
  waitForQuota: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  journal: z.union([
    z.string().min(1, 'must be a file path'),
    z.object({ path: z.string().min(1, 'must be a file path'), resume: z.boolean().optional() }),
  ]).optional(),
});

/** Checks the options object of any call (unknown keys are ignored). */
export function validateCallOptions<T extends CallOptions>(provider: ProviderName, options: T | undefined): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null) throw invalid(provider, 'options must be an object');
  const parsed = callOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(provider, `options.${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`);
  }
  // The values checked are the values used: a getter cannot answer differently later.
  return parsed.data as T;
}

const createInputSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  description: z.string().optional(),
});

/** `createCollection`'s input: a trimmed, non-empty name and an optional description. */
export function validateCreateInput(provider: ProviderName, input: unknown): CreateCollectionInput {
  const parsed = createInputSchema.safeParse(input);
  if (parsed.success) {
    const { name, description } = parsed.data;
    return description === undefined ? { name } : { name, description };
  }
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `input.${issue.path.join('.')}` : 'input';
  throw invalid(provider, `createCollection: ${where} ${issue?.message ?? 'is invalid'} (expected { name: string, description?: string })`);
}

const updateInputSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  description: z.string().optional(),
}).refine((v) => v.name !== undefined || v.description !== undefined, 'must set name or description');

/** `updateCollection`'s input: at least one of a trimmed, non-empty name and a description. */
export function validateUpdateInput(provider: ProviderName, input: unknown): UpdateCollectionInput {
  const parsed = updateInputSchema.safeParse(input);
  if (parsed.success) {
    const { name, description } = parsed.data;
    return { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) };
  }
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `input.${issue.path.join('.')}` : 'input';
  throw invalid(provider, `updateCollection: ${where} ${issue?.message ?? 'is invalid'} (expected { name?: string, description?: string })`);
}
