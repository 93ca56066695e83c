import { perVendor, type VendorFixture } from './vendors.js';

/** The item ids one request writes and reads, as the vendor would see them. */
export interface IdsOfRequest {
  writes: string[];
  reads: string[];
}

type Extractor = (method: string, pathname: string, body: string) => IdsOfRequest;

const NONE: IdsOfRequest = { writes: [], reads: [] };

function jsonField(body: string, field: string): string[] {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[field];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

const segment = (value: string | undefined) => (value === undefined ? undefined : decodeURIComponent(value));

/** Per built-in vendor: which requests write or read which items (a new vendor adds its entry). */
const EXTRACTORS: Readonly<Record<string, Extractor>> = {
  wickson: (method, pathname, body) => {
    if (method === 'DELETE' && pathname === '/v1/media/batch') return { writes: jsonField(body, 'media_ids'), reads: [] };
    if (method === 'POST' && /^\/v1\/media\/collections\/[^/]+\/items$/.test(pathname)) return { writes: jsonField(body, 'items'), reads: [] };
    const item = /^\/v1\/media\/([^/]+)$/.exec(pathname)?.[1];
    if (method === 'GET' && item !== undefined && item !== 'collections') return { writes: [], reads: [segment(item)!] };
    return NONE;
  },
  verifik: (method, pathname) => {
    const person = segment(/^\/v2\/face-recognition\/persons\/([^/]+)$/.exec(pathname)?.[1]);
    if (person === undefined) return NONE;
    if (method === 'DELETE' || method === 'PUT') return { writes: [person], reads: [] };
    return method === 'GET' ? { writes: [], reads: [person] } : NONE;
  },
};

export function idsOfRequest(fixture: VendorFixture): Extractor {
  return perVendor(EXTRACTORS, fixture, 'request id extractor');
}

/** Counts, per item id, the write and read requests that named it. */
export class IdCounter {
  readonly writes = new Map<string, number>();
  readonly reads = new Map<string, number>();

  constructor(private readonly extract: Extractor) {}

  record(method: string, pathname: string, body: string): IdsOfRequest {
    const ids = this.extract(method, pathname, body);
    ids.writes.forEach((id) => this.writes.set(id, (this.writes.get(id) ?? 0) + 1));
    ids.reads.forEach((id) => this.reads.set(id, (this.reads.get(id) ?? 0) + 1));
    return ids;
  }

  writesOf(id: string): number {
    return this.writes.get(id) ?? 0;
  }

  readsOf(id: string): number {
    return this.reads.get(id) ?? 0;
  }

  reset(): void {
    this.writes.clear();
    this.reads.clear();
  }
}

/**
 * A `fetch` (the library's documented option) that counts the ids each request names before
 * passing it on, and answers 503 itself for reads of ids in `unreadable` (a vendor that cannot
 * say, for those items).
 */
export function countingFetch(counter: IdCounter, unreadable: ReadonlySet<string> = new Set()): typeof globalThis.fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input.clone() : new Request(input, init);
    const { pathname } = new URL(request.url);
    const ids = counter.record(request.method, pathname, await request.text());
    if (ids.reads.some((id) => unreadable.has(id))) {
      return new Response(JSON.stringify({ success: false, error: { message: 'unavailable' } }), {
        status: 503, headers: { 'content-type': 'application/json' },
      });
    }
    return globalThis.fetch(input, init);
  };
}
