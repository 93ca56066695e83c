import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createCollectionClient } from '../../../src/index.js';
import { startEmulator } from '../../../src/emulator/index.js';

// Issue #6 class 2: membership edits are read-modify-write (GET the person, PUT the full
// `collections`). Concurrent addItems calls of one client on overlapping persons must not lose
// each other's writes while both report success. The emulator adds latency so unserialized
// calls really interleave their reads and writes.

const TOKEN = 'membership-token-123456';

// Not the shared `collect` helper: its module imports nock, and importing nock patches the global
// fetch for the rest of this worker process, which would double-count requests in later files.
async function memberIds(client: ReturnType<typeof createCollectionClient>, collectionId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of client.listItems(collectionId)) ids.push(item.id);
  return ids.sort();
}
const hex = (n: number, width = 24) => n.toString(16).padStart(width, '0');
const COLLECTIONS = [1, 2, 3, 4].map((n) => ({ _id: hex(0xc0 + n), name: `group-${n}` }));
const PERSONS = Array.from({ length: 10 }, (_, i) => ({ _id: hex(0xa000 + i), name: `Person ${i}`, collections: [] as string[] }));

describe('verifik addItems: concurrent calls of one client on overlapping persons', () => {
  it('every person ends in every collection it was added to, and every result is honest', async () => {
    await fc.assert(fc.asyncProperty(
      // 2–4 concurrent calls, each into its own collection, over random (overlapping) person sets.
      fc.array(fc.subarray(PERSONS.map((p) => p._id), { minLength: 1 }), { minLength: 2, maxLength: 4 }),
      async (sets) => {
        const emulator = await startEmulator({
          provider: 'verifik', credentials: { token: TOKEN }, latencyMs: 3,
          seed: { collections: COLLECTIONS, persons: PERSONS.map((p) => ({ ...p, collections: [] })) },
        });
        try {
          const faces = createCollectionClient({ provider: 'verifik', token: TOKEN, baseUrl: emulator.url, concurrency: 8 });
          const results = await Promise.all(sets.map((ids, i) => faces.addItems(COLLECTIONS[i]!._id, ids)));
          for (const [i, result] of results.entries()) {
            expect(result.ok).toBe(true);
            expect(result.succeeded).toEqual(sets[i]);
          }
          for (const [i, ids] of sets.entries()) {
            expect(await memberIds(faces, COLLECTIONS[i]!._id)).toEqual([...ids].sort());
          }
        } finally {
          await emulator.close();
        }
      },
    ), { numRuns: 15 });
  });
});
