/**
 * 6. Quota (issue #9 item 8): Wickson batch deletes against an emulator allowing 50 requests per
 * 5 s window per key. One process at concurrency 4, 16 and 64; 4 processes sharing the key
 * through a real redis-server; a long job that waits for quota where a wait longer than
 * `maxRetryWaitMs` (1 s here) would otherwise fail it, and that job without waiting (control).
 *
 * Each run gets its own emulator (a fresh account) in a child process, and each client runs in its
 * own process. Variants run one after another, interleaved over rounds: run at once, they slowed
 * each other's first window on 2 cores (concurrency 4 then sent 45 of its 50 requests in it).
 * Measured at the emulator: 429s, accepted requests, and the windows elapsed (from the window
 * ends its answers name), from which the share of the allowed rate follows.
 */
import { fileURLToPath } from 'node:url';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { runNode } from '../children.ts';
// @ts-ignore TS5097 (see above)
import { config } from '../config.ts';
// @ts-ignore TS5097 (see above)
import type { ServerSpec } from '../fixtures.ts';
// @ts-ignore TS5097 (see above)
import { line, row, section, target } from '../report.ts';
// @ts-ignore TS5097 (see above)
import { field, interleave, type Sample, type Variant } from '../rounds.ts';
// @ts-ignore TS5097 (see above)
import { withServer } from '../server-process.ts';
// @ts-ignore TS5097 (see above)
import { counts, percent, range, summarize } from '../stats.ts';
// @ts-ignore TS5097 (see above)
import { findRedisServer, REDIS_INSTALL_COMMAND, startRedisServer, type RedisServer } from '../../test/support/redis-process.ts';
// @ts-ignore TS5097 (see above)
import type { QuotaJob, QuotaRun } from './quota-worker.ts';

const WORKER = fileURLToPath(new URL('./quota-worker.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const LIMIT = 50;
const WINDOW_MS = 5_000;
const BATCH = 100;

interface QuotaVariant {
  label: string;
  processes: number;
  job: Omit<QuotaJob, 'url' | 'first' | 'count' | 'redisUrl'>;
  redis?: boolean;
  /** Judged against the targets (the control is expected to fail fast). */
  judged: boolean;
}

const VARIANTS: QuotaVariant[] = [
  { label: 'one process, concurrency 4', processes: 1, job: { concurrency: 4 }, judged: true },
  { label: 'one process, concurrency 16', processes: 1, job: { concurrency: 16 }, judged: true },
  { label: 'one process, concurrency 64', processes: 1, job: { concurrency: 64 }, judged: true },
  { label: '4 processes on one key via Redis', processes: 4, redis: true, job: {}, judged: true },
  { label: 'long job: waitForQuota, maxRetryWaitMs 1 s', processes: 1, job: { waitForQuota: true, maxRetryWaitMs: 1_000 }, judged: true },
  { label: 'control: same job without waitForQuota', processes: 1, job: { maxRetryWaitMs: 1_000 }, judged: false },
];

/**
 * Windows elapsed at the emulator, from the end of the first window a request was counted in to
 * the end of the last: a window opens with the first request after the previous one ended, so
 * a client that starts a window late pushes every later window end back, and the job spans a
 * fraction of a window more than the windows it filled.
 */
function windowsElapsed(firstEnd: number, lastEnd: number): number {
  return (lastEnd - firstEnd) / WINDOW_MS + 1;
}

async function runVariant(variant: QuotaVariant, redis: RedisServer | undefined): Promise<Sample> {
  const n = config.quotaIds;
  const spec: ServerSpec = {
    provider: 'wickson', latencyMs: config.latencyMs, seed: { kind: 'wickson-items', count: n * variant.processes },
    rateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
  };
  return withServer(spec, async (server) => {
    const runs = await Promise.all(Array.from({ length: variant.processes }, async (_, p) => {
      const job: QuotaJob = {
        ...variant.job, url: server.url, first: p * n, count: n,
        ...(variant.redis && redis ? { redisUrl: redis.url } : {}),
      };
      const { stdout } = await runNode([WORKER, JSON.stringify(job)], REPO, config.runTimeoutMs, `quota worker (${variant.label})`);
      return JSON.parse(stdout.trim().split('\n').pop() ?? '') as QuotaRun;
    }));
    const stats = await server.stats();
    const accepted = Object.entries(stats.byStatus).reduce((sum, [status, k]) => sum + (Number(status) < 300 ? k : 0), 0);
    const windows = stats.firstWindowEnd === undefined ? 0 : windowsElapsed(stats.firstWindowEnd, stats.lastWindowEnd!);
    const sum = (key: keyof QuotaRun) => runs.reduce((total, run) => total + (run[key] as number), 0);
    const rateLimited = runs.reduce((total, run) => total + (run.codes.RATE_LIMITED ?? 0), 0);
    return {
      ms: Math.max(...runs.map((run) => run.ms)),
      tooMany: stats.byStatus[429] ?? 0,
      accepted,
      windows,
      idealWindows: Math.ceil((n * variant.processes) / BATCH / LIMIT),
      share: windows === 0 ? 0 : accepted / (LIMIT * windows),
      succeeded: sum('succeeded'),
      failed: sum('failed'),
      rateLimited,
      unknown: sum('unknown'),
      lost: sum('lost'),
    };
  });
}

export async function quota(): Promise<void> {
  const n = config.quotaIds;
  section(`6. Quota: Wickson emulator allowing ${LIMIT} requests per ${WINDOW_MS / 1000} s window per key, ${n} ids `
    + `(${Math.ceil(n / BATCH)} requests) per process, ${config.latencyMs} ms server latency, ${config.quotaRounds} round(s)`,
    'a fresh emulator per run; clients learn the window from the answers; share of the allowed rate = accepted requests / (limit × windows elapsed at the emulator, from its window ends)');
  const binary = findRedisServer();
  if (binary === undefined) line(`(redis-server is not installed, the Redis variant is skipped: ${REDIS_INSTALL_COMMAND})`);
  const redis = binary === undefined ? undefined : await startRedisServer(binary);
  const variants = VARIANTS.filter((v) => !v.redis || redis !== undefined);
  let samples;
  try {
    const runs: Variant[] = variants.map((variant) => ({ label: variant.label, run: () => runVariant(variant, redis) }));
    samples = await interleave('quota', config.quotaRounds, runs);
  } finally {
    await redis?.dispose();
  }

  const of = (label: string, key: string) => field(samples, label, key);
  for (const { label } of variants) {
    const c = (key: string) => counts(summarize(of(label, key)));
    row(label, range(summarize(of(label, 'ms')), ' ms'), `429: ${c('tooMany')}`, `${c('accepted')} accepted`,
      `windows ${range(summarize(of(label, 'windows')))} (ideal ${c('idealWindows')})`, `rate ${percent(summarize(of(label, 'share')))}`,
      `failed ${c('failed')}`, `unknown ${c('unknown')}`, `lost ${c('lost')}`);
  }
  for (const variant of variants.filter((v) => v.judged)) {
    const worst = (key: string) => Math.max(...of(variant.label, key));
    const share = summarize(of(variant.label, 'share'));
    target(`${variant.label}: 0 429s`, `${worst('tooMany')} at most`, worst('tooMany') === 0);
    target(`${variant.label}: ≥ 95 % of the allowed rate`, percent(share), share.min >= 0.95);
    target(`${variant.label}: 0 ids failed or lost`, `${worst('failed') + worst('unknown')} failed or unknown, ${worst('lost')} lost at most`,
      worst('failed') + worst('unknown') + worst('lost') === 0);
  }
  const long = VARIANTS[4]!.label;
  const spanned = Math.min(...of(long, 'windows'));
  target('long job with waitForQuota completes across ≥ 3 windows', `${spanned} windows, ${Math.min(...of(long, 'succeeded'))} of ${n} deleted`,
    spanned >= 3 && Math.min(...of(long, 'succeeded')) === n);
  const control = VARIANTS[5]!.label;
  line(`control without waitForQuota: ${counts(summarize(of(control, 'rateLimited')))} ids failed RATE_LIMITED (not sent), `
    + `${counts(summarize(of(control, 'lost')))} lost: it fails fast instead of waiting past maxRetryWaitMs`);
}
