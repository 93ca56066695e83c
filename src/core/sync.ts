import type { SyncResult } from '../spec/models.js';
import type { SyncCollectionOptions } from '../spec/options.js';
import type { CoreContext } from './core-context.js';

/** Makes a collection's membership exactly `desired` (validated, unique ids). Placeholder. */
export async function syncCollection(
  _ctx: CoreContext, _collectionId: string, _desired: string[], _options: SyncCollectionOptions,
): Promise<SyncResult> {
  throw new Error('syncCollection is not implemented yet');
}
