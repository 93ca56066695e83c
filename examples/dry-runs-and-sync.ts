/**
 * The README's "Dry runs" and "Desired-state sync" sections, runnable:
 * `npm run build && node examples/dry-runs-and-sync.ts`.
 *
 * It runs against embedded emulators (never a real account) and closes them when it ends.
 */
import { createCollectionClient } from 'unified-collections';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';

/** Requests that change state, as the emulator counted them. */
const writes = (emulator: RunningEmulator) => Object.entries(emulator.stats.byRoute)
  .filter(([route]) => !route.startsWith('GET ')).reduce((sum, [, count]) => sum + count, 0);

const papers = Array.from({ length: 8 }, (_, i) => `doc_paper-${i}`);
const loose = ['doc_loose-1', 'doc_loose-2'];
const wickson = await startEmulator({
  provider: 'wickson',
  seed: { items: [...papers.map((id) => ({ id, collection: 'papers' })), ...loose.map((id) => ({ id }))] },
});
const hex = (n: number) => n.toString(16).padStart(24, '0');
const persons = Array.from({ length: 12 }, (_, i) => hex(0xa00 + i));
const VIP = hex(0xc1);
const verifik = await startEmulator({
  provider: 'verifik',
  seed: {
    collections: [{ _id: VIP, name: 'VIP' }],
    persons: persons.map((_id, i) => ({ _id, name: `Person ${i}`, collections: i < 6 ? [VIP] : [] })),
  },
});

try {
  const media = createCollectionClient({ provider: 'wickson', apiKey: 'any-key-works-on-the-emulator', baseUrl: wickson.url });

  // Dry runs: reads only, and the plan says what the run would do.
  const doomed = await media.deleteCollection('papers', { dryRun: true });
  console.log(`deleteCollection plan: deletes its items: ${doomed.cascade?.deletesItems}, ${doomed.cascade?.items} items`);

  const move = await media.addItems('papers', [...loose, 'doc_missing'], { dryRun: true });
  console.log(`addItems plan: ${move.affected.length} would move, ${move.skipped.length} would fail `
    + `(${move.skipped.map((s) => `${s.id} ${s.code}`).join(', ')}), ${move.writeRequests} write request, ${move.readsSent} reads sent`);
  console.log(`writes sent by the dry runs: ${writes(wickson)}`);

  // Wickson's move is all-or-nothing per request: the missing id would fail the others with it.
  const moved = await media.addItems('papers', [...loose, 'doc_missing']);
  console.log(`addItems run: ${moved.succeeded.length} moved, ${moved.failed.length} failed`);

  // Desired-state sync: the collection ends with exactly these ids.
  const desired = [...papers.slice(2), ...loose];
  const plan = await media.syncCollection('papers', desired, { dryRun: true });
  console.log(`sync plan: add ${plan.changes?.add.length}, take out ${plan.changes?.remove.length}, `
    + `already right ${plan.changes?.unchanged}, ${plan.writeRequests} write requests`);
  const synced = await media.syncCollection('papers', desired);
  console.log(`sync: added ${synced.added}, removed ${synced.removed}, unchanged ${synced.unchanged}, ok: ${synced.ok}`);

  // Verifik: one PUT collection with `people` where that is faster, read back per person.
  const faces = createCollectionClient({ provider: 'verifik', token: 'any-token-works-on-the-emulator', baseUrl: verifik.url });
  const team = await faces.syncCollection(VIP, persons.slice(3));
  const puts = verifik.stats.byRoute['PUT /v2/face-recognition/collections/:id'] ?? 0;
  console.log(`verifik sync: added ${team.added}, removed ${team.removed}, unchanged ${team.unchanged} with ${puts} collection PUT`);
} finally {
  await Promise.all([wickson.close(), verifik.close()]);
}
