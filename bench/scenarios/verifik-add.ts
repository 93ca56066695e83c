/**
 * 3. Verifik addItems of many persons at the configured latency, default settings, vs the
 * sequential loop (GET the person, PUT its collections, await each). Fresh server per run:
 * a person already in the collection would cost only the read.
 */
import { createCollectionClient } from 'unified-collections';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { config } from '../config.ts';
// @ts-ignore TS5097 (see above)
import { VERIFIK_COLLECTION_ID, VERIFIK_TOKEN, verifikPersonIds, type ServerSpec } from '../fixtures.ts';
// @ts-ignore TS5097 (see above)
import { line, row, section, target } from '../report.ts';
// @ts-ignore TS5097 (see above)
import { field, interleave, type Variant } from '../rounds.ts';
// @ts-ignore TS5097 (see above)
import { withServer } from '../server-process.ts';
// @ts-ignore TS5097 (see above)
import { counts, pairedRatios, range, summarize, times } from '../stats.ts';
// @ts-ignore TS5097 (see above)
import { measureOn, readJson } from './measure.ts';

const SEQ = 'sequential loop (raw fetch GET + PUT each)';
const LIB = 'library addItems (default settings)';

/** Collections come as ids or, populated, as records with `_id`. */
const collectionId = (c: unknown): string => (typeof c === 'string' ? c : String((c as { _id?: unknown })._id));

export async function verifikAdd(): Promise<void> {
  const { verifikPersons: n, latencyMs } = config;
  const ids = verifikPersonIds(n);
  const spec: ServerSpec = { provider: 'verifik', latencyMs, seed: { kind: 'verifik-persons', count: n } };
  section(`3. Verifik addItems: ${n} persons (a read + a write each), ${latencyMs} ms server latency`,
    `fresh server per run${n === 1000 ? '' : '; the issue\'s size is 1000: BENCH_VERIFIK_PERSONS=1000'}`);
  const headers = { authorization: `Bearer ${VERIFIK_TOKEN}`, 'content-type': 'application/json' };

  const variants: Variant[] = [
    {
      label: SEQ,
      run: () => withServer(spec, (server) => measureOn(server, async () => {
        for (const id of ids) {
          const url = `${server.url}/v2/face-recognition/persons/${id}`;
          const person = await readJson(await fetch(url, { headers }), 'GET person');
          const current = ((person.data?.collections ?? []) as unknown[]).map(collectionId);
          const body = JSON.stringify({ collections: [...current, VERIFIK_COLLECTION_ID] });
          await readJson(await fetch(url, { method: 'PUT', headers, body }), 'PUT person');
        }
      })),
    },
    {
      label: LIB,
      run: () => withServer(spec, async (server) => {
        const client = createCollectionClient({ provider: 'verifik', token: VERIFIK_TOKEN, baseUrl: server.url });
        return measureOn(server, async () => {
          const result = await client.addItems(VERIFIK_COLLECTION_ID, ids);
          if (!result.ok || result.succeeded.length !== n || result.moved !== n) {
            throw new Error(`library addItems: ok=${result.ok}, ${result.succeeded.length}/${n} succeeded, moved=${result.moved}`);
          }
        });
      }),
    },
  ];
  const samples = await interleave('verifik add', config.rounds, variants);
  for (const label of [SEQ, LIB]) {
    const count = (key: string) => counts(summarize(field(samples, label, key)));
    row(label, range(summarize(field(samples, label, 'ms')), ' ms'), `${count('requests')} req`,
      `${count('connections')} conn`, `peak ${count('peakInFlight')} in flight`);
  }
  const speedup = pairedRatios(field(samples, SEQ, 'ms'), field(samples, LIB, 'ms'));
  line(`library speed-up vs sequential: ${times(speedup)}`);
  target('Verifik ≥ 8× sequential', times(speedup), speedup.median >= 8);
}
