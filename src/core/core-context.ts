import type { CollectionAdapter } from '../spec/adapter.js';
import type { CollectionProvider, ProviderCapabilities } from '../spec/provider.js';

/**
 * What the core's helpers (plans, sync, reconcile, journals) get from the client: the adapter
 * for request-level reads, the derived capabilities, and the public client itself for whole
 * operations (so a sync keeps every promise the public methods keep).
 */
export interface CoreContext {
  readonly provider: string;
  readonly adapter: CollectionAdapter;
  readonly capabilities: ProviderCapabilities;
  /** Requests in flight at once for batch work. */
  readonly concurrency: number;
  /** The client's default for a call's `waitForQuota` (config `quota.wait`). */
  readonly waitForQuota?: boolean | undefined;
  readonly client: CollectionProvider;
}
