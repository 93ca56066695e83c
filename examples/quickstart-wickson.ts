/**
 * The README's Wickson quickstart, runnable: `npm run build && node examples/quickstart-wickson.ts`.
 *
 * With WICKSON_BASE_URL set (an emulator from `unified-collections emulator -p wickson`, or
 * https://api.wickson.ai for the real thing) it talks to that, with the key in WICKSON_API_KEY.
 * Otherwise it starts an embedded emulator with demo data, so it never deletes real media by accident.
 */
import { createCollectionClient, isCollectionError } from 'unified-collections';
import { startEmulator } from 'unified-collections/emulator';

const emulator = process.env.WICKSON_BASE_URL ? undefined : await startEmulator({ provider: 'wickson', seed: 'demo' });

try {
  // apiKey defaults to the WICKSON_API_KEY environment variable.
  const media = createCollectionClient({
    provider: 'wickson',
    baseUrl: emulator?.url ?? process.env.WICKSON_BASE_URL,
    ...(emulator ? { apiKey: 'any-key-works-on-the-emulator' } : {}),
  });

  for (const c of await media.listCollections()) {
    console.log(c.id, c.itemCount, c.isDefault ? '(default)' : '');
  }

  // Wickson "adds or moves": an item lives in one collection at a time.
  const ids: string[] = [];
  for await (const item of media.listItems('default')) {
    ids.push(item.id);
    if (ids.length === 3) break;
  }
  const moved = await media.addItems('research_papers', ids);
  console.log(moved.moved, 'moved,', moved.alreadyInCollection, 'already there');

  // Batches are chunked (100 ids per request); every id lands in exactly one bucket.
  const result = await media.deleteItems([...ids, 'doc_that-does-not-exist'], { reason: 'cleanup' });
  console.log('deleted', result.succeeded.length, 'of', result.requested);
  if (!result.ok) {
    for (const f of result.failed) console.warn('not deleted:', f.id, f.reason);
    if (result.unknown.length) console.warn('outcome unknown, check later:', result.unknown);
  }

  try {
    await media.deleteCollection('default');
  } catch (error) {
    if (!isCollectionError(error)) throw error;
    switch (error.code) {
      case 'PROTECTED_COLLECTION': console.log('default cannot be deleted (refused before any request)'); break;
      case 'UNAUTHORIZED': console.error('check WICKSON_API_KEY'); break;
      case 'RATE_LIMITED': console.error(`slow down; retry in ${error.retryAfterMs} ms`); break;
      default: throw error;
    }
  }
} finally {
  await emulator?.close();
}
