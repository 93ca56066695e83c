import { CollectionError } from '../errors.js';

// The errors the core raises itself, before (or instead of) any write. None is retryable: the
// same call would meet the same answer.

export function unsupported(provider: string, operation: string, why: string | undefined): CollectionError {
  return new CollectionError({
    code: 'UNSUPPORTED', provider, retryable: false,
    message: why ?? `${provider} does not support ${operation} (no request was sent)`,
  });
}

export function protectedCollection(provider: string, collectionId: string): CollectionError {
  return new CollectionError({
    code: 'PROTECTED_COLLECTION', provider, retryable: false,
    message: `${provider}'s "${collectionId}" collection cannot be deleted; delete its items with `
      + 'deleteItems, or move them to another collection first (request not sent)',
  });
}

export function removalFromHome(provider: string, home: string): CollectionError {
  return new CollectionError({
    code: 'INVALID_INPUT', provider, retryable: false,
    message: `items cannot be removed from "${home}": it is where removed items go; move them to another `
      + 'collection with addItems (request not sent)',
  });
}

/** A target the vendor would have created silently (a typo would move items into a new collection). */
export function missingTarget(provider: string, collectionId: string, status: number | undefined): CollectionError {
  return new CollectionError({
    code: 'NOT_FOUND', provider, retryable: false,
    ...(status !== undefined ? { status } : {}),
    message: `collection "${collectionId}" does not exist; ${provider} would have created it and moved the items `
      + 'into it, so nothing was sent. Pass { createIfMissing: true } if that is what you want',
  });
}
