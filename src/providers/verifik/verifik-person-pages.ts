import { CollectionError, markNotSent } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import { perRequest } from '../../http/request-spec.js';
import type { CollectionItem } from '../../spec/models.js';
import { mapPerson, rawDataAt } from './verifik-mappers.js';
import { personPageEnvelopeSchema } from './verifik-schemas.js';
import { paginate } from '../shared/paginate.js';

/** Verifik's documented maximum for `limit` on GET /persons. */
export const VERIFIK_MAX_PAGE_SIZE = 100;

export interface PersonPagesCall {
  pageSize?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Applies to each page request on its own: a listing has no overall deadline. */
  timeoutMs?: number | undefined;
}

/**
 * Every person of one collection, page by page (1-based `page`, `limit` ≤ 100). Persons flagged
 * `deleted: true` are skipped, but still count as received for the stop decision.
 */
export async function* personPages(
  http: HttpClient, collectionId: string, call: PersonPagesCall,
): AsyncGenerator<CollectionItem, void, undefined> {
  const limit = Math.min(VERIFIK_MAX_PAGE_SIZE, call.pageSize ?? VERIFIK_MAX_PAGE_SIZE);
  yield* paginate(limit, async (page) => {
    // The consumer may take its time between pages; an abort meanwhile stops before the next request.
    if (call.signal?.aborted) {
      throw markNotSent(new CollectionError({
        code: 'ABORTED', provider: 'verifik', retryable: false,
        message: `listing persons of collection ${collectionId} was aborted before page ${page}`,
      }));
    }
    const query = new URLSearchParams({ collection: collectionId, page: String(page), limit: String(limit) });
    const { data, raw } = await http.request({
      method: 'GET', path: '/v2/face-recognition/persons', query, schema: personPageEnvelopeSchema, operation: 'read',
      ...perRequest(call),
    });
    const persons = data.data;
    return {
      // Persons flagged `deleted: true` are skipped, but still count as received for the stop decision.
      items: persons.flatMap((person, index) => (person.deleted === true ? [] : [mapPerson(person, rawDataAt(raw, index))])),
      received: persons.length,
      firstId: persons[0]?._id,
      totalPages: data.pagination?.pages ?? undefined,
    };
  });
}
