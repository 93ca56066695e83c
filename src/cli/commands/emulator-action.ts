import { CollectionError } from '../../index.js';
import type { VendorDescriptor } from '../../spec/vendor-descriptor.js';
import { emulatorProvider, requireVendor } from '../client-from-options.js';
import type { CommandContext } from '../command-host.js';
import { CommandError, EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { writeLine } from '../format.js';
import type { CliIo } from '../io.js';
import { isBlockedPort, isLoopbackHost, isWildcardHost, loopbackUrl } from '../network-addresses.js';
import { jsonLine, quote } from '../quote.js';

// What the `emulator` command does, loaded only when it runs (see command-host.ts).

interface EmulatorFlags {
  port?: number;
  host?: string;
  seed?: 'demo' | 'empty';
  latency?: number;
  requireCredential?: boolean;
}

/** Stands in for the credential on the "try:" line when the emulator accepts any. */
const ANY_CREDENTIAL = 'any-credential';

export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** A word the shell reads back as `text` (the "try:" line is meant to be pasted; `[::1]` is a glob). */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** What failed to listen, as an error naming the address instead of a bare `listen EADDRINUSE`. */
export function listenError(error: unknown, host: string, port: number | undefined): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = port === undefined || port === 0 ? quote(host) : `port ${port} on ${quote(host)}`;
  const other = 'pick another with --port, or leave --port out for any free port';
  if (code === 'EADDRINUSE') return new CommandError('PORT_IN_USE', `cannot listen on ${where}: already in use (EADDRINUSE); ${other}`);
  if (code === 'EACCES') {
    return new CommandError('PORT_NOT_PERMITTED', `cannot listen on ${where}: permission denied (EACCES; ports below 1024 need privileges); ${other}`);
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL') {
    return new CommandError('HOST_UNAVAILABLE', `cannot listen on ${where}: not an address of this machine (${code}); `
      + 'use 127.0.0.1 (the default), or 0.0.0.0 for every interface');
  }
  return error;
}

/** Warnings go to stderr: as text, or as one `{"warning": …}` line with --json, like errors. */
function warn(io: CliIo, json: boolean, code: string, message: string): void {
  writeLine(io.stderr, json ? jsonLine({ warning: { code, message } }) : `warning: ${message}`);
}

export interface Address {
  /** What a client on this machine uses: the loopback URL when the emulator listens on every interface. */
  url: string;
  /** Where it listens, when that is more than this machine's loopback. */
  exposed?: string;
  /** False when the client refuses `url`: plain http to a host that is not this machine. */
  clientAccepts: boolean;
}

export function addressOf(listening: string): Address {
  const url = new URL(listening);
  if (isLoopbackHost(url.hostname)) return { url: listening, clientAccepts: true };
  if (isWildcardHost(url.hostname)) return { url: loopbackUrl(url), exposed: listening, clientAccepts: true };
  return { url: listening, exposed: listening, clientAccepts: false };
}

/**
 * Beyond this machine's loopback, anyone on the network can reach the emulator; it holds no real
 * data, but accepts any credential (unless --require-credential) and runs over plain http.
 */
function warnExposed(io: CliIo, json: boolean, vendor: VendorDescriptor, address: Address, anyCredential: boolean): void {
  const who = anyCredential
    ? `it accepts any credential, so anyone who can reach this machine can read and change its data (--require-credential accepts only ${vendor.credentialEnvVar})`
    : 'the credential travels unencrypted (plain http)';
  const client = address.clientAccepts
    ? `; this client refuses plain http to other hosts: use ${address.url} on this machine, and an https proxy from others`
    : `; this client refuses plain http to a host that is not this machine, so it cannot use ${address.url} `
      + '(--host 0.0.0.0 listens on every interface, loopback included)';
  warn(io, json, 'EMULATOR_EXPOSED', `the emulator listens on ${address.exposed} and is reachable from the network: ${who}${client}`);
}

function printStarted(io: CliIo, vendor: VendorDescriptor, address: Address, seed: string, anyCredential: boolean): void {
  writeLine(io.stdout, `${vendor.name} emulator listening on ${address.url} (seed: ${seed})`);
  if (address.exposed !== undefined && address.exposed !== address.url) writeLine(io.stdout, `  bound to ${address.exposed} (every interface)`);
  const accepts = anyCredential ? 'any non-empty credential' : `only the credential in ${vendor.credentialEnvVar}`;
  writeLine(io.stdout, `  accepts ${accepts}`);
  if (address.clientAccepts) {
    // With --require-credential the key is already in this shell's environment: never printed.
    const credential = anyCredential ? `${vendor.credentialEnvVar}=${ANY_CREDENTIAL} ` : '';
    writeLine(io.stdout, `  try: ${credential}${vendor.baseUrlEnvVar}=${shellWord(address.url)} unified-collections collections list --provider ${vendor.name}`);
  }
  writeLine(io.stdout, '  stop with Ctrl-C');
}

/** Runs a standalone emulator until SIGINT or SIGTERM, so other processes can point at it. */
export async function run({ io, options }: CommandContext<EmulatorFlags>): Promise<ExitCode> {
  const vendor = requireVendor(options);
  const provider = vendor.name;
  const json = options.json === true;
  if (options.emulator === true || options.baseUrl !== undefined) {
    throw new UsageError('the emulator command takes neither --emulator nor --base-url');
  }
  // An empty host would listen on every interface.
  if (options.host !== undefined && options.host.trim() === '') throw new UsageError('--host must not be empty (default: 127.0.0.1)');
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
  if (options.port !== undefined && isBlockedPort(options.port)) {
    warn(io, json, 'BLOCKED_PORT', `port ${options.port} is on fetch's list of blocked ports: this client (and browsers) `
      + 'refuse to connect to it, curl does not; leave --port out for any free port');
  }

  const { startEmulator } = await import('../../emulator/index.js');
  const seed = options.seed ?? 'demo';
  const host = options.host ?? '127.0.0.1';
  const emulator = await startEmulator({
    provider: emulatorProvider(vendor),
    seed,
    host,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.latency === undefined ? {} : { latencyMs: options.latency }),
    ...(credentials === undefined ? {} : { credentials }),
  }).catch((error: unknown) => {
    throw listenError(error, host, options.port);
  });
  const address = addressOf(emulator.url);
  if (address.exposed !== undefined) warnExposed(io, json, vendor, address, credentials === undefined);
  if (json) {
    // One line, so a supervising script can read it as soon as it appears.
    const listening = address.exposed === undefined ? {} : { listening: address.exposed };
    writeLine(io.stdout, JSON.stringify({ provider, url: address.url, seed, ...listening }));
  } else {
    printStarted(io, vendor, address, seed, credentials === undefined);
  }
  await untilAborted(io.signal);
  await emulator.close();
  if (!json) writeLine(io.stderr, `${provider} emulator stopped`);
  return EXIT.OK;
}
