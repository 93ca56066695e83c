import { CollectionError, createCollectionClient, knownProviders, type CollectionProvider } from '../index.js';
import { UsageError } from './exit-codes.js';
import { writeLine } from './format.js';
import type { CliIo, GlobalOptions } from './io.js';
import { quote } from './quote.js';

/**
 * Where each built-in provider's credential and base URL come from. Credentials are read from the
 * environment only: a flag value would end up in shell history and in `ps` output.
 */
export const PROVIDER_ENV: Readonly<Record<string, { credentialOption: string; credentialEnv: string; baseUrlEnv: string }>> = {
  wickson: { credentialOption: 'apiKey', credentialEnv: 'WICKSON_API_KEY', baseUrlEnv: 'WICKSON_BASE_URL' },
  verifik: { credentialOption: 'token', credentialEnv: 'VERIFIK_TOKEN', baseUrlEnv: 'VERIFIK_BASE_URL' },
};

/** The embedded emulator accepts any non-empty credential; a real one is never sent to it. */
const EMULATOR_CREDENTIAL = 'embedded-emulator';

export function requireProvider(options: GlobalOptions): string {
  const known = knownProviders().filter((name) => name in PROVIDER_ENV);
  const name = options.provider;
  if (name === undefined || name === '') {
    throw new UsageError(`missing --provider <name> (known providers: ${known.join(', ')}); it can also come from UNIFIED_COLLECTIONS_PROVIDER`);
  }
  if (!known.includes(name)) throw new UsageError(`unknown provider ${quote(name)} (known providers: ${known.join(', ')})`);
  return name;
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
  const provider = requireProvider(options);
  const env = PROVIDER_ENV[provider];
  if (env === undefined) throw new UsageError(`unknown provider ${quote(provider)}`);
  const common = { provider, ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }) };

  if (options.emulator === true) {
    if (options.baseUrl !== undefined) throw new UsageError('--emulator and --base-url cannot be used together');
    const { startEmulator } = await import('../emulator/index.js');
    const emulator = await startEmulator({ provider: provider as 'wickson' | 'verifik', seed: 'demo' });
    if (options.json !== true) {
      writeLine(io.stderr, `(embedded ${provider} emulator with demo data; changes are discarded when the command exits)`);
    }
    try {
      const client = createCollectionClient({ ...common, baseUrl: emulator.url, [env.credentialOption]: EMULATOR_CREDENTIAL });
      return { client, close: () => emulator.close() };
    } catch (error) {
      await emulator.close();
      throw error;
    }
  }

  const credential = io.env[env.credentialEnv];
  if (credential === undefined || credential.trim() === '') {
    throw new CollectionError({
      code: 'CONFIG',
      provider,
      retryable: false,
      message: `no ${provider} credential: set the ${env.credentialEnv} environment variable (the CLI reads credentials from the environment only), or use --emulator`,
    });
  }
  const baseUrl = options.baseUrl ?? (io.env[env.baseUrlEnv] || undefined);
  const client = createCollectionClient({
    ...common,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    [env.credentialOption]: credential,
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
