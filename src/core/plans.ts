import type { CallOptions } from '../spec/options.js';
import type { OperationPlan } from '../spec/plan.js';
import type { CoreContext } from './core-context.js';

// Placeholders with the final signatures; filled in by the dry-run work.
const pending = (): never => {
  throw new Error('dry runs are not implemented yet');
};

/** The plan of `deleteCollection(id)`: what cascades, one write request. Inputs are validated. */
export async function planDeleteCollection(_ctx: CoreContext, _collectionId: string, _call: CallOptions): Promise<OperationPlan> {
  return pending();
}

/** The plan of `deleteItems(ids)`. `ids` are validated and unique. */
export async function planDeleteItems(_ctx: CoreContext, _ids: string[], _call: CallOptions): Promise<OperationPlan> {
  return pending();
}

/** The plan of `addItems(collectionId, ids)`. */
export async function planAddItems(
  _ctx: CoreContext, _collectionId: string, _ids: string[], _call: CallOptions & { createIfMissing?: boolean },
): Promise<OperationPlan> {
  return pending();
}

/** The plan of `removeItems(collectionId, ids)`. */
export async function planRemoveItems(_ctx: CoreContext, _collectionId: string, _ids: string[], _call: CallOptions): Promise<OperationPlan> {
  return pending();
}

/** The plan of `syncCollection(collectionId, desired)`. */
export async function planSync(_ctx: CoreContext, _collectionId: string, _desired: string[], _call: CallOptions): Promise<OperationPlan> {
  return pending();
}
