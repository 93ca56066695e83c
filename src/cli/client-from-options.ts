import { CollectionError, createCollectionClient, knownProviders, type CollectionProvider } from '../index.js';
import type { EmulatorProvider } from '../emulator/index.js';
import { vendorDescriptor } from '../providers/descriptors.js';
import type { VendorDescriptor } from '../spec/vendor-descriptor.js';
import { UsageError } from './exit-codes.js';
import { writeLine } from './format.js';
import type { CliIo, GlobalOptions } from './io.js';
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
export async function openClient(options: GlobalOptions, io: CliIo): Promise<ClientSession> {
  const vendor = requireVendor(options);
  const provider = vendor.name;
  const common = {
    provider,
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
    ...(options.attemptTimeout === undefined ? {} : { attemptTimeoutMs: options.attemptTimeout }),
    ...(options.wait === true ? { quota: { wait: true } } : {}),
  };

  if (options.emulator === true) {
    if (options.baseUrl !== undefined) throw new UsageError('--emulator and --base-url cannot be used together');
    const { startEmulator } = await import('../emulator/index.js');
    const emulator = await startEmulator({ provider: emulatorProvider(vendor), seed: 'demo' });
    if (options.json !== true) {
      writeLine(io.stderr, `(embedded ${provider} emulator with demo data; changes are discarded when the command exits)`);
    }
    try {
      const client = createCollectionClient({ ...common, baseUrl: emulator.url, [vendor.credentialOption]: EMULATOR_CREDENTIAL });
      return { client, close: () => emulator.close() };
    } catch (error) {
      await emulator.close();
      throw error;
    }
  }

  const credential = io.env[vendor.credentialEnvVar];
  if (credential === undefined || credential.trim() === '') {
    throw new CollectionError({
      code: 'CONFIG',
      provider,
      retryable: false,
      message: `no ${provider} credential: set the ${vendor.credentialEnvVar} environment variable (the CLI reads credentials from the environment only), or use --emulator`,
    });
  }
  const baseUrl = options.baseUrl ?? (io.env[vendor.baseUrlEnvVar] || undefined);
  const client = createCollectionClient({
    ...common,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    [vendor.credentialOption]: credential,
  });
  return { client, close: async () => undefined };
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
