/**
 * 2. Wickson deleteItems of many ids at the configured latency, default settings, vs the docs'
 * sequential loop and the ideal pipelined time. Each run gets a fresh server (deletes consume
 * the seed), which also makes its connection count exact.
 */
import { createCollectionClient } from 'unified-collections';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { config } from '../config.ts';
// @ts-ignore TS5097 (see above)
import { WICKSON_KEY, wicksonIds, type ServerSpec } from '../fixtures.ts';
// @ts-ignore TS5097 (see above)
import { line, row, section, target } from '../report.ts';
// @ts-ignore TS5097 (see above)
import { field, interleave, type Samples, type Variant } from '../rounds.ts';
// @ts-ignore TS5097 (see above)
import { withServer } from '../server-process.ts';
// @ts-ignore TS5097 (see above)
import { counts, pairedRatios, percent, range, summarize, times } from '../stats.ts';
// @ts-ignore TS5097 (see above)
import { measureOn, readJson } from './measure.ts';

const BATCH = 100;
const SEQ = 'sequential loop (raw fetch, await each batch)';
const LIB = 'library deleteItems (default settings)';

export async function wicksonDelete(): Promise<void> {
  const { wicksonIds: n, latencyMs } = config;
  // What the library runs with by default, unless the bench is told otherwise.
  const concurrency = config.concurrency
    ?? createCollectionClient({ provider: 'wickson', apiKey: WICKSON_KEY }).capabilities.defaultConcurrency ?? 4;
  const ids = wicksonIds(n);
  const batches = Math.ceil(n / BATCH);
  const spec: ServerSpec = { provider: 'wickson', latencyMs, seed: { kind: 'wickson-items', count: n } };
  section(`2. Wickson deleteItems: ${n} ids (${batches} batches of ≤ ${BATCH}), ${latencyMs} ms server latency`,
    'fresh server per run');

  const variants: Variant[] = [
    {
      label: SEQ,
      run: () => withServer(spec, (server) => measureOn(server, async () => {
        for (let b = 0; b < batches; b += 1) {
          const chunk = ids.slice(b * BATCH, (b + 1) * BATCH);
          const res = await fetch(`${server.url}/v1/media/batch`, {
            method: 'DELETE',
            headers: { 'x-api-key': WICKSON_KEY, 'content-type': 'application/json' },
            body: JSON.stringify({ media_ids: chunk }),
          });
          const body = await readJson(res, 'DELETE /v1/media/batch');
          if (body.data?.deleted?.count !== chunk.length) throw new Error(`sequential delete: batch ${b} not fully deleted`);
        }
      })),
    },
    {
      label: LIB,
      run: () => withServer(spec, async (server) => {
        const client = createCollectionClient({ provider: 'wickson', apiKey: WICKSON_KEY, baseUrl: server.url });
        return measureOn(server, async () => {
          const result = await client.deleteItems(ids);
          if (!result.ok || result.succeeded.length !== n) {
            throw new Error(`library deleteItems: ok=${result.ok}, ${result.succeeded.length}/${n} succeeded`);
          }
        });
      }),
    },
  ];
  const samples = await interleave('wickson delete', config.rounds, variants);
  printRows(samples);

  const seq = field(samples, SEQ, 'ms');
  const lib = field(samples, LIB, 'ms');
  const ideal = (batches / concurrency) * latencyMs;
  row(`ideal pipelined (${batches} / ${concurrency} × ${latencyMs} ms)`, `${ideal.toFixed(0)} ms`);
  const speedup = pairedRatios(seq, lib);
  line(`library speed-up vs sequential: ${times(speedup)}`);
  target('Wickson ≥ 8× sequential', times(speedup), speedup.median >= 8);
  if (ideal > 0) {
    const share = summarize(lib.map((ms) => ideal / ms));
    line(`library reaches ${percent(share)} of ideal`);
    target('Wickson ≥ 85 % of ideal', percent(share), share.median >= 0.85);
  }
  const connections = summarize(field(samples, LIB, 'connections'));
  target(`Wickson connections ≤ concurrency (${concurrency})`, `${connections.max} opened (most in a run) for ${batches} requests`,
    connections.max <= concurrency);
}

function printRows(samples: Samples): void {
  for (const label of [SEQ, LIB]) {
    const count = (key: string) => counts(summarize(field(samples, label, key)));
    row(label, range(summarize(field(samples, label, 'ms')), ' ms'), `${count('requests')} req`,
      `${count('connections')} conn`, `peak ${count('peakInFlight')} in flight`);
  }
}
