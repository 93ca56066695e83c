import { CollectionError, isCollectionError } from '../errors.js';

/**
 * Whatever an adapter throws reaches the caller as a CollectionError. An adapter's own error is
 * not quoted (its message may hold anything, a credential included): its name is enough to
 * point at the adapter.
 */
export function asCollectionError(provider: string, error: unknown): CollectionError {
  if (isCollectionError(error)) return error;
  const name = typeof (error as { name?: unknown } | null)?.name === 'string' ? (error as { name: string }).name : typeof error;
  const cause = new Error(`${name} thrown by the ${provider} adapter`);
  cause.name = name;
  cause.stack = `${cause.name}: ${cause.message}`;
  return new CollectionError({
    code: 'PROVIDER_ERROR', provider, retryable: false, cause,
    message: `the ${provider} adapter failed unexpectedly (${name}); nothing more is known`,
  });
}

/** Runs one adapter call, so that only CollectionErrors come out of it. */
export async function guarded<T>(provider: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asCollectionError(provider, error);
  }
}
