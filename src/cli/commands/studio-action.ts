import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinVendorDescriptors } from '../../providers/descriptors.js';
import type { StudioProvider } from '../../studio/studio-provider.js';
import { openClient, type ClientSession } from '../client-from-options.js';
import type { CommandContext } from '../command-host.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { writeLine } from '../format.js';
import type { CliIo } from '../io.js';
import { isLoopbackHost } from '../network-addresses.js';
import { jsonLine } from '../quote.js';
import { listenError, untilAborted } from './emulator-action.js';

// What the `studio` command does, loaded only when it runs (see command-host.ts).

interface StudioFlags {
  port?: number;
  host?: string;
  open?: boolean;
  jobsDir?: string;
}

/** Every built-in vendor with a credential in the environment (or all of them, with --emulator). */
async function openProviders(context: CommandContext<StudioFlags>): Promise<{ providers: StudioProvider[]; sessions: ClientSession[] }> {
  const { io, options } = context;
  const providers: StudioProvider[] = [];
  const sessions: ClientSession[] = [];
  try {
    for (const vendor of builtinVendorDescriptors()) {
      const configured = options.emulator === true || (io.env[vendor.credentialEnvVar] ?? '').trim() !== '';
      if (!configured) continue;
      // With --emulator, Wickson's emulator counts the documented 1,000 requests an hour, so the page shows a quota.
      const session = await openClient({ ...options, provider: vendor.name, json: true }, io, { documentedRateLimit: true });
      sessions.push(session);
      providers.push({ name: vendor.name, displayName: vendor.displayName, client: session.client, emulator: options.emulator === true });
    }
  } catch (error) {
    await Promise.all(sessions.map((session) => session.close()));
    throw error;
  }
  if (providers.length === 0) {
    const variables = builtinVendorDescriptors().map((vendor) => vendor.credentialEnvVar).join(' and/or ');
    throw new UsageError(`no provider configured: set ${variables}, or use --emulator to try it on demo data`);
  }
  return { providers, sessions };
}

/** The platform's "open this URL" command; a failure only means the user opens it by hand. */
function openInBrowser(url: string, io: CliIo): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]]
      : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => writeLine(io.stderr, `could not open a browser (${command}): open the URL above by hand`));
    child.unref();
  } catch {
    writeLine(io.stderr, `could not open a browser (${command}): open the URL above by hand`);
  }
}

export async function run(context: CommandContext<StudioFlags>): Promise<ExitCode> {
  const { io, options } = context;
  const json = options.json === true;
  if (options.baseUrl !== undefined) throw new UsageError('studio takes no --base-url: each vendor\'s comes from <PROVIDER>_BASE_URL');
  if (options.host !== undefined && options.host.trim() === '') throw new UsageError('--host must not be empty (default: 127.0.0.1)');
  const host = options.host ?? '127.0.0.1';
  if (options.port !== undefined && options.port > 65_535) throw new UsageError(`--port ${options.port}: a port is 0–65535 (0: any free one)`);

  const { providers, sessions } = await openProviders(context);
  const temporaryJobs = options.jobsDir === undefined && options.emulator === true
    ? await mkdtemp(join(tmpdir(), 'unified-collections-studio-')) : undefined;
  const jobsDir = options.jobsDir ?? temporaryJobs ?? join(homedir(), '.unified-collections', 'studio-jobs');
  try {
    const { startStudio } = await import('../../studio/studio-server.js');
    const studio = await startStudio({
      providers,
      jobsDir,
      host,
      ...(options.port === undefined ? {} : { port: options.port }),
      onError: (error) => writeLine(io.stderr, `studio: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    }).catch((error: unknown) => {
      throw listenError(error, host, options.port);
    });
    const names = providers.map((provider) => `${provider.displayName}${provider.emulator ? ' (emulator, demo data)' : ''}`);
    if (!isLoopbackHost(host)) {
      const warning = `the studio listens on ${host} and is reachable from the network: anyone who can reach the port and has `
        + 'the URL can read and change your collections, and the page travels unencrypted (plain http)';
      writeLine(io.stderr, json ? jsonLine({ warning: { code: 'STUDIO_EXPOSED', message: warning } }) : `warning: ${warning}`);
    }
    if (json) {
      writeLine(io.stdout, JSON.stringify({ url: studio.url, providers: providers.map((provider) => provider.name), jobsDir }));
    } else {
      writeLine(io.stdout, `Collections studio: ${studio.url}`);
      writeLine(io.stdout, `  providers: ${names.join(', ')}`);
      writeLine(io.stdout, `  jobs: ${jobsDir}${temporaryJobs === undefined ? '' : ' (temporary: removed on exit)'}`);
      writeLine(io.stdout, '  the URL carries this launch\'s secret: do not share it; stop with Ctrl-C');
    }
    if (options.open === true) openInBrowser(studio.url, io);
    await untilAborted(io.signal);
    await studio.close();
    if (!json) writeLine(io.stderr, 'studio stopped');
    return EXIT.OK;
  } finally {
    await Promise.all(sessions.map((session) => session.close()));
    if (temporaryJobs !== undefined) await rm(temporaryJobs, { recursive: true, force: true });
  }
}
