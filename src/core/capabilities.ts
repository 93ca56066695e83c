import { CollectionError } from '../errors.js';
import type { AdapterOperation, CollectionAdapter } from '../spec/adapter.js';
import type { ProviderCapabilities } from '../spec/provider.js';

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;

/**
 * What the client can do, from what the adapter declares and implements. The limits the core
 * chunks and pages by are checked here: a plug-in declaring `maxPageSize: 0` would otherwise
 * turn into NaN-sized pages at the first call.
 */
export function clientCapabilities(adapter: CollectionAdapter): ProviderCapabilities {
  const { removeItems, ...declared } = adapter.capabilities;
  for (const limit of ['maxAddBatch', 'maxDeleteBatch', 'maxPageSize'] as const) {
    if (!isCount(declared[limit])) {
      throw new CollectionError({
        code: 'CONFIG', provider: adapter.provider, retryable: false,
        message: `the ${adapter.provider} adapter declares capabilities.${limit} that is not a positive integer`,
      });
    }
  }
  const has = (operation: AdapterOperation) => typeof adapter[operation] === 'function';
  const canRemove = removeItems === 'unlink' ? has('removeItems')
    : removeItems === 'move-to-default' && has('addItems') && declared.protectedCollectionId !== undefined;
  return Object.freeze({
    ...declared,
    createCollection: has('createCollection'),
    updateCollection: has('updateCollection'),
    getItem: has('getItem'),
    removeItems: canRemove ? removeItems! : false,
  });
}
