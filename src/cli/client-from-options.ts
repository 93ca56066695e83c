import { CollectionError, createCollectionClient, knownProviders, type CollectionProvider, type QuotaStore } from '../index.js';
import type { EmulatorProvider } from '../emulator/index.js';
import { vendorDescriptor } from '../providers/descriptors.js';
import type { VendorDescriptor } from '../spec/vendor-descriptor.js';
import { UsageError } from './exit-codes.js';
import { writeLine } from './format.js';
import type { CliIo, GlobalOptions } from './io.js';
import { blockedPortOf } from './network-addresses.js';
import { quote } from './quote.js';

/** The embedded emulator accepts any non-empty credential; a real one is never sent to it. */
const EMULATOR_CREDENTIAL = 'embedded-emulator';

/**
 * The vendor the flags name. Only vendors with a descriptor are offered: the CLI needs to know
 * where the credential and base URL come from (the environment only: a flag value would end up
 * in shell history and in `ps` output).
 */
export function requireVendor(options: GlobalOptions): VendorDescriptor {
  const known = knownProviders().filter((name) => vendorDescriptor(name) !== undefined);
  const name = options.provider;
  if (name === undefined || name === '') {
    throw new UsageError(`missing --provider <name> (known providers: ${known.join(', ')}); it can also come from UNIFIED_COLLECTIONS_PROVIDER`);
  }
  const vendor = known.includes(name) ? vendorDescriptor(name) : undefined;
  if (vendor === undefined) throw new UsageError(`unknown provider ${quote(name)} (known providers: ${known.join(', ')})`);
  return vendor;
}

/** The provider name the flags select (see `requireVendor`). */
export function requireProvider(options: GlobalOptions): string {
  return requireVendor(options).name;
}

/**
 * A collection argument that cannot be one of the vendor's ids (a Verifik collection's name
 * where its `_id` is expected) is refused before any request, with the way to find the id,
 * instead of the vendor's bare 404. The shape comes from the vendor's descriptor; the library
 * itself keeps ids opaque, so a vendor changing its id format breaks no app.
 */
export function requireCollectionId(options: GlobalOptions, id: string): string {
  const vendor = requireVendor(options);
  const expected = vendor.collectionId;
  if (expected === undefined || expected.pattern.test(id)) return id;
  throw new UsageError(`${quote(id)} is not a ${vendor.displayName} collection id (${expected.shape}); `
    + `if it is a name, \`unified-collections collections list -p ${vendor.name}\` shows the ids`);
}

/**
 * Node's fetch refuses a port on the Fetch standard's blocked list before connecting, and says
 * only "fetch failed". Said here instead, before anything is opened or sent.
 */
function assertFetchablePort(vendor: VendorDescriptor, baseUrl: string | undefined, source: string): void {
  const port = baseUrl === undefined ? undefined : blockedPortOf(baseUrl);
  if (baseUrl === undefined || port === undefined) return;
  throw new CollectionError({
    code: 'CONFIG',
    provider: vendor.name,
    retryable: false,
    message: `${source} ${quote(baseUrl)}: port ${port} is on fetch's list of blocked ports, so fetch refuses to connect `
      + 'to it and nothing can be sent; use another port (the emulator command picks a free one without --port)',
  });
}

/** Built-in vendors all ship an emulator (test/emulator checks the two tables agree). */
export function emulatorProvider(vendor: VendorDescriptor): EmulatorProvider {
  return vendor.name as EmulatorProvider;
}

export interface ClientSession {
  client: CollectionProvider;
  close(): Promise<void>;
}

/**
 * Builds the client the flags describe: against `--base-url` (or <PROVIDER>_BASE_URL, or the
 * vendor's API) with the credential from the environment, or with `--emulator` against an
 * emulator started in this process with the demo data (gone when the command exits).
 */
export interface OpenClientOptions {
  /** An `--emulator` enforces the vendor's documented rate limit (the studio shows the quota it reports). */
  documentedRateLimit?: boolean;
}

export async function openClient(options: GlobalOptions, io: CliIo, open: OpenClientOptions = {}): Promise<ClientSession> {
  const vendor = requireVendor(options);
  const provider = vendor.name;
  if (options.emulator !== true) {
    const source = options.baseUrl === undefined ? vendor.baseUrlEnvVar : '--base-url';
    assertFetchablePort(vendor, options.baseUrl ?? (io.env[vendor.baseUrlEnvVar] || undefined), source);
  }
  const quotaStore = await sharedQuotaStore(io);
  const quota = { ...(options.wait === true ? { wait: true } : {}), ...(quotaStore ? { store: quotaStore } : {}) };
  const common = {
    provider,
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
    ...(options.attemptTimeout === undefined ? {} : { attemptTimeoutMs: options.attemptTimeout }),
    ...(Object.keys(quota).length > 0 ? { quota } : {}),
  };
  const closeStore = async () => {
    await quotaStore?.close?.();
  };

  if (options.emulator === true) {
    if (options.baseUrl !== undefined) throw new UsageError('--emulator and --base-url cannot be used together');
    const { startEmulator } = await import('../emulator/index.js');
    const emulator = await startEmulator({
      provider: emulatorProvider(vendor), seed: 'demo', ...(open.documentedRateLimit === true ? { rateLimit: 'documented' as const } : {}),
    });
    if (options.json !== true) {
      writeLine(io.stderr, `(embedded ${provider} emulator with demo data; changes are discarded when the command exits)`);
    }
    try {
      const credential = emulator.credential ?? EMULATOR_CREDENTIAL;
      const client = createCollectionClient({ ...common, baseUrl: emulator.url, [vendor.credentialOption]: credential });
      return { client, close: () => Promise.all([emulator.close(), closeStore()]).then(() => undefined) };
    } catch (error) {
      await emulator.close();
      await closeStore();
      throw error;
    }
  }

  const credential = io.env[vendor.credentialEnvVar];
  if (credential === undefined || credential.trim() === '') {
    await closeStore();
    throw new CollectionError({
      code: 'CONFIG',
      provider,
      retryable: false,
      message: `no ${provider} credential: set the ${vendor.credentialEnvVar} environment variable (the CLI reads credentials from the environment only), or use --emulator`,
    });
  }
  const baseUrl = options.baseUrl ?? (io.env[vendor.baseUrlEnvVar] || undefined);
  let client: CollectionProvider;
  try {
    client = createCollectionClient({
      ...common,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      [vendor.credentialOption]: credential,
    });
  } catch (error) {
    await closeStore();
    throw error;
  }
  return { client, close: closeStore };
}

/** Every instance pointed at one Redis shares one quota (README: "Sharing one quota across instances"). */
export const QUOTA_REDIS_ENV_VAR = 'UNIFIED_COLLECTIONS_QUOTA_REDIS_URL';

/** The Redis quota store the environment names (read from the environment only: a URL may hold a password). */
async function sharedQuotaStore(io: CliIo): Promise<QuotaStore | undefined> {
  const url = io.env[QUOTA_REDIS_ENV_VAR]?.trim();
  if (!url) return undefined;
  const { createRedisQuotaStore } = await import('../quota/redis-quota-store.js');
  return createRedisQuotaStore({ url });
}

/** Runs `fn` with a client and always releases what `openClient` started. */
export async function withClient<T>(
  options: GlobalOptions, io: CliIo, fn: (client: CollectionProvider) => Promise<T>,
): Promise<T> {
  const session = await openClient(options, io);
  try {
    return await fn(session.client);
  } finally {
    await session.close();
  }
}
