/**
 * One listing in a fresh process (`node list-worker.ts '<json>'`), so its RSS growth is its
 * own and not what earlier runs left in the heap. Prints one JSON line: ms, items, rssGrowthMb.
 * The library is imported only by the library variant, after which the RSS baseline is taken.
 */
import { performance } from 'node:perf_hooks';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { WICKSON_COLLECTION, WICKSON_KEY } from '../fixtures.ts';

interface Job {
  url: string;
  variant: 'library' | 'raw';
  expected: number;
}

const PAGE_SIZE = 100;
const job = JSON.parse(process.argv[2] ?? '') as Job;

/** A pager as a user writes it with fetch: page by page until the vendor's last page. */
async function* rawPager(): AsyncGenerator<unknown> {
  // Bounded even if the server never reports a last page.
  const maxPages = Math.ceil(job.expected / PAGE_SIZE) + 1;
  for (let page = 1; page <= maxPages; page += 1) {
    const query = new URLSearchParams({ collection: WICKSON_COLLECTION, page: String(page), page_size: String(PAGE_SIZE) });
    const res = await fetch(`${job.url}/v1/media?${query}`, { headers: { 'x-api-key': WICKSON_KEY } });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET /v1/media page ${page}: HTTP ${res.status}`);
    const { items, pagination } = JSON.parse(text).data as { items: unknown[]; pagination: { total_pages: number } };
    yield* items;
    if (items.length === 0 || page >= pagination.total_pages) return;
  }
}

async function source(): Promise<AsyncIterable<unknown>> {
  if (job.variant === 'raw') return rawPager();
  const { createCollectionClient } = await import('unified-collections');
  const client = createCollectionClient({ provider: 'wickson', apiKey: WICKSON_KEY, baseUrl: job.url });
  return client.listItems(WICKSON_COLLECTION, { pageSize: PAGE_SIZE });
}

const items = await source();
const before = process.memoryUsage.rss();
let peak = before;
let count = 0;
const start = performance.now();
for await (const item of items) {
  if (item === undefined) throw new Error('undefined item');
  count += 1;
  // Sampled once per page's worth of items: the peak, not the end state after a lucky GC.
  if (count % PAGE_SIZE === 0) peak = Math.max(peak, process.memoryUsage.rss());
}
const ms = performance.now() - start;
peak = Math.max(peak, process.memoryUsage.rss());
if (count !== job.expected) throw new Error(`${job.variant} listing yielded ${count} items, expected ${job.expected}`);
console.log(JSON.stringify({ ms, items: count, rssGrowthMb: (peak - before) / 2 ** 20 }));
