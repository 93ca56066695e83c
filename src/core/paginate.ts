/** One page as a source read it (an adapter's `ItemPage` is one). */
export interface Page<T> {
  /** The normalized items to yield (a provider may drop some, e.g. soft-deleted ones). */
  items: T[];
  /** How many records the vendor sent on this page, dropped ones included. */
  received: number;
  /** The vendor id of the page's first record, to notice a server that ignores `page`. */
  firstId?: string | undefined;
  /** The vendor's page count, when it sent one. */
  totalPages?: number | undefined;
}

/**
 * Walks 1-based pages until the last one. The page count is trusted when present; without it a
 * short page ends the walk (both vendors' docs hedge about their pagination envelopes). An empty
 * page always ends it, and so does a page that starts with the same record as the previous one:
 * a server that ignores `page` must not make a listing repeat forever.
 */
export async function* paginate<T>(
  pageSize: number, fetchPage: (page: number) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let previousFirstId: string | undefined;
  for (let page = 1; ; page += 1) {
    const result = await fetchPage(page);
    if (result.firstId !== undefined && result.firstId === previousFirstId) return;
    previousFirstId = result.firstId;
    yield* result.items;
    if (result.received === 0) return;
    const { totalPages } = result;
    if (typeof totalPages === 'number' && Number.isFinite(totalPages)) {
      if (page >= totalPages) return;
    } else if (result.received < pageSize) {
      return;
    }
  }
}
