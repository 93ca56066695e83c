import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { handleApi, type StudioApiContext } from './studio-api.js';
import { sendError, SECURITY_HEADERS } from './studio-http.js';
import { StudioJobs } from './studio-jobs.js';
import { PendingPlans } from './studio-plans.js';
import type { StudioProvider } from './studio-provider.js';
import { createStudioGate, type StudioGate } from './studio-security.js';
import { serveStatic, STUDIO_UI_DIR } from './studio-static.js';

export interface StudioOptions {
  /** The providers to show, with their clients (built by the app: the studio never sees a credential). */
  providers: readonly StudioProvider[];
  /** Where jobs and their journals are kept. */
  jobsDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Told of errors that are not the library's (bugs), for the terminal; never sent to the page. */
  onError?: (error: unknown) => void;
  /** The page's files (tests may serve others). */
  uiDir?: string;
}

export interface RunningStudio {
  /** The URL to open, with the launch secret. Print it; never log it anywhere shared. */
  readonly url: string;
  /** The URL without the secret. */
  readonly origin: string;
  readonly port: number;
  /** Stops the server and every running job (each stays resumable). */
  close(): Promise<void>;
}

/** Names a browser on this machine may use for a loopback studio (the Host header must be one). */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

/**
 * Starts the studio: an HTTP server for the page and its JSON API, built on the library's
 * public client interface only. See docs/studio.md for the routes and the security model.
 */
export async function startStudio(options: StudioOptions): Promise<RunningStudio> {
  const host = options.host ?? '127.0.0.1';
  const onError = options.onError ?? (() => undefined);
  const providers = new Map(options.providers.map((provider) => [provider.name, provider]));
  const jobs = new StudioJobs(options.jobsDir, providers, { onError });
  await jobs.load();
  const context: StudioApiContext = { providers, plans: new PendingPlans(), jobs, onError };
  const uiDir = options.uiDir ?? STUDIO_UI_DIR;

  let gate: StudioGate | undefined;
  const server = createServer((request, response) => {
    if (gate === undefined) {
      sendError(response, 503, 'STUDIO_STARTING', 'starting');
      return;
    }
    handle(request, response, gate, context, uiDir).catch((error: unknown) => {
      onError(error);
      sendError(response, 500, 'STUDIO_INTERNAL', 'unexpected error in the studio (see its terminal)');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  gate = createStudioGate([...new Set([host, ...LOOPBACK_NAMES, ...(isWildcard(host) ? machineNames() : [])])], port);
  const printedHost = isWildcard(host) ? '127.0.0.1' : host;
  const origin = `http://${printedHost.includes(':') ? `[${printedHost}]` : printedHost}:${port}`;
  const secret = gate.secret;

  return {
    url: `${origin}/?token=${secret}`,
    origin,
    port,
    async close() {
      // No new connection, then no job left running (each stays resumable), then the open
      // connections (event streams never end on their own).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** Listening on every interface, the studio answers to this machine's addresses and name. */
function machineNames(): string[] {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address));
  return [hostname(), ...addresses];
}

async function handle(
  request: IncomingMessage, response: ServerResponse, gate: StudioGate, context: StudioApiContext, uiDir: string,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://studio.invalid');
  const refusal = gate.refusal(request, url);
  if (refusal !== undefined) {
    sendError(response, refusal.status, refusal.code, refusal.message);
    return;
  }
  if (url.pathname === '/' && url.searchParams.has('token')) {
    // The secret moves from the URL into a cookie, and the address bar (and history) loses it.
    response.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': gate.setCookie(), Location: '/' });
    response.end();
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    await handleApi(request, response, url, context);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendError(response, 405, 'STUDIO_BAD_REQUEST', 'method not allowed');
    return;
  }
  await serveStatic(response, url.pathname, request.method === 'HEAD', uiDir);
}
