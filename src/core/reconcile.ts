import type { BatchResult } from '../spec/models.js';
import type { ReconcileOptions } from '../spec/options.js';
import type { CoreContext } from './core-context.js';

/** Settles a batch result's unknown ids by reading state. Placeholder. */
export async function reconcileResult(_ctx: CoreContext, result: BatchResult, _options: ReconcileOptions): Promise<BatchResult> {
  return result;
}
