import type { ChunkOutcome } from '../../batch/chunk-outcome.js';
import { isCollectionError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import { encodePath, perRequest } from '../../http/request-spec.js';
import { membershipIds } from './verifik-mappers.js';
import { personEnvelopeSchema, personUpdateEnvelopeSchema } from './verifik-schemas.js';

export interface MembershipCall {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/**
 * Links one person to a collection by read-modify-write: GET the person, and unless the
 * collection is already among theirs, PUT the full set plus the new id. Whether PUT replaces or
 * merges `collections` is undocumented; sending the complete set is right either way, and makes
 * the write idempotent (safe to retry). The caller runs it through the client's per-person
 * serializer, so no two calls of one client interleave on a person. Verifik has no ETag for
 * persons, so an edit of the same person by another process between our read and write can
 * still be lost.
 *
 * Outcome counters: `alreadyInCollection` = was a member, nothing written; `moved` = newly
 * linked by our PUT (nobody is moved out of anything on Verifik: membership is multiple).
 * `raw` is the last body received: the PUT's when we wrote, else the GET's.
 * A failed read (404 included) is failed: nothing was written. Errors of the PUT are thrown and
 * the batch runner classifies them: refused (4xx) is failed; timed out or 5xx is unknown.
 */
export async function addPersonToCollection(
  http: HttpClient, personId: string, collectionId: string, call: MembershipCall,
): Promise<ChunkOutcome> {
  const path = encodePath`/v2/face-recognition/persons/${personId}`;
  const common = perRequest(call);
  let read;
  try {
    read = await http.request({ ...common, method: 'GET', path, schema: personEnvelopeSchema, operation: 'read' });
  } catch (error) {
    // Nothing was written yet, so whatever went wrong with the read, the person is unchanged.
    if (!isCollectionError(error)) throw error;
    return { succeeded: [], failed: [{ id: personId, reason: error.message, code: error.code }], unknown: [] };
  }
  const person = read.data.data;

  // An absent field is not "no collections": it may just not have been sent, and writing
  // [collectionId] then would unlink the person from every other collection. `null` or []
  // is an explicit empty set.
  if (person.collections === undefined) {
    return {
      succeeded: [],
      failed: [{
        id: personId,
        reason: 'the person record came without `collections`, so the full set to write is unknown; nothing was written',
        code: 'INVALID_RESPONSE',
      }],
      unknown: [],
      raw: read.raw,
    };
  }
  const current = membershipIds(person.collections);
  if (current.includes(collectionId)) {
    return { succeeded: [personId], failed: [], unknown: [], raw: read.raw, alreadyInCollection: 1, moved: 0 };
  }

  const write = await http.request({
    ...common,
    method: 'PUT',
    path,
    json: { collections: [...current, collectionId] },
    schema: personUpdateEnvelopeSchema,
    operation: 'idempotent-write',
  });
  return { succeeded: [personId], failed: [], unknown: [], raw: write.raw, moved: 1, alreadyInCollection: 0 };
}
