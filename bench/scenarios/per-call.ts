/** 1. Per call: library getCollection vs raw fetch + JSON.parse, same server, same calls. */
import { createCollectionClient } from 'unified-collections';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { config } from '../config.ts';
// @ts-ignore TS5097 (see above)
import { WICKSON_COLLECTION, WICKSON_KEY } from '../fixtures.ts';
// @ts-ignore TS5097 (see above)
import { row, section, line, target } from '../report.ts';
// @ts-ignore TS5097 (see above)
import { field, interleave, type Variant } from '../rounds.ts';
// @ts-ignore TS5097 (see above)
import { withServer } from '../server-process.ts';
// @ts-ignore TS5097 (see above)
import { pairedRatios, range, summarize, times } from '../stats.ts';
// @ts-ignore TS5097 (see above)
import { measureOn, readJson } from './measure.ts';

const RAW = 'raw fetch + JSON.parse (baseline)';
const LIB = 'library getCollection';

export async function perCall(): Promise<void> {
  const calls = config.calls;
  section(`1. Per call: ${calls} sequential getCollection (Wickson), 0 ms latency`,
    'one server for both variants; one warm-up run of each discarded');
  await withServer({ provider: 'wickson', latencyMs: 0, seed: { kind: 'wickson-items', count: 10 } }, async (server) => {
    const client = createCollectionClient({ provider: 'wickson', apiKey: WICKSON_KEY, baseUrl: server.url });
    const url = `${server.url}/v1/media/collections/${WICKSON_COLLECTION}`;
    const variants: Variant[] = [
      {
        label: RAW,
        run: () => measureOn(server, async () => {
          for (let i = 0; i < calls; i += 1) await readJson(await fetch(url, { headers: { 'x-api-key': WICKSON_KEY } }), 'GET collection');
        }),
      },
      {
        label: LIB,
        run: () => measureOn(server, async () => {
          for (let i = 0; i < calls; i += 1) await client.getCollection(WICKSON_COLLECTION);
        }),
      },
    ];
    // JIT, the first connection and the library's lazy setup are start-up, not per-call, costs.
    for (const variant of variants) await variant.run();
    const samples = await interleave('per call', config.rounds, variants);

    for (const label of [RAW, LIB]) {
      const ms = field(samples, label, 'ms');
      row(label, range(summarize(ms), ' ms'), `${range(summarize(ms), ' µs/call', 1000 / calls)}`,
        `${summarize(field(samples, label, 'requests')).median / calls} req/call`,
        `${summarize(field(samples, label, 'connections')).median} new conn/run`);
    }
    const raw = field(samples, RAW, 'ms');
    const lib = field(samples, LIB, 'ms');
    const ratio = pairedRatios(lib, raw);
    const overhead = summarize(lib.map((ms, i) => ((ms - raw[i]!) * 1000) / calls));
    line(`library / raw: ${times(ratio)}; overhead ${range(overhead, ' µs/call')}`);
    target('per call ≤ 1.25× raw', times(ratio), ratio.median <= 1.25);
  });
}
