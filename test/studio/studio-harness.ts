import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectionClient, type CollectionProvider } from 'unified-collections';
import { startEmulator, type EmulatorSeed, type RunningEmulator } from 'unified-collections/emulator';
import { startStudio, type RunningStudio } from '../../src/studio/studio-server.js';
import type { StudioProvider } from '../../src/studio/studio-provider.js';
import { perVendor, VENDOR_FIXTURES, type VendorFixture } from '../support/vendors.js';

/** Markup a vendor may hand back as an item's name: the page must show it as text. */
export const MARKUP_NAME = '<img src=x onerror="window.__studioXss=1"><b>bold</b>';

/** A collection of this many items, one of them named {@link MARKUP_NAME}, on top of the demo data. */
export const BULK_SIZE = 300;

export interface BulkCollection {
  /** The collection's id. */
  id: string;
  /** Its display name. */
  name: string;
  /** The id of the item named with markup. */
  markupItemId: string;
}

interface VendorSeedData {
  seed(demo: EmulatorSeed): EmulatorSeed;
  bulk: BulkCollection;
}

const pad = (index: number) => String(index).padStart(3, '0');

/** Per vendor: the demo seed plus a bulk collection (test data in a table, not a branch on names). */
const SEEDS: Readonly<Record<string, VendorSeedData>> = {
  wickson: {
    bulk: { id: 'bulk_import', name: 'bulk_import', markupItemId: 'doc_bulk_000' },
    seed: (demo) => {
      const { items } = demo as { items: object[] };
      const bulk = Array.from({ length: BULK_SIZE }, (_, index) => ({
        id: `doc_bulk_${pad(index)}`,
        collection: 'bulk_import',
        media_type: 'document',
        filename: index === 0 ? MARKUP_NAME : `bulk-${pad(index)}.pdf`,
        created_at: `2025-06-01T10:${pad(index % 60).slice(1)}:00Z`,
      }));
      return { items: [...items, ...bulk] } as EmulatorSeed;
    },
  },
  verifik: {
    bulk: { id: '6650000000000000000000aa', name: 'Bulk import', markupItemId: '6650000000000000000b0000' },
    seed: (demo) => {
      const { collections, persons } = demo as { collections: object[]; persons: object[] };
      const id = '6650000000000000000000aa';
      const bulk = Array.from({ length: BULK_SIZE }, (_, index) => ({
        _id: `6650000000000000000b${String(index).padStart(4, '0')}`,
        name: index === 0 ? MARKUP_NAME : `Bulk person ${pad(index)}`,
        collections: [id],
        createdAt: '2025-06-01T10:00:00.000Z',
      }));
      return {
        collections: [...collections, { _id: id, name: 'Bulk import', description: 'studio test data', createdAt: '2025-06-01T09:00:00.000Z' }],
        persons: [...persons, ...bulk],
      } as EmulatorSeed;
    },
  },
};

export function bulkCollection(fixture: VendorFixture): BulkCollection {
  return perVendor(SEEDS, fixture, 'studio seed').bulk;
}

export interface StudioHarness {
  studio: RunningStudio;
  emulators: Map<string, RunningEmulator>;
  clients: Map<string, CollectionProvider>;
  jobsDir: string;
  /** Errors the studio reported as unexpected (bugs): tests expect none. */
  errors: unknown[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Every client's credential, and the only one its emulator accepts (a canary for leak tests). */
  credential?: string;
  /** An existing jobs folder (a restarted studio); default a new temporary one. */
  jobsDir?: string;
  /** Emulators to reuse (a restarted studio sees the same data). */
  emulators?: Map<string, RunningEmulator>;
  latencyMs?: number;
  /** The emulators' rate limit (per credential and window), also told to the clients; or each vendor's documented one. */
  rateLimit?: { limit: number; windowMs: number } | 'documented';
}

/** Both emulators with the test seed and a studio in front of them, as `studio --emulator` builds it. */
export async function startStudioHarness(options: HarnessOptions = {}): Promise<StudioHarness> {
  const jobsDir = options.jobsDir ?? await mkdtemp(join(tmpdir(), 'studio-test-'));
  const ownEmulators = options.emulators === undefined;
  const emulators = options.emulators ?? new Map<string, RunningEmulator>();
  const clients = new Map<string, CollectionProvider>();
  const providers: StudioProvider[] = [];
  try {
    for (const fixture of VENDOR_FIXTURES) {
      let emulator = emulators.get(fixture.name);
      if (emulator === undefined) {
        const demo = fixture.emulator.demoSeed() as EmulatorSeed;
        emulator = await startEmulator({
          provider: fixture.name,
          seed: perVendor(SEEDS, fixture, 'studio seed').seed(demo),
          ...(options.credential === undefined ? {} : { credentials: fixture.emulatorCredentials(options.credential) }),
          ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
          ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
        });
        emulators.set(fixture.name, emulator);
      }
      const credential = options.credential ?? emulator.credential ?? 'any-credential';
      // A vendor that documents no limit answers a bare 429: the operator states the quota (README).
      const quota = options.rateLimit === undefined || options.rateLimit === 'documented' ? {} : { quota: options.rateLimit };
      const client = createCollectionClient({ ...fixture.clientConfig(credential), baseUrl: emulator.url, ...quota } as never);
      clients.set(fixture.name, client);
      providers.push({ name: fixture.name, displayName: fixture.descriptor.displayName, client, emulator: true });
    }
    const errors: unknown[] = [];
    const studio = await startStudio({ providers, jobsDir, onError: (error) => errors.push(error) });
    return {
      studio, emulators, clients, jobsDir, errors,
      async close() {
        await studio.close();
        if (ownEmulators) await Promise.all([...emulators.values()].map((emulator) => emulator.close()));
        if (options.jobsDir === undefined) await rm(jobsDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (ownEmulators) await Promise.all([...emulators.values()].map((emulator) => emulator.close()));
    throw error;
  }
}

export interface StudioResponse {
  status: number;
  headers: Headers;
  text: string;
  json<T = unknown>(): T;
}

/** A browser-like session: logs in with the printed URL once, then sends the cookie, Origin and JSON. */
export class StudioSession {
  readonly #studio: RunningStudio;
  #cookie = '';

  constructor(studio: RunningStudio) {
    this.#studio = studio;
  }

  get cookie(): string {
    return this.#cookie;
  }

  async login(): Promise<StudioResponse> {
    const response = await send(this.#studio.url, { redirect: 'manual' });
    const setCookie = response.headers.get('set-cookie') ?? '';
    this.#cookie = setCookie.split(';')[0] ?? '';
    return response;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<StudioResponse> {
    return send(this.#studio.origin + path, { headers: { cookie: this.#cookie, ...headers } });
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<StudioResponse> {
    return send(this.#studio.origin + path, {
      method: 'POST',
      headers: { cookie: this.#cookie, origin: this.#studio.origin, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }
}

export async function send(url: string, init: RequestInit = {}): Promise<StudioResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
}

export { writesSeen } from '../support/emulator-writes.js';

/** The job views a job's event stream sends, until the stream ends (the job stopped running). */
export async function jobEvents<T = { status: string }>(session: StudioSession, origin: string, id: string): Promise<T[]> {
  const response = await fetch(`${origin}/api/jobs/${encodeURIComponent(id)}/events`, { headers: { cookie: session.cookie } });
  if (response.status !== 200) throw new Error(`events: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text.split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice('data: '.length)) as T);
}
