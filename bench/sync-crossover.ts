/**
 * `npm run build && node bench/sync-crossover.ts`: where Verifik's one-request sync (PUT
 * collection with `people`, then the read-back) stops paying off against per-person changes
 * (a GET and a PUT per changed person, `concurrency` in flight). A collection of D members is
 * synced to D desired ids that differ by k (k/2 added, k/2 removed), on a fresh emulator per
 * run with BENCH_LATENCY_MS (default 20) per request. Both paths are forced, so each is timed at
 * every k; "library" is what syncCollection picks. Requests are what the emulator counted.
 */
import { performance } from 'node:perf_hooks';
import { createCollectionClient } from 'unified-collections';
import { startEmulator } from 'unified-collections/emulator';
// @ts-ignore TS7016: plain JavaScript from dist, for forcing the one-request path at every k.
import { diffMembership } from '../dist/core/sync-diff.js';
// @ts-ignore TS7016 (see above)
import { listedIds, replaceMembership } from '../dist/core/sync-replace.js';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const sizes = (process.env.BENCH_SYNC_SIZES ?? '100,500,1000').split(',').map(Number);
const changes = (process.env.BENCH_SYNC_CHANGES ?? '2,4,8,16,32,64,128,256').split(',').map(Number);
const TOKEN = 'bench-token';
const COLLECTION = 'c'.repeat(24);
const hex = (n: number) => n.toString(16).padStart(24, '0');

type Path = 'per person' | 'one PUT' | 'library';

async function once(size: number, k: number, path: Path): Promise<{ ms: number; requests: number; picked: string }> {
  const members = Array.from({ length: size }, (_, i) => hex(0x1000 + i));
  const outsiders = Array.from({ length: k / 2 }, (_, i) => hex(0x100000 + i));
  const emulator = await startEmulator({
    provider: 'verifik', credentials: { token: TOKEN }, latencyMs,
    seed: {
      collections: [{ _id: COLLECTION, name: 'bench' }],
      persons: [...members.map((_id) => ({ _id, name: `m ${_id}`, collections: [COLLECTION] })), ...outsiders.map((_id) => ({ _id, name: `o ${_id}` }))],
    },
  });
  try {
    const desired = [...members.slice(k / 2), ...outsiders];
    const client = createCollectionClient({ provider: 'verifik', token: TOKEN, baseUrl: emulator.url, ...(path === 'per person' ? { maxReplaceMembers: 0 } : {}) });
    emulator.stats.reset();
    const started = performance.now();
    if (path === 'one PUT') {
      const { VerifikAdapter } = await import('../dist/providers/verifik/verifik-adapter.js' as string);
      const { verifikConfigSchema } = await import('../dist/providers/verifik/verifik-config.js' as string);
      const adapter = new VerifikAdapter(verifikConfigSchema.parse({ provider: 'verifik', token: TOKEN, baseUrl: emulator.url }));
      const ctx = { provider: 'verifik', adapter, capabilities: client.capabilities, concurrency: 16, client };
      const collection = await adapter.getCollection(COLLECTION, {});
      const diff = diffMembership(await listedIds(ctx, COLLECTION, {}), desired);
      const batches = await replaceMembership(ctx, collection, desired, diff, {}, {});
      if (!batches?.add.ok || !batches.remove.ok) throw new Error('the forced PUT did not settle every id');
    } else {
      const result = await client.syncCollection(COLLECTION, desired);
      if (!result.ok || result.added !== k / 2 || result.removed !== k / 2) throw new Error(`sync: ${JSON.stringify({ ...result, add: undefined, remove: undefined })}`);
    }
    const ms = performance.now() - started;
    const picked = (emulator.stats.byRoute['PUT /v2/face-recognition/collections/:id'] ?? 0) > 0 ? 'PUT' : 'per person';
    return { ms, requests: emulator.stats.total, picked };
  } finally {
    await emulator.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`Verifik sync, one PUT vs per person: ${latencyMs} ms per request, default concurrency, median of ${rounds}`);
console.log('D = desired set (= current size), k = changed ids (k/2 added, k/2 removed)');
for (const size of sizes) {
  console.log(`\nD = ${size}`);
  console.log('   k | per person ms (req) | one PUT ms (req) | faster      | library picks');
  for (const k of changes) {
    if (k / 2 > size) continue;
    const timed: Record<Path, { ms: number[]; requests: number; picked: string }> = {
      'per person': { ms: [], requests: 0, picked: '' }, 'one PUT': { ms: [], requests: 0, picked: '' }, library: { ms: [], requests: 0, picked: '' },
    };
    for (let round = 0; round < rounds; round += 1) {
      for (const path of ['per person', 'one PUT', 'library'] as Path[]) {
        const sample = await once(size, k, path);
        timed[path].ms.push(sample.ms);
        timed[path].requests = sample.requests;
        timed[path].picked = sample.picked;
      }
    }
    const [pp, put] = [median(timed['per person'].ms), median(timed['one PUT'].ms)];
    console.log(`${String(k).padStart(4)} | ${pp.toFixed(0).padStart(8)} (${String(timed['per person'].requests).padStart(4)})   `
      + `| ${put.toFixed(0).padStart(7)} (${String(timed['one PUT'].requests).padStart(3)})   | ${(pp < put ? 'per person' : 'one PUT').padEnd(11)} `
      + `| ${timed.library.picked} (${median(timed.library.ms).toFixed(0)} ms, ${timed.library.requests} req)`);
  }
}
