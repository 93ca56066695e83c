/**
 * A short tour of unified-collections against both embedded emulators: `npm run demo`.
 *
 * Node runs this file as it is (it strips the types), so it uses only erasable TypeScript and
 * imports the library by its package name, which resolves to the built `dist/`.
 */
import { createCollectionClient, isCollectionError } from 'unified-collections';
import type { BatchResult, Collection, CollectionProvider } from 'unified-collections';
import { startEmulator } from 'unified-collections/emulator';

// ---------------------------------------------------------------- a little output helper

function heading(title: string): void {
  console.log(`\n${title}\n${'-'.repeat(title.length)}`);
}

function note(text: string): void {
  console.log(`  ${text}`);
}

function table(headers: string[], rows: Array<Array<string | number | undefined>>): void {
  const cells = rows.map((row) => row.map((cell) => (cell === undefined ? '-' : String(cell))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  for (const row of [headers, ...cells]) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}`);
}

function summary(result: BatchResult, movedLabel = 'moved'): string {
  const extra = [
    result.moved === undefined ? '' : `, ${movedLabel} ${result.moved}`,
    result.alreadyInCollection === undefined ? '' : `, already there ${result.alreadyInCollection}`,
  ].join('');
  return `ok=${result.ok}: ${result.succeeded.length} succeeded, ${result.failed.length} failed, ${result.unknown.length} unknown${extra}`;
}

async function firstIds(client: CollectionProvider, collectionId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  if (count <= 0) return ids;
  for await (const item of client.listItems(collectionId, { pageSize: 100 })) {
    ids.push(item.id);
    if (ids.length >= count) break;
  }
  return ids;
}

// ---------------------------------------------------------------- 1. two emulators

heading('1. Two vendors, two emulators, one interface');
const wicksonEmulator = await startEmulator({ provider: 'wickson', seed: 'demo' });
const verifikEmulator = await startEmulator({ provider: 'verifik', seed: 'demo' });
note(`Wickson (media / vector store)  emulator at ${wicksonEmulator.url}`);
note(`Verifik (face recognition)      emulator at ${verifikEmulator.url}`);
note('The emulators accept any credential. Against the real APIs, omit baseUrl and set');
note('WICKSON_API_KEY / VERIFIK_TOKEN: nothing else in this file changes.');

const media = createCollectionClient({ provider: 'wickson', baseUrl: wicksonEmulator.url, apiKey: 'demo-key' });
const faces = createCollectionClient({ provider: 'verifik', baseUrl: verifikEmulator.url, token: 'demo-token' });

try {
  // -------------------------------------------------------------- 2. collections side by side

  heading('2. listCollections(): the same normalized shape from both vendors');
  const all: Collection[] = [...await media.listCollections(), ...await faces.listCollections()];
  table(
    ['PROVIDER', 'ID', 'NAME', 'ITEMS', 'CREATED', 'DEFAULT'],
    all.map((c) => [c.provider, c.id, c.name, c.itemCount, c.createdAt?.toISOString().slice(0, 10), c.isDefault ? 'yes' : '']),
  );
  note('Why they differ: a Wickson collection id IS its name, and Wickson counts items.');
  note('Verifik ids are server ObjectIds with a separate name, and it reports no item count,');
  note('so itemCount stays undefined rather than a guessed 0. Every vendor field is kept in `raw`.');

  // -------------------------------------------------------------- 3. moving items on Wickson

  heading('3. addItems() on Wickson: an item lives in one collection, so "add" is a move');
  const fromDefault = await firstIds(media, 'default', 3);
  const alreadyThere = await firstIds(media, 'research_papers', 1);
  const moved = await media.addItems('research_papers', [...fromDefault, ...alreadyThere]);
  note(`moved 3 items from "default" plus 1 already in "research_papers": ${summary(moved)}`);
  note(`capabilities.membership = '${media.capabilities.membership}', up to ${media.capabilities.maxAddBatch} ids per request`);

  // -------------------------------------------------------------- 4. adding persons on Verifik

  heading('4. addItems() on Verifik: a person can be in many collections, so "add" is additive');
  const byName = new Map((await faces.listCollections()).map((c) => [c.name, c]));
  const vip = byName.get('VIP');
  const staff = byName.get('Staff');
  if (!vip || !staff) throw new Error('the demo seed has VIP and Staff collections');
  const staffIds = await firstIds(faces, staff.id, 3);
  const added = await faces.addItems(vip.id, staffIds);
  note(`added 3 Staff persons to VIP: ${summary(added, 'newly linked')}`);
  const vipMembers = new Map<string, string[]>();
  for await (const person of faces.listItems(vip.id)) vipMembers.set(person.id, person.collectionIds ?? []);
  const names = new Map([...byName.values()].map((c) => [c.id, c.name]));
  for (const id of staffIds) {
    note(`  ${id} is now in: ${(vipMembers.get(id) ?? []).map((c) => names.get(c) ?? c).join(', ')}`);
  }
  note(`capabilities.membership = '${faces.capabilities.membership}'; Verifik has no batch endpoint:`);
  note('each person is read, then written with the full set of its collections.');

  // -------------------------------------------------------------- 5. a chunked batch delete

  heading('5. deleteItems(): 250 ids, chunked, with progress and an honest partial failure');
  const real: string[] = [];
  for (const collection of ['default', 'research_papers', 'product_images', 'podcast_archive']) {
    real.push(...await firstIds(media, collection, 246 - real.length));
  }
  const missing = ['doc_does-not-exist-1', 'img_does-not-exist-2', 'vid_does-not-exist-3', 'not-an-item'];
  wicksonEmulator.stats.reset();
  const deleted = await media.deleteItems([...real, ...missing], {
    reason: 'demo clean-up',
    onProgress: (p) => note(`progress: ${p.done}/${p.total} done (succeeded ${p.succeeded}, failed ${p.failed}, unknown ${p.unknown})`),
  });
  note(`requests sent: ${wicksonEmulator.stats.byRoute['DELETE /v1/media/batch'] ?? 0} (Wickson takes at most ${media.capabilities.maxDeleteBatch} ids per batch delete)`);
  note(summary(deleted));
  for (const failure of deleted.failed) note(`  failed: ${failure.id} (${failure.code ?? '?'}: ${failure.reason})`);
  note('Every requested id is in exactly one of succeeded / failed / unknown; ok is true only');
  note('when nothing failed and nothing is unknown. Nothing is reported done that may not be.');

  // -------------------------------------------------------------- 6. deleting a collection

  heading('6. deleteCollection(): same call, very different consequences');
  const wicksonGone = await media.deleteCollection('training_videos');
  note(`Wickson deleted "training_videos" AND its items: ${wicksonGone.deletedItems} items, `
    + `vectors ${wicksonGone.deletedVectors?.hd ?? '-'} hd / ${wicksonGone.deletedVectors?.ld ?? '-'} ld`);
  const blocked = byName.get('Blocked');
  if (!blocked) throw new Error('the demo seed has a Blocked collection');
  const verifikGone = await faces.deleteCollection(blocked.id);
  note(`Verifik deleted "${verifikGone.snapshot?.name}" and returned a snapshot of it:`);
  note(`  id ${verifikGone.snapshot?.id}, "${verifikGone.snapshot?.description}", created ${verifikGone.snapshot?.createdAt?.toISOString()}`);
  note('Its persons were not deleted, only unlinked. capabilities.deleteCascadesItems tells');
  note(`the two apart: wickson ${media.capabilities.deleteCascadesItems}, verifik ${faces.capabilities.deleteCascadesItems}.`);

  // -------------------------------------------------------------- 7. one error, one code

  heading('7. Errors: different vendor bodies, one CollectionError code');
  const rows: Array<Array<string | number | undefined>> = [];
  for (const [client, id] of [[media, 'no_such_collection'], [faces, '000000000000000000000000']] as const) {
    try {
      await client.getCollection(id);
      rows.push([client.provider, 'no error?']);
    } catch (error) {
      if (!isCollectionError(error)) throw error;
      rows.push([error.provider, error.code, error.status, error.vendorCode, error.retryable ? 'yes' : 'no']);
    }
  }
  table(['PROVIDER', 'CODE', 'HTTP', 'VENDOR CODE', 'RETRYABLE'], rows);
  note('Apps branch on error.code; the vendor\'s own code and status stay available.');
} finally {
  await Promise.all([wicksonEmulator.close(), verifikEmulator.close()]);
}

heading('Done');
note('Both emulators are closed. Next: the CLI on the same emulators, e.g.');
note('  node dist/cli/main.js collections list --provider verifik --emulator');
note('  node dist/cli/main.js items list default --provider wickson --emulator --limit 5');
