/**
 * The README's "Crash-safe jobs and reconcile" section, runnable:
 * `npm run build && node examples/crash-safe-jobs.ts`.
 *
 * It runs against an embedded Wickson emulator (never a real account), keeps its journal in a
 * temporary directory, and removes both when it ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectionClient } from 'unified-collections';
import { startEmulator } from 'unified-collections/emulator';

const ids = Array.from({ length: 250 }, (_, i) => `doc_old-${i}`);
const emulator = await startEmulator({
  provider: 'wickson',
  seed: { items: [...ids, 'doc_lost-1', 'doc_lost-2'].map((id) => ({ id })) },
});
const dir = await mkdtemp(join(tmpdir(), 'crash-safe-jobs-'));

try {
  const media = createCollectionClient({
    provider: 'wickson', apiKey: 'any-key-works-on-the-emulator', baseUrl: emulator.url, concurrency: 1,
  });
  const journal = join(dir, 'cleanup.jsonl');

  // A job that stops midway: here it is aborted after its first chunk of 100; a crash or a
  // SIGKILL leaves the same kind of journal behind.
  const stop = new AbortController();
  const first = await media.deleteItems(ids, { journal, signal: stop.signal, onProgress: () => stop.abort() });
  console.log(`first run: ${first.succeeded.length} deleted, ${first.failed.length} not sent`);

  // The same call with resume: true sends only what the journal does not settle.
  emulator.stats.reset();
  const resumed = await media.deleteItems(ids, { journal: { path: journal, resume: true } });
  console.log(`resumed: ${resumed.succeeded.length} of ${resumed.requested} deleted, ${emulator.stats.total} requests`);

  // reconcile: the vendor carried a delete out but its answer was lost (a truncated body), so
  // the ids are unknown; reading them back settles them.
  emulator.faults.add({ route: 'DELETE /v1/media/batch', kind: 'truncated-json', times: 1 });
  const lost = await media.deleteItems(['doc_lost-1', 'doc_lost-2']);
  console.log(`answer lost: ${lost.unknown.length} unknown`);
  const settled = await media.reconcile(lost);
  console.log(`reconciled: ${settled.succeeded.length} deleted, ${settled.unknown.length} unknown, ok: ${settled.ok}`);
} finally {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
}
