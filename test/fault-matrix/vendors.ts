import { type EmulatorProvider, type EmulatorSeed, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { type CollectionProvider, createCollectionClient } from '../../src/index.js';
import { perVendor, VENDOR_FIXTURES, vendorFixture, type VendorFixture } from '../support/vendors.js';
import { CANARY, ECHO } from './canary.js';
import type { Exchange } from './http-tap.js';

export type Vendor = EmulatorProvider;
export const VENDORS: readonly Vendor[] = VENDOR_FIXTURES.map((fixture) => fixture.name);

export type OperationKey =
  | 'listCollections' | 'getCollection' | 'deleteCollection' | 'addItems' | 'addItems:read' | 'deleteItems' | 'listItems'
  | 'createCollection';

/** Small on purpose: a retry must be able to time out three times and still finish quickly. */
export const TIMEOUT_MS = 300;
export const OPERATION_TIMEOUT_MS = 2_000;

/** The 4xx statuses the matrix injects with vendor-shaped bodies. */
export type RefusalStatus = 400 | 401 | 404;

/** One vendor's emulated world, and where each operation's requests go in it. */
export interface VendorWorld {
  vendor: Vendor;
  /** Credentials, config and capabilities: where vendors differ, cells read these, not the name. */
  fixture: VendorFixture;
  seed: EmulatorSeed;
  /** Read by getCollection and listItems; the target of addItems. */
  collectionId: string;
  collectionName: string;
  /** What listItems(collectionId) returns: one page. */
  collectionItemIds: string[];
  /** Deleted by deleteCollection. */
  doomedCollectionId: string;
  /** Not in `collectionId` yet. */
  addIds: string[];
  /** In `collectionId`. */
  deleteIds: string[];
  createName: string;
  /** The vendor's collection read has no item count: getCollection sends one more request for it. */
  countsItemsSeparately: boolean;
  /** The emulator stats key each operation's faults are scoped to; undefined = sends nothing. */
  routes: Record<OperationKey, string | undefined>;
  /** The item ids one request carries (Wickson: in its JSON body; Verifik: in its path). */
  idsCarried(exchange: Exchange): string[];
  /** A refusal shaped like the vendor's own, quoting the credential back (the echo case). */
  refusalBody(status: RefusalStatus, route: string): unknown;
}

function jsonField(body: string, field: string): string[] {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[field];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

const WICKSON_ROUTES: Record<OperationKey, string | undefined> = {
  listCollections: 'GET /v1/media/collections',
  getCollection: 'GET /v1/media/collections/:id',
  deleteCollection: 'DELETE /v1/media/collections/:id',
  addItems: 'POST /v1/media/collections/:id/items',
  'addItems:read': undefined,
  deleteItems: 'DELETE /v1/media/batch',
  listItems: 'GET /v1/media',
  createCollection: undefined,
};

/** The world's data, per vendor; `worldOf` adds the vendor's fixture. */
type WorldData = Omit<VendorWorld, 'vendor' | 'fixture'>;

const wickson: WorldData = {
  seed: {
    items: [
      { id: 'doc_a1', collection: 'alpha' },
      { id: 'doc_a2', collection: 'alpha' },
      { id: 'doc_a3', collection: 'alpha' },
      { id: 'doc_b1', collection: 'beta' },
      { id: 'doc_b2', collection: 'beta' },
      { id: 'img_d1' },
    ],
  },
  collectionId: 'alpha',
  collectionName: 'alpha',
  collectionItemIds: ['doc_a1', 'doc_a2', 'doc_a3'],
  doomedCollectionId: 'beta',
  addIds: ['doc_b1', 'doc_b2'],
  deleteIds: ['doc_a1', 'doc_a2'],
  createName: 'gamma',
  countsItemsSeparately: false,
  routes: WICKSON_ROUTES,
  idsCarried: (exchange) => [...jsonField(exchange.requestBody, 'items'), ...jsonField(exchange.requestBody, 'media_ids')],
  refusalBody(status, route) {
    const codes = {
      400: ['VALIDATION_ERROR', 'Invalid request'],
      401: ['INVALID_API_KEY', 'Invalid or missing API key'],
      404: route.includes('/items') ? ['ITEMS_NOT_FOUND', '2 item(s) not found']
        : route.includes('/collections') ? ['COLLECTION_NOT_FOUND', 'Collection not found'] : ['MEDIA_NOT_FOUND', 'Media not found'],
    } as const;
    const [code, message] = codes[status];
    return { success: false, message, error: { code, details: { specific: `request had ${ECHO}`, request_id: `req_fm${status}` } } };
  },
};

const BASE = '/v2/face-recognition';
const ALPHA = '65fa00000000000000000001';
const BETA = '65fa00000000000000000002';
const person = (label: string) => `65fb0000000000000000${label}`;

const verifik: WorldData = {
  seed: {
    collections: [{ _id: ALPHA, name: 'alpha' }, { _id: BETA, name: 'beta' }],
    persons: [
      { _id: person('00a1'), name: 'Ann A1', collections: [ALPHA] },
      { _id: person('00a2'), name: 'Ann A2', collections: [ALPHA] },
      { _id: person('00a3'), name: 'Ann A3', collections: [ALPHA] },
      { _id: person('00b1'), name: 'Bob B1', collections: [BETA] },
      { _id: person('00b2'), name: 'Bob B2', collections: [BETA] },
    ],
  },
  collectionId: ALPHA,
  collectionName: 'alpha',
  collectionItemIds: [person('00a1'), person('00a2'), person('00a3')],
  doomedCollectionId: BETA,
  addIds: [person('00b1'), person('00b2')],
  deleteIds: [person('00a1'), person('00a2')],
  createName: 'gamma',
  countsItemsSeparately: true,
  routes: {
    listCollections: `GET ${BASE}/collections`,
    getCollection: `GET ${BASE}/collections/:id`,
    deleteCollection: `DELETE ${BASE}/collections/:id`,
    // addItems is a read-modify-write per person: each half is faulted in its own cells.
    addItems: `PUT ${BASE}/persons/:id`,
    'addItems:read': `GET ${BASE}/persons/:id`,
    deleteItems: `DELETE ${BASE}/persons/:id`,
    listItems: `GET ${BASE}/persons`,
    createCollection: `POST ${BASE}/collections`,
  },
  idsCarried: (exchange) => {
    const match = new RegExp(`^${BASE}/persons/([^/]+)$`).exec(exchange.pathname);
    return match?.[1] === undefined ? [] : [decodeURIComponent(match[1])];
  },
  // The shapes of vendor-apis.md §2.2: collections answer {message, code}, persons {error, message}.
  refusalBody(status, route) {
    const persons = route.includes('/persons');
    if (status === 400) return { message: `invalid request: ${ECHO}`, code: 'BadRequest' };
    if (status === 401) {
      return persons
        ? { message: `Authentication required: ${ECHO}`, code: 'UNAUTHORIZED' }
        : { message: `Access forbidden: ${ECHO}`, code: 'Forbidden' };
    }
    return persons
      ? { error: 'Person not found', message: `PERSON_NOT_FOUND ${ECHO}` }
      : { message: `invalid_collection ${ECHO}`, code: 'ERROR' };
  },
};

/** Per built-in vendor, by provider name: a new vendor adds its world here. */
const WORLDS: Readonly<Record<string, WorldData>> = { wickson, verifik };

export function worldOf(vendor: Vendor): VendorWorld {
  const fixture = vendorFixture(vendor);
  return { ...perVendor(WORLDS, fixture, 'fault-matrix world'), vendor: fixture.name, fixture };
}

/** An emulator holding the world, accepting only the canary credential. */
export function startWorld(world: VendorWorld): Promise<RunningEmulator> {
  return startEmulator({ provider: world.vendor, seed: world.seed, credentials: world.fixture.emulatorCredentials(CANARY) });
}

/**
 * A fresh client per cell: the retry budget and rate-limit gate are client-wide, and a budget
 * drained by an earlier cell would change the attempt counts of a later one. Concurrency 1
 * keeps per-item requests (maxAddBatch/maxDeleteBatch 1) in input order, so per-item fault
 * windows line up.
 */
export function clientFor(world: VendorWorld, baseUrl: string, fetch?: typeof globalThis.fetch): CollectionProvider {
  return createCollectionClient({
    ...world.fixture.clientConfig(CANARY),
    baseUrl,
    attemptTimeoutMs: TIMEOUT_MS,
    timeoutMs: OPERATION_TIMEOUT_MS,
    retryDelayMs: 1,
    concurrency: 1,
    ...(fetch ? { fetch } : {}),
  });
}
