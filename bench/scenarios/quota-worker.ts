/**
 * One instance of an app in the quota section (`node quota-worker.ts '<json>'`): deletes its ids
 * through the library, its quota in this process's memory or, with `redisUrl`, in Redis shared
 * with the other instances. Prints one JSON line: wall ms, and the ids per outcome.
 */
import { performance } from 'node:perf_hooks';
import { createCollectionClient, createRedisQuotaStore, type QuotaStore } from 'unified-collections';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { WICKSON_KEY, wicksonIds } from '../fixtures.ts';

export interface QuotaJob {
  url: string;
  /** This worker's ids: `wicksonIds(first + count)` from `first`. */
  first: number;
  count: number;
  concurrency?: number;
  redisUrl?: string;
  waitForQuota?: boolean;
  maxRetryWaitMs?: number;
}

export interface QuotaRun {
  ms: number;
  requested: number;
  succeeded: number;
  failed: number;
  unknown: number;
  /** Ids in none of succeeded / failed / unknown (a broken partition). */
  lost: number;
  /** Failure codes seen, with counts. */
  codes: Record<string, number>;
}

const job = JSON.parse(process.argv[2] ?? '') as QuotaJob;
const ids = wicksonIds(job.first + job.count).slice(job.first);
const store: QuotaStore | undefined = job.redisUrl === undefined ? undefined : await createRedisQuotaStore({ url: job.redisUrl });
try {
  const client = createCollectionClient({
    provider: 'wickson', apiKey: WICKSON_KEY, baseUrl: job.url,
    ...(job.concurrency === undefined ? {} : { concurrency: job.concurrency }),
    ...(job.maxRetryWaitMs === undefined ? {} : { maxRetryWaitMs: job.maxRetryWaitMs }),
    // Not told the window: the client learns it from the answers, as against the real vendor.
    ...(store ? { quota: { store } } : {}),
  });
  const start = performance.now();
  const result = await client.deleteItems(ids, { waitForQuota: job.waitForQuota ?? false });
  const ms = performance.now() - start;
  const settled = new Set([...result.succeeded, ...result.failed.map((f) => f.id), ...result.unknown]);
  const codes: Record<string, number> = {};
  for (const failure of result.failed) codes[failure.code ?? 'none'] = (codes[failure.code ?? 'none'] ?? 0) + 1;
  const run: QuotaRun = {
    ms,
    requested: ids.length,
    succeeded: result.succeeded.length,
    failed: result.failed.length,
    unknown: result.unknown.length,
    lost: ids.filter((id) => !settled.has(id)).length,
    codes,
  };
  console.log(JSON.stringify(run));
} finally {
  await store?.close?.();
}
