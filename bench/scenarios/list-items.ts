/**
 * 4. listItems throughput and RSS growth over many items vs a raw pager (fetch page by page,
 * page size 100), 0 ms latency. Each run lists in its own fresh client process; the server
 * (read-only here) is shared by all runs.
 */
import { fileURLToPath } from 'node:url';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { runNode } from '../children.ts';
// @ts-ignore TS5097 (see above)
import { config } from '../config.ts';
// @ts-ignore TS5097 (see above)
import { line, row, section, target } from '../report.ts';
// @ts-ignore TS5097 (see above)
import { field, interleave, type Sample, type Variant } from '../rounds.ts';
// @ts-ignore TS5097 (see above)
import { withServer, type BenchServer } from '../server-process.ts';
// @ts-ignore TS5097 (see above)
import { counts, pairedRatios, range, summarize, times } from '../stats.ts';

const WORKER = fileURLToPath(new URL('./list-worker.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const RAW = 'raw pager (fetch page by page, 100/page)';
const LIB = 'library listItems';

async function listOnce(server: BenchServer, variant: 'raw' | 'library', expected: number): Promise<Sample> {
  await server.reset();
  const job = JSON.stringify({ url: server.url, variant, expected });
  const { stdout } = await runNode([WORKER, job], REPO, config.runTimeoutMs, `list worker (${variant})`);
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '') as { ms: number; rssGrowthMb: number };
  const stats = await server.stats();
  return { ms: result.ms, rssGrowthMb: result.rssGrowthMb, requests: stats.requests, connections: stats.connections };
}

export async function listItems(): Promise<void> {
  const n = config.listItems;
  section(`4. listItems: ${n} Wickson items, 0 ms latency`,
    'each run in a fresh client process; time and peak RSS growth measured inside it, after imports');
  await withServer({ provider: 'wickson', latencyMs: 0, seed: { kind: 'wickson-items', count: n } }, async (server) => {
    const variants: Variant[] = [
      { label: RAW, run: () => listOnce(server, 'raw', n) },
      { label: LIB, run: () => listOnce(server, 'library', n) },
    ];
    const samples = await interleave('list items', config.rounds, variants);
    for (const label of [RAW, LIB]) {
      const ms = field(samples, label, 'ms');
      row(label, range(summarize(ms), ' ms'), `${range(summarize(ms.map((t) => n / (t / 1000))), ' items/s')}`,
        `RSS +${range(summarize(field(samples, label, 'rssGrowthMb')), ' MB')}`,
        `${counts(summarize(field(samples, label, 'requests')))} req`);
    }
    const time = pairedRatios(field(samples, LIB, 'ms'), field(samples, RAW, 'ms'));
    const rss = pairedRatios(field(samples, LIB, 'rssGrowthMb'), field(samples, RAW, 'rssGrowthMb'));
    line(`library / raw: time ${times(time)}, RSS growth ${times(rss)}`);
    target('listItems time ≤ 1.25× raw pager', times(time), time.median <= 1.25);
    target('listItems RSS growth ≤ 1.1× raw pager', times(rss), rss.median <= 1.1);
  });
}
