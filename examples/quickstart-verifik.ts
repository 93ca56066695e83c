/**
 * The README's Verifik quickstart, runnable: `npm run build && node examples/quickstart-verifik.ts`.
 *
 * With VERIFIK_BASE_URL set (an emulator from `unified-collections emulator -p verifik`, or
 * https://api.verifik.co for the real thing) it talks to that, with the token in VERIFIK_TOKEN.
 * Otherwise it starts an embedded emulator with demo data, so it never deletes real persons by accident.
 */
import { createCollectionClient, isCollectionError } from 'unified-collections';
import { startEmulator } from 'unified-collections/emulator';

const emulator = process.env.VERIFIK_BASE_URL ? undefined : await startEmulator({ provider: 'verifik', seed: 'demo' });

try {
  // token defaults to VERIFIK_TOKEN; it may also be a function, so the app can rotate it.
  const faces = createCollectionClient({
    provider: 'verifik',
    baseUrl: emulator?.url ?? process.env.VERIFIK_BASE_URL,
    ...(emulator ? { token: async () => 'any-token-works-on-the-emulator' } : {}),
  });

  const collections = await faces.listCollections();
  for (const c of collections) console.log(c.id, c.name, c.createdAt?.toISOString());

  // A few persons from the first collection that has any.
  const personIds: string[] = [];
  for (const c of collections) {
    for await (const person of faces.listItems(c.id)) {
      personIds.push(person.id);
      if (personIds.length === 2) break;
    }
    if (personIds.length > 0) break;
  }

  const vip = await faces.createCollection({ name: 'Quickstart VIP', description: 'front-desk fast lane' });
  const added = await faces.addItems(vip.id, personIds); // persons keep their other collections
  console.log('added', added.succeeded.length, 'ok:', added.ok);

  for await (const person of faces.listItems(vip.id)) console.log(person.id, person.name, person.collectionIds);

  // Deleting persons is one request each; a missing one is reported, not thrown.
  const result = await faces.deleteItems([...personIds.slice(0, 1), '000000000000000000000000']);
  if (!result.ok) {
    for (const f of result.failed) console.warn('not deleted:', f.id, f.code, f.reason);
    if (result.unknown.length) console.warn('outcome unknown, check later:', result.unknown);
  }

  const deleted = await faces.deleteCollection(vip.id);
  console.log('deleted', deleted.snapshot?.name); // Verifik returns what it deleted; persons are only unlinked

  try {
    await faces.getCollection(vip.id);
  } catch (error) {
    if (!isCollectionError(error)) throw error;
    switch (error.code) {
      case 'NOT_FOUND': console.log('gone, as expected'); break;
      case 'UNAUTHORIZED': console.error('check VERIFIK_TOKEN (it expires after 30 days)'); break;
      default: throw error;
    }
  }
} finally {
  await emulator?.close();
}
