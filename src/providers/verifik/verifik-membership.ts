import type { AdapterCall, ChunkOutcome } from '../../spec/adapter.js';
import { isCollectionError } from '../../errors.js';
import type { VendorHttp } from '../../http/create-http-client.js';
import { encodePath, perRequest } from '../../http/request-spec.js';
import { membershipIds } from './verifik-mappers.js';
import { personEnvelopeSchema, personUpdateEnvelopeSchema } from './verifik-schemas.js';

/**
 * Changes one person's membership by read-modify-write: GET the person, then PUT the full
 * `collections` set with the collection added (`link`) or taken out (`unlink`). Whether PUT
 * replaces or merges `collections` is undocumented; sending the complete set is right either
 * way, and makes the write idempotent (safe to retry). The core runs it through the client's
 * per-person serializer, so no two calls of one client interleave on a person. Verifik has no
 * ETag for persons, so an edit of the same person by another process between our read and
 * write can still be lost.
 *
 * Outcome counters: `alreadyInCollection` = was a member already, nothing written (link);
 * `moved` = linked by our PUT (an unlink counts no move). A person that is not a member is failed for unlink,
 * with nothing written. `raw` is the last body received: the PUT's when we wrote, else the GET's.
 * A failed read (404 included) is failed: nothing was written. Errors of the PUT are thrown and
 * the core classifies them: refused (4xx) is failed; timed out or 5xx is unknown.
 */
export async function changeMembership(
  http: VendorHttp, personId: string, collectionId: string, change: 'link' | 'unlink', call: AdapterCall,
): Promise<ChunkOutcome> {
  const path = encodePath`/v2/face-recognition/persons/${personId}`;
  const common = perRequest(call);
  const failed = (reason: string, code: string, raw?: unknown): ChunkOutcome => ({
    succeeded: [], failed: [{ id: personId, reason, code }], unknown: [], ...(raw !== undefined ? { raw } : {}),
  });
  let read;
  try {
    read = await http.request({ ...common, method: 'GET', path, schema: personEnvelopeSchema, operation: 'read' });
  } catch (error) {
    // Nothing was written yet, so whatever went wrong with the read, the person is unchanged.
    if (!isCollectionError(error)) throw error;
    return failed(error.message, error.code);
  }
  const person = read.data.data;

  // An absent field is not "no collections": it may just not have been sent, and writing a
  // set built from it would unlink the person from every other collection. `null` or [] is an
  // explicit empty set.
  if (person.collections === undefined) {
    return failed('the person record came without `collections`, so the full set to write is unknown; nothing was written',
      'INVALID_RESPONSE', read.raw);
  }
  const current = membershipIds(person.collections);
  const member = current.includes(collectionId);
  if (change === 'link' && member) {
    return { succeeded: [personId], failed: [], unknown: [], raw: read.raw, alreadyInCollection: 1, moved: 0 };
  }
  if (change === 'unlink' && !member) return failed(`not a member of collection ${collectionId}; nothing was written`, 'NOT_FOUND', read.raw);

  const write = await http.request({
    ...common,
    method: 'PUT',
    path,
    json: { collections: change === 'link' ? [...current, collectionId] : current.filter((id) => id !== collectionId) },
    schema: personUpdateEnvelopeSchema,
    operation: 'idempotent-write',
  });
  // An unlink moves nobody anywhere (membership is multiple): only a link is counted as moved.
  if (change === 'unlink') return { succeeded: [personId], failed: [], unknown: [], raw: write.raw };
  return { succeeded: [personId], failed: [], unknown: [], raw: write.raw, moved: 1, alreadyInCollection: 0 };
}
