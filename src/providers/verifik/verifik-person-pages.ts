import { CollectionError, markNotSent } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import type { CollectionItem } from '../../spec/models.js';
import { mapPerson, rawDataAt } from './verifik-mappers.js';
import { personPageEnvelopeSchema, type VerifikPersonPage } from './verifik-schemas.js';

/** Verifik's documented maximum for `limit` on GET /persons. */
export const VERIFIK_MAX_PAGE_SIZE = 100;

export interface PersonPagesCall {
  pageSize?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Applies to each page request on its own: a listing has no overall deadline. */
  timeoutMs?: number | undefined;
}

/**
 * When to stop. `pagination.pages` is trusted when present; the docs hedge about the envelope
 * (the older `{success, data, pagination}` and variants without pagination), so without it a
 * short page ends the listing. An empty page always does, whatever pagination claims.
 */
function isLastPage(page: number, limit: number, received: number, pagination: VerifikPersonPage['pagination']): boolean {
  if (received === 0) return true;
  const pages = pagination?.pages;
  if (typeof pages === 'number' && Number.isFinite(pages)) return page >= pages;
  return received < limit;
}

/**
 * Every person of one collection, page by page (1-based `page`, `limit` ≤ 100). Persons flagged
 * `deleted: true` are skipped, but still count as received for the stop decision.
 */
export async function* personPages(
  http: HttpClient, collectionId: string, call: PersonPagesCall,
): AsyncGenerator<CollectionItem, void, undefined> {
  const limit = Math.min(VERIFIK_MAX_PAGE_SIZE, call.pageSize ?? VERIFIK_MAX_PAGE_SIZE);
  let previousFirstId: string | undefined;
  for (let page = 1; ; page += 1) {
    // The consumer may take its time between pages; an abort meanwhile stops before the next request.
    if (call.signal?.aborted) {
      throw markNotSent(new CollectionError({
        code: 'ABORTED', provider: 'verifik', retryable: false,
        message: `listing persons of collection ${collectionId} was aborted before page ${page}`,
      }));
    }
    const query = new URLSearchParams({ collection: collectionId, page: String(page), limit: String(limit) });
    const { data, raw } = await http.request({
      method: 'GET',
      path: '/v2/face-recognition/persons',
      query,
      schema: personPageEnvelopeSchema,
      operation: 'read',
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.timeoutMs !== undefined ? { timeoutMs: call.timeoutMs } : {}),
    });
    const persons = data.data;
    // A server that ignores `page` (and sends no pagination) would repeat page 1 forever.
    const firstId = persons[0]?._id;
    if (firstId !== undefined && firstId === previousFirstId) return;
    previousFirstId = firstId;
    for (const [index, person] of persons.entries()) {
      if (person.deleted !== true) yield mapPerson(person, rawDataAt(raw, index));
    }
    if (isLastPage(page, limit, persons.length, data.pagination)) return;
  }
}
