import { CollectionError } from '../../index.js';
import { emulatorProvider, requireVendor } from '../client-from-options.js';
import type { CommandContext } from '../command-host.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { writeLine } from '../format.js';

// What the `emulator` command does, loaded only when it runs (see command-host.ts).

interface EmulatorFlags {
  port?: number;
  host?: string;
  seed?: 'demo' | 'empty';
  latency?: number;
  requireCredential?: boolean;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Runs a standalone emulator until SIGINT or SIGTERM, so other processes can point at it. */
export async function run({ io, options }: CommandContext<EmulatorFlags>): Promise<ExitCode> {
  const vendor = requireVendor(options);
  const provider = vendor.name;
  if (options.emulator === true || options.baseUrl !== undefined) {
    throw new UsageError('the emulator command takes neither --emulator nor --base-url');
  }
  // The emulator's `credentials` are keyed like the client's config option (`apiKey`, `token`).
  let credentials: Record<string, string> | undefined;
  if (options.requireCredential === true) {
    const credential = io.env[vendor.credentialEnvVar];
    if (credential === undefined || credential.trim() === '') {
      throw new CollectionError({
        code: 'CONFIG', provider, retryable: false,
        message: `--require-credential needs the ${vendor.credentialEnvVar} environment variable`,
      });
    }
    credentials = { [vendor.credentialOption]: credential };
  }

  const { startEmulator } = await import('../../emulator/index.js');
  const seed = options.seed ?? 'demo';
  const emulator = await startEmulator({
    provider: emulatorProvider(vendor),
    seed,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.latency === undefined ? {} : { latencyMs: options.latency }),
    ...(credentials === undefined ? {} : { credentials }),
  });
  if (options.json === true) {
    // One line, so a supervising script can read it as soon as it appears.
    writeLine(io.stdout, JSON.stringify({ provider, url: emulator.url, seed }));
  } else {
    writeLine(io.stdout, `${provider} emulator listening on ${emulator.url} (seed: ${seed})`);
    const accepts = credentials === undefined ? 'any non-empty credential' : `only the credential in ${vendor.credentialEnvVar}`;
    writeLine(io.stdout, `  accepts ${accepts}`);
    writeLine(io.stdout, `  try: ${vendor.baseUrlEnvVar}=${emulator.url} unified-collections collections list --provider ${provider}`);
    writeLine(io.stdout, '  stop with Ctrl-C');
  }
  await untilAborted(io.signal);
  await emulator.close();
  if (options.json !== true) writeLine(io.stderr, `${provider} emulator stopped`);
  return EXIT.OK;
}
