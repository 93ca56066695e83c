import pLimit from 'p-limit';
import { KeyedSerializer } from '../batch/keyed-serializer.js';
import { runBatch } from '../batch/run-batch.js';
import { CollectionError, isCollectionError, isMaybeApplied, markNotSent } from '../errors.js';
import type { JournalAppender } from '../jobs/journal-file.js';
import { runJournaled } from '../jobs/run-journaled.js';
import type { AdapterCall, AdapterOperation, ChunkOutcome, CollectionAdapter } from '../spec/adapter.js';
import type { BatchResult, Collection, CollectionItem, DeletedCollection, SyncResult } from '../spec/models.js';
import type {
  AddItemsOptions, BatchOptions, BatchProgress, CallOptions, CreateCollectionInput, DeleteCollectionOptions,
  DeleteItemsOptions, ListCollectionsOptions, ListItemsOptions, ReconcileOptions, RemoveItemsOptions,
  SyncCollectionOptions, UpdateCollectionInput,
} from '../spec/options.js';
import type { OperationPlan } from '../spec/plan.js';
import type { CollectionProvider, ProviderCapabilities } from '../spec/provider.js';
import type { CredentialStatus } from '../spec/credential.js';
import type { QuotaSnapshot, QuotaWait } from '../spec/quota.js';
import {
  validateCallOptions, validateCreateInput, validateId, validateIdList, validateUpdateInput,
} from '../validation/input.js';
import type { OperationEvent } from '../spec/telemetry.js';
import { CallTrace } from '../telemetry/call-trace.js';
import { operationChannel, traced } from '../telemetry/channels.js';
import { asCollectionError, guarded } from './adapter-errors.js';
import type { CoreContext } from './core-context.js';
import { estimateEtaMs } from './eta.js';
import { planAddItems, planDeleteCollection, planDeleteItems, planRemoveItems, planSync } from './plans.js';
import { readBack } from './read-back.js';
import { reconcileResult } from './reconcile.js';
import { syncCollection } from './sync.js';
import { failedBeforeWriting, withFailuresDecidedFirst } from './batch-results.js';
import { clientCapabilities } from './capabilities.js';
import { missingTarget, protectedCollection, removalFromHome, unsupported } from './core-errors.js';
import { readNonMembers } from './membership.js';
import { paginate } from './paginate.js';

export interface CoreSettings {
  /** Requests in flight at once for batch work. */
  concurrency: number;
  /** The client's default for `waitForQuota` (config `quota.wait`). */
  waitForQuota?: boolean;
}

/** What a batch is, so its result (and journal) can say what to read back later. */
interface BatchJob {
  operation: NonNullable<BatchResult['operation']>;
  collectionId?: string;
  /** Requests each chunk costs (a read-modify-write costs a read and a write). */
  requestsPerChunk?: number;
  /** Where each chunk is recorded before it is sent and after it settles (set by `#journaled`). */
  journal?: JournalAppender;
}

/** Operations whose result is one record that can carry `meta`. */
const RECORDS_WITH_META: ReadonlySet<string> = new Set([
  'getCollection', 'createCollection', 'updateCollection', 'deleteCollection', 'getItem', 'addItems', 'removeItems',
  'deleteItems', 'reconcile',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A batch result's counts, for the operation's tracing event. */
function countsInto(event: OperationEvent, value: unknown): void {
  if (!isRecord(value) || !Array.isArray(value.succeeded) || !Array.isArray(value.failed) || !Array.isArray(value.unknown)) return;
  if (typeof value.requested === 'number') event.requested = value.requested;
  event.succeeded = value.succeeded.length;
  event.failed = value.failed.length;
  event.unknown = value.unknown.length;
  if (typeof value.collectionId === 'string') event.collectionId = value.collectionId;
}

/** The fields a batch result carries about the call that produced it. */
function jobFields(job: BatchJob): Pick<BatchResult, 'operation' | 'collectionId'> {
  return { operation: job.operation, ...(job.collectionId !== undefined ? { collectionId: job.collectionId } : {}) };
}

/** A faulty progress callback must not break the batch it reports on. */
function safely(report: () => void): void {
  try {
    report();
  } catch {
    // Ignored, as the batch runner does for its own reports.
  }
}

/** A 404 after an attempt that may have been carried out (its answer lost): that one did it. */
function goneAfterRetry(error: unknown): error is CollectionError {
  return isCollectionError(error) && error.code === 'NOT_FOUND' && isMaybeApplied(error);
}

const callOf = (options: CallOptions & { trace?: CallTrace }): AdapterCall => ({
  signal: options.signal, timeoutMs: options.timeoutMs, trace: options.trace,
});

/** The public overloads return a plan exactly when `dryRun` is true. */
const isDryRun = (options: { dryRun?: boolean }): boolean => options.dryRun === true;

/**
 * The public client: vendor-neutral, the same for every adapter (built-in or plugged in). It
 * owns every promise the README makes about a call, so an adapter only talks to its vendor.
 * Inputs are checked before anything else, an operation the adapter lacks is UNSUPPORTED before
 * any I/O, batches are deduplicated, chunked from the declared limits and partitioned, and
 * whatever an adapter throws comes out as a CollectionError.
 */
export class CollectionClient implements CollectionProvider {
  readonly provider: string;
  readonly capabilities: ProviderCapabilities;
  readonly #adapter: CollectionAdapter;
  readonly #settings: CoreSettings;
  /** Read-modify-write of one item runs one at a time within this client. */
  readonly #itemWrites = new KeyedSerializer();

  constructor(adapter: CollectionAdapter, settings: CoreSettings) {
    this.#adapter = adapter;
    this.#settings = settings;
    this.provider = adapter.provider;
    this.capabilities = clientCapabilities(adapter);
  }

  /**
   * Every public call: published on the `unified-collections:operation` tracing channel
   * (provider, operation, then its counts), and a result that is one record gets a
   * non-enumerable `meta` (the vendor's request ids, attempts, duration). A listing and a sync
   * (whose two phases carry their own) get none.
   */
  async #operation<T>(operation: string, run: (trace: CallTrace) => Promise<T>): Promise<T> {
    const trace = new CallTrace({ provider: this.provider, operation });
    const result = await traced(operationChannel, trace.event, async () => {
      const value = await run(trace);
      countsInto(trace.event, value);
      return value;
    });
    if (RECORDS_WITH_META.has(operation) && isRecord(result) && !('dryRun' in result)) {
      // Not enumerable (as openai-node does with `_request_id`): results stay the plain data they
      // were in JSON, logs and deep equality, and `result.meta` is there to read.
      Object.defineProperty(result, 'meta', { value: trace.meta(), enumerable: false, configurable: true, writable: true });
    }
    return result;
  }

  /** What plans, sync, reconcile and journals work with. */
  get #context(): CoreContext {
    return {
      provider: this.provider, adapter: this.#adapter, capabilities: this.capabilities,
      concurrency: this.#settings.concurrency, waitForQuota: this.#settings.waitForQuota, client: this,
    };
  }

  async quotaStatus(): Promise<QuotaSnapshot | undefined> {
    const status = this.#adapter.quotaStatus;
    return status === undefined ? undefined : this.#guard(() => status.call(this.#adapter));
  }

  /**
   * Only the two documented fields are passed on, in new objects: whatever else an adapter puts
   * in its answer (a plug-in's token, say) never reaches the app, and the app cannot change the
   * adapter's Date.
   */
  async credentialStatus(): Promise<CredentialStatus | undefined> {
    const status = this.#adapter.credentialStatus;
    if (status === undefined) return undefined;
    return this.#guard(async () => {
      const answer = status.call(this.#adapter);
      if (answer === undefined) return undefined;
      const renews = answer.renews === true;
      return answer.expiresAt === undefined ? { renews } : { expiresAt: new Date(answer.expiresAt.getTime()), renews };
    });
  }

  /** `withItemCounts` fills missing counts with one bounded-concurrency request per collection. */
  async listCollections(options?: ListCollectionsOptions): Promise<Collection[]> {
    return this.#operation('listCollections', async (trace) => {
      const call = { ...validateCallOptions(this.provider, options), trace };
      const collections = await this.#guard(() => this.#adapter.listCollections(callOf(call)));
      if (!call.withItemCounts) return collections;
      const limit = pLimit(this.#settings.concurrency);
      return Promise.all(collections.map((c) => limit(() => this.#withCount(c, call))));
    });
  }

  /** Where the vendor's read has no count (Verifik), one more request fills `itemCount`. */
  async getCollection(id: string, options?: CallOptions): Promise<Collection> {
    return this.#operation('getCollection', async (trace) => {
      const collectionId = validateId(this.provider, id, 'collection id');
      const call = { ...validateCallOptions(this.provider, options), trace };
      return this.#withCount(await this.#guard(() => this.#adapter.getCollection(collectionId, callOf(call))), call);
    });
  }

  async #withCount(collection: Collection, call: CallOptions): Promise<Collection> {
    const count = this.#adapter.countItems;
    if (collection.itemCount !== undefined || count === undefined) return collection;
    const itemCount = await this.#guard(() => count.call(this.#adapter, collection.id, callOf(call)));
    return itemCount === undefined ? collection : { ...collection, itemCount };
  }

  async updateCollection(id: string, input: UpdateCollectionInput, options?: CallOptions): Promise<Collection> {
    return this.#operation('updateCollection', async (trace) => {
      const update = this.#require('updateCollection');
      const collectionId = validateId(this.provider, id, 'collection id');
      const checked = validateUpdateInput(this.provider, input);
      const call = { ...validateCallOptions(this.provider, options), trace };
      return this.#guard(() => update.call(this.#adapter, collectionId, checked, callOf(call)));
    });
  }

  async getItem(id: string, options?: CallOptions): Promise<CollectionItem> {
    return this.#operation('getItem', async (trace) => {
      const get = this.#require('getItem');
      const itemId = validateId(this.provider, id, 'item id');
      const call = { ...validateCallOptions(this.provider, options), trace };
      return this.#guard(() => get.call(this.#adapter, itemId, callOf(call)));
    });
  }

  /** Refused before the input is even read when unsupported: no input could make it work. */
  async createCollection(input: CreateCollectionInput, options?: CallOptions): Promise<Collection> {
    return this.#operation('createCollection', async (trace) => {
      const create = this.#require('createCollection');
      const checked = validateCreateInput(this.provider, input);
      const call = { ...validateCallOptions(this.provider, options), trace };
      return this.#guard(() => create.call(this.#adapter, checked, callOf(call)));
    });
  }

  /**
   * A 404 after an attempt whose answer was lost means that attempt deleted it: success, with
   * what the lost answer held (counts, snapshot) unknown, and `raw` saying what was seen.
   */
  deleteCollection(id: string, options: DeleteCollectionOptions & { dryRun: true }): Promise<OperationPlan>;
  deleteCollection(id: string, options?: DeleteCollectionOptions): Promise<DeletedCollection>;
  async deleteCollection(id: string, options?: DeleteCollectionOptions): Promise<DeletedCollection | OperationPlan> {
    return this.#operation('deleteCollection', async (trace) => {
      const remove = this.#require('deleteCollection');
      const collectionId = validateId(this.provider, id, 'collection id');
      const call = { ...validateCallOptions(this.provider, options), trace };
      const { protectedCollectionId } = this.capabilities;
      if (collectionId === protectedCollectionId) throw protectedCollection(this.provider, collectionId);
      if (isDryRun(call)) return this.#guard(() => planDeleteCollection(this.#context, collectionId, call));
      try {
        return await this.#guard(() => remove.call(this.#adapter, collectionId, callOf(call)));
      } catch (error) {
        if (!goneAfterRetry(error)) throw error;
        return {
          provider: this.provider,
          collectionId,
          raw: { alreadyDeleted: true, status: error.status, vendorCode: error.vendorCode, requestId: error.requestId, attempts: error.attempts },
        };
      }
    });
  }

  /**
   * Where the vendor would create a missing target silently (a typo would move items into a new
   * collection), the target is read first: a missing one is NOT_FOUND, thrown with no write sent;
   * a read that fails otherwise fails every id (nothing was written).
   */
  addItems(collectionId: string, itemIds: readonly string[], options: AddItemsOptions & { dryRun: true }): Promise<OperationPlan>;
  addItems(collectionId: string, itemIds: readonly string[], options?: AddItemsOptions): Promise<BatchResult>;
  async addItems(collectionId: string, itemIds: readonly string[], options?: AddItemsOptions): Promise<BatchResult | OperationPlan> {
    return this.#operation('addItems', async (trace) => {
      const add = this.#require('addItems');
      const target = validateId(this.provider, collectionId, 'collection id');
      const ids = validateIdList(this.provider, itemIds, 'itemIds');
      const call = { ...validateCallOptions(this.provider, options), trace };
      if (isDryRun(call)) return this.#guard(() => planAddItems(this.#context, target, ids, call));
      return this.#journaled({ operation: 'addItems', collectionId: target }, ids, call, async (job, ids, call) => {
        if (this.capabilities.addCreatesCollection && !call.createIfMissing && ids.length > 0) {
          const checked = await this.#checkTarget(target, call);
          if (checked !== undefined) return { ...failedBeforeWriting(this.provider, ids, checked), ...jobFields(job) };
        }
        return this.#membershipBatch(job, ids, this.capabilities.maxAddBatch, call, (chunk, adapterCall) =>
          add.call(this.#adapter, target, chunk, adapterCall));
      });
    });
  }

  /**
   * Takes items out of a collection without deleting them. `unlink`: the adapter rewrites each
   * item's membership. `move-to-default`: the non-members are found first (with the fewest
   * reads) and end `failed` with nothing sent for them; the members move back to the default
   * collection (progress counts those). A failed read fails every id: nothing was written.
   */
  removeItems(collectionId: string, itemIds: readonly string[], options: RemoveItemsOptions & { dryRun: true }): Promise<OperationPlan>;
  removeItems(collectionId: string, itemIds: readonly string[], options?: RemoveItemsOptions): Promise<BatchResult>;
  async removeItems(collectionId: string, itemIds: readonly string[], options?: RemoveItemsOptions): Promise<BatchResult | OperationPlan> {
    return this.#operation('removeItems', async (trace) => {
      const how = this.capabilities.removeItems;
      if (how === false) throw unsupported(this.provider, 'removeItems', this.#adapter.unsupported?.removeItems);
      const source = validateId(this.provider, collectionId, 'collection id');
      const ids = validateIdList(this.provider, itemIds, 'itemIds');
      const call = { ...validateCallOptions(this.provider, options), trace };
      const job: BatchJob = { operation: 'removeItems', collectionId: source };
      if (how === 'unlink') {
        if (isDryRun(call)) return this.#guard(() => planRemoveItems(this.#context, source, ids, call));
        const remove = this.#adapter.removeItems!;
        return this.#journaled(job, ids, call, (job, ids, call) =>
          this.#membershipBatch(job, ids, this.capabilities.maxAddBatch, call, (chunk, adapterCall) =>
            remove.call(this.#adapter, source, chunk, adapterCall)));
      }
      const home = this.capabilities.protectedCollectionId!;
      if (source === home) throw removalFromHome(this.provider, home);
      if (isDryRun(call)) return this.#guard(() => planRemoveItems(this.#context, source, ids, call));
      return this.#journaled(job, ids, call, (job, ids, call) => this.#moveHome(job, source, home, ids, call));
    });
  }

  /** `move-to-default` removal: members are read first, then moved to the home collection. */
  async #moveHome(job: BatchJob, source: string, home: string, ids: string[], call: RemoveItemsOptions): Promise<BatchResult> {
    if (ids.length === 0) return this.#batch(job, [], 1, call, async () => ({ succeeded: [], failed: [], unknown: [] }));
    let nonMembers;
    try {
      const { itemCount } = await this.#withCount(await this.#adapter.getCollection(source, callOf(call)), call);
      nonMembers = await readNonMembers(this.#adapter, source, ids, itemCount, this.#settings.concurrency, callOf(call));
    } catch (error) {
      return { ...failedBeforeWriting(this.provider, ids, asCollectionError(this.provider, error)), ...jobFields(job) };
    }
    const members = ids.filter((id) => !nonMembers.has(id));
    const add = this.#adapter.addItems!;
    const moved = await this.#batch(job, members, this.capabilities.maxAddBatch, call, (chunk, adapterCall) =>
      add.call(this.#adapter, home, chunk, adapterCall));
    return withFailuresDecidedFirst(moved, ids, [...nonMembers].map(([id, reason]) => ({ id, reason, code: 'NOT_FOUND' })));
  }

  /**
   * A 404 on a retry of a one-item delete means an earlier attempt deleted it: succeeded. (For a
   * chunk of several, a 404 cannot say which items existed: the adapter's per-item answer must.)
   */
  deleteItems(itemIds: readonly string[], options: DeleteItemsOptions & { dryRun: true }): Promise<OperationPlan>;
  deleteItems(itemIds: readonly string[], options?: DeleteItemsOptions): Promise<BatchResult>;
  async deleteItems(itemIds: readonly string[], options?: DeleteItemsOptions): Promise<BatchResult | OperationPlan> {
    return this.#operation('deleteItems', async (trace) => {
      const remove = this.#require('deleteItems');
      const ids = validateIdList(this.provider, itemIds, 'itemIds');
      const call = { ...validateCallOptions(this.provider, options), trace };
      if (isDryRun(call)) return this.#guard(() => planDeleteItems(this.#context, ids, call));
      return this.#journaled({ operation: 'deleteItems' }, ids, call, (job, ids, call) =>
        this.#batch(job, ids, this.capabilities.maxDeleteBatch, call, async (chunk, adapterCall) => {
          try {
            return await remove.call(this.#adapter, chunk, { ...adapterCall, reason: call.reason });
          } catch (error) {
            if (chunk.length === 1 && goneAfterRetry(error)) return { succeeded: chunk, failed: [], unknown: [] };
            throw error;
          }
        }));
    });
  }

  syncCollection(collectionId: string, desiredIds: readonly string[], options: SyncCollectionOptions & { dryRun: true }): Promise<OperationPlan>;
  syncCollection(collectionId: string, desiredIds: readonly string[], options?: SyncCollectionOptions): Promise<SyncResult>;
  async syncCollection(
    collectionId: string, desiredIds: readonly string[], options?: SyncCollectionOptions,
  ): Promise<SyncResult | OperationPlan> {
    return this.#operation('syncCollection', async (trace) => {
      // Unsupported before the input is read, as everywhere: no input could make it work.
      if (this.capabilities.removeItems === false) {
        throw unsupported(this.provider, 'removeItems', this.#adapter.unsupported?.removeItems);
      }
      const id = validateId(this.provider, collectionId, 'collection id');
      const desired = validateIdList(this.provider, desiredIds, 'desiredIds');
      const call = { ...validateCallOptions(this.provider, options), trace };
      if (isDryRun(call)) return this.#guard(() => planSync(this.#context, id, desired, call));
      return this.#guard(() => syncCollection(this.#context, id, desired, call));
    });
  }

  async reconcile(result: BatchResult, options?: ReconcileOptions): Promise<BatchResult> {
    return this.#operation('reconcile', async (trace) => {
      this.#require('getItem');
      const call = { ...validateCallOptions(this.provider, options), trace };
      return this.#guard(() => reconcileResult(this.#context, result, call));
    });
  }

  /**
   * Lazy: arguments are checked at the first `next()`, still before any request. An abort
   * between pages stops before the next request, as ABORTED.
   */
  listItems(collectionId: string, options?: ListItemsOptions): AsyncIterable<CollectionItem> {
    return this.#items(collectionId, options);
  }

  async *#items(collectionId: string, options: ListItemsOptions | undefined): AsyncGenerator<CollectionItem, void, undefined> {
    const id = validateId(this.provider, collectionId, 'collection id');
    const call = validateCallOptions(this.provider, options);
    const { maxPageSize } = this.capabilities;
    const pageSize = Math.min(maxPageSize, call.pageSize ?? maxPageSize);
    yield* paginate(pageSize, (page) => {
      // The consumer may take its time between pages; an abort meanwhile stops before the next request.
      if (call.signal?.aborted) {
        throw markNotSent(new CollectionError({
          code: 'ABORTED', provider: this.provider, retryable: false,
          message: `listing items of collection ${id} was aborted before page ${page}`,
        }));
      }
      return this.#guard(() => this.#adapter.listItemsPage(id, page, pageSize, callOf(call)));
    });
  }

  /** Membership writes that read then rewrite an item run one at a time per item. */
  #membershipBatch(
    job: BatchJob, ids: string[], chunkSize: number, call: BatchOptions,
    send: (chunk: string[], call: AdapterCall) => Promise<ChunkOutcome>,
  ): Promise<BatchResult> {
    if (this.capabilities.membershipWrites !== 'read-modify-write') return this.#batch(job, ids, chunkSize, call, send);
    return this.#batch({ ...job, requestsPerChunk: 2 }, ids, 1, call, (chunk, adapterCall) =>
      this.#itemWrites.run(chunk[0]!, () => send(chunk, adapterCall)));
  }

  /** NOT_FOUND is thrown (the vendor would have created it); any other failure is returned. */
  async #checkTarget(collectionId: string, call: CallOptions): Promise<CollectionError | undefined> {
    try {
      await this.#adapter.getCollection(collectionId, callOf(call));
      return undefined;
    } catch (error) {
      const failure = asCollectionError(this.provider, error);
      if (failure.code === 'NOT_FOUND') throw missingTarget(this.provider, collectionId, failure.status);
      return failure;
    }
  }

  /**
   * Runs a batch through the batch runner. Progress reports carry an ETA (from the pace so far
   * and the quota), and a report is also made when a request starts waiting for its rate-limit
   * window (`waitingUntil`), so a long job never looks stuck.
   */
  async #batch(
    job: BatchJob, ids: string[], chunkSize: number, call: BatchOptions,
    send: (chunk: string[], call: AdapterCall) => Promise<ChunkOutcome>,
  ): Promise<BatchResult> {
    const size = Math.max(1, chunkSize);
    const started = Date.now();
    const requestsPerChunk = job.requestsPerChunk ?? 1;
    let last: BatchProgress = { total: ids.length, done: 0, succeeded: 0, failed: 0, unknown: 0 };
    let quota: QuotaSnapshot | undefined;
    const report = call.onProgress;
    const withEta = (progress: BatchProgress, extra: Partial<BatchProgress>): BatchProgress => {
      const requestsLeft = Math.ceil((progress.total - progress.done) / size) * requestsPerChunk;
      const requestsDone = Math.ceil(progress.done / size) * requestsPerChunk;
      const msPerRequest = requestsDone > 0 ? (Date.now() - started) / requestsDone : undefined;
      const etaMs = estimateEtaMs({ requestsLeft, now: Date.now(), quota: extra.quota ?? quota, msPerRequest });
      return { ...progress, ...extra, ...(etaMs !== undefined ? { etaMs } : {}) };
    };
    const onWait = report === undefined ? undefined : (wait: QuotaWait) => {
      if (wait.quota) quota = wait.quota;
      safely(() => report(withEta(last, { waitingUntil: wait.until, ...(wait.quota ? { quota: wait.quota } : {}) })));
    };
    const adapterCall: AdapterCall = {
      signal: call.signal,
      timeoutMs: call.timeoutMs,
      quota: { wait: call.waitForQuota ?? this.#settings.waitForQuota ?? false, onWait },
      trace: (call as { trace?: CallTrace }).trace,
    };
    const result = await runBatch({
      provider: this.provider,
      ids,
      chunkSize: size,
      concurrency: this.#settings.concurrency,
      signal: call.signal,
      onProgress: report === undefined ? undefined : (progress) => {
        last = progress;
        report(withEta(progress, quota ? { quota } : {}));
      },
      send: (chunk, signal) => send(chunk, { ...adapterCall, signal }),
      journal: job.journal,
    });
    return { ...result, ...jobFields(job) };
  }

  /**
   * Runs a batch job, with its journal when the call asks for one (see src/jobs): opened before
   * any request, each chunk recorded by the batch runner, and on resume only what the journal
   * does not settle is read back or sent.
   */
  async #journaled<O extends BatchOptions>(
    job: BatchJob, ids: string[], call: O, run: (job: BatchJob, ids: string[], call: O) => Promise<BatchResult>,
  ): Promise<BatchResult> {
    if (call.journal === undefined) return run(job, ids, call);
    const result = await runJournaled({
      identity: { provider: this.provider, operation: job.operation, collectionId: job.collectionId, ids },
      journal: call.journal,
      call,
      readBack: async (toRead, readCall) => {
        const quota = { wait: readCall.waitForQuota ?? this.#settings.waitForQuota ?? false };
        const read = await readBack(this.#adapter, job, toRead, this.#settings.concurrency, { ...callOf(readCall), quota });
        return read;
      },
      run: (todo, journal, todoCall) => run({ ...job, journal }, todo, { ...call, ...todoCall }),
    });
    return { ...result, ...jobFields(job) };
  }

  #guard<T>(call: () => Promise<T>): Promise<T> {
    return guarded(this.provider, call);
  }

  /** The adapter's method for an operation, or UNSUPPORTED before anything else happens. */
  #require<K extends AdapterOperation>(operation: K): NonNullable<CollectionAdapter[K]> {
    const method = this.#adapter[operation];
    if (typeof method === 'function') return method as NonNullable<CollectionAdapter[K]>;
    throw unsupported(this.provider, operation, this.#adapter.unsupported?.[operation]);
  }
}
