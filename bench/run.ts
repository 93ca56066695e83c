/**
 * Bulk-work benchmark against the embedded emulators. Every figure is a ratio against a
 * baseline measured side by side in the same process, because absolute times on shared
 * machines are noise. Run with `npm run bench` (builds first).
 *
 *   1. Wickson deleteItems of 5 000 ids (50 chunks): concurrency 1 (baseline) vs 4 vs 8.
 *   2. Verifik addItems of 400 persons (a read + a write each): concurrency 1 vs 8.
 *   3. Library overhead: 300 getCollection calls via the client vs plain fetch.
 *
 * The emulators add `LATENCY_MS` per response so that concurrency has a network to hide.
 */
import { performance } from 'node:perf_hooks';
import { createCollectionClient } from 'unified-collections';
import { startEmulator } from 'unified-collections/emulator';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

type Timed = { label: string; ms: number };

/** A run may time only its own core (returning ms), leaving emulator start-up out. */
async function time(run: () => Promise<number | void>): Promise<number> {
  const start = performance.now();
  const measured = await run();
  return typeof measured === 'number' ? measured : performance.now() - start;
}

/** Median of several rounds, rounds of each variant interleaved so drift hits all alike. */
async function compare(variants: Array<{ label: string; run: () => Promise<number | void> }>): Promise<Timed[]> {
  const samples = new Map(variants.map((v) => [v.label, [] as number[]]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const variant of variants) samples.get(variant.label)!.push(await time(variant.run));
  }
  return variants.map(({ label }) => {
    const sorted = samples.get(label)!.sort((a, b) => a - b);
    return { label, ms: sorted[Math.floor(sorted.length / 2)]! };
  });
}

function report(title: string, results: Timed[]): void {
  const baseline = results[0]!.ms;
  console.log(`\n${title}`);
  for (const r of results) {
    console.log(`  ${r.label.padEnd(34)} ${r.ms.toFixed(0).padStart(7)} ms   ${(baseline / r.ms).toFixed(2)}x vs ${results[0]!.label}`);
  }
}

async function wicksonBatchDelete(): Promise<void> {
  const ids = Array.from({ length: 5000 }, (_, i) => `doc_bench_${i}`);
  const run = (concurrency: number) => async () => {
    const emulator = await startEmulator({
      provider: 'wickson', latencyMs: LATENCY_MS, seed: { items: ids.map((id) => ({ id, collection: 'bench' })) },
    });
    try {
      const client = createCollectionClient({ provider: 'wickson', apiKey: 'bench-key', baseUrl: emulator.url, concurrency });
      const start = performance.now();
      const result = await client.deleteItems(ids);
      const ms = performance.now() - start;
      if (!result.ok || result.succeeded.length !== ids.length) throw new Error('benchmark delete did not succeed');
      return ms;
    } finally {
      await emulator.close();
    }
  };
  report('Wickson deleteItems, 5 000 ids in chunks of 100', await compare([
    { label: 'concurrency 1 (baseline)', run: run(1) },
    { label: 'concurrency 4 (default)', run: run(4) },
    { label: 'concurrency 8', run: run(8) },
  ]));
}

async function verifikAddItems(): Promise<void> {
  const persons = Array.from({ length: 400 }, (_, i) => ({ _id: (0x65b900000000 + i).toString(16).padStart(24, '0'), name: `P${i}` }));
  const run = (concurrency: number) => async () => {
    const emulator = await startEmulator({
      provider: 'verifik', latencyMs: LATENCY_MS, seed: { collections: [{ _id: 'c'.repeat(24), name: 'bench' }], persons },
    });
    try {
      const client = createCollectionClient({ provider: 'verifik', token: 'bench-token', baseUrl: emulator.url, concurrency });
      const start = performance.now();
      const result = await client.addItems('c'.repeat(24), persons.map((p) => p._id));
      const ms = performance.now() - start;
      if (!result.ok) throw new Error('benchmark add did not succeed');
      return ms;
    } finally {
      await emulator.close();
    }
  };
  report('Verifik addItems, 400 persons (read + write each)', await compare([
    { label: 'concurrency 1 (baseline)', run: run(1) },
    { label: 'concurrency 8', run: run(8) },
  ]));
}

async function overhead(): Promise<void> {
  const emulator = await startEmulator({ provider: 'wickson', seed: 'demo' });
  const client = createCollectionClient({ provider: 'wickson', apiKey: 'bench-key', baseUrl: emulator.url });
  const calls = 300;
  try {
    report(`Overhead: ${calls} sequential getCollection calls, no added latency`, await compare([
      {
        label: 'plain fetch + JSON.parse (baseline)',
        run: async () => {
          for (let i = 0; i < calls; i += 1) {
            const res = await fetch(`${emulator.url}/v1/media/collections/research_papers`, { headers: { 'x-api-key': 'bench-key' } });
            JSON.parse(await res.text());
          }
        },
      },
      {
        label: 'unified-collections client',
        run: async () => {
          for (let i = 0; i < calls; i += 1) await client.getCollection('research_papers');
        },
      },
    ]));
  } finally {
    await emulator.close();
  }
}

console.log(`unified-collections benchmark (emulator latency ${LATENCY_MS} ms, median of ${ROUNDS} rounds)`);
await wicksonBatchDelete();
await verifikAddItems();
await overhead();
