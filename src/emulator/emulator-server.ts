import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { deliverFault, type FaultSet } from './faults.js';
import type { EmulatorStats } from './types.js';
import { Timers, toWire, writeWire, type EmulatorResponse, type WireResponse } from './wire.js';

export type { EmulatorResponse } from './wire.js';

export interface EmulatorRequest {
  method: string;
  pathname: string;
  /** Percent-decoded path parameters (kept raw when the encoding is malformed). */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  route: RouteDef | undefined;
}

export interface RouteDef {
  method: string;
  pattern: string;
  handler: (req: EmulatorRequest) => EmulatorResponse;
}

/**
 * A vendor's behaviour. Handlers are synchronous on purpose: with all state in memory, no two
 * requests can interleave inside a handler, which is what makes "atomic" vendor operations atomic.
 */
export interface VendorApp {
  readonly routes: readonly RouteDef[];
  /** Auth, rate limit, unknown routes and validation are the vendor's business. */
  handle(req: EmulatorRequest): EmulatorResponse;
  /** Body for an unexpected failure or a `status` fault without a body. */
  failureBody(status: number): unknown;
  /** The request is passed so per-key rate-limit headers can name the caller's window. */
  tooLarge(req: EmulatorRequest): EmulatorResponse;
}

export interface ServerOptions {
  app: VendorApp;
  host: string;
  port: number;
  latencyMs: number;
  faults: FaultSet;
  stats: StatsRecorder;
  bodyLimitBytes?: number;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

export class StatsRecorder implements EmulatorStats {
  total = 0;
  readonly byRoute: Record<string, number> = {};
  readonly byStatus: Record<number, number> = {};

  record(key: string): void {
    this.total += 1;
    this.byRoute[key] = (this.byRoute[key] ?? 0) + 1;
  }

  recordStatus(status: number): void {
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
  }

  reset(): void {
    this.total = 0;
    // Mutate in place: callers hold on to `byRoute` and `byStatus` and expect them to stay live.
    for (const key of Object.keys(this.byRoute)) delete this.byRoute[key];
    for (const key of Object.keys(this.byStatus)) delete this.byStatus[Number(key)];
  }
}

export function matchRoute(
  routes: readonly RouteDef[],
  method: string,
  pathname: string,
): { route: RouteDef | undefined; params: Record<string, string>; key: string } {
  const segments = pathname.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matched = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        if (segment === '') return false;
        params[part.slice(1)] = safeDecode(segment);
        return true;
      }
      return part === segment;
    });
    if (matched) return { route, params, key: `${method} ${route.pattern}` };
  }
  return { route: undefined, params: {}, key: `${method} (unmatched)` };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Reads the whole body; past the limit it keeps draining (so the client can read our answer) but stops storing. */
function readBody(req: http.IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge: size > limit }));
    req.on('error', reject);
  });
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    // Prefixing keeps a path like `//x` a path instead of a protocol-relative URL.
    return new URL(`http://emulator${raw ?? '/'}`);
  } catch {
    return undefined;
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { app, faults, stats } = options;
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const sockets = new Set<Socket>();
  const timers = new Timers();
  let closed = false;
  let closing: Promise<void> | undefined;

  const handleSafely = (req: EmulatorRequest): WireResponse => {
    try {
      return toWire(app.handle(req));
    } catch {
      // A bug in a handler must look like a vendor 500, never take the server down.
      return toWire({ status: 500, body: app.failureBody(500) });
    }
  };

  const onRequest = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = parseUrl(req.url);
    const match = matchRoute(app.routes, method, url?.pathname ?? '');
    stats.record(match.key);
    const { body, tooLarge } = await readBody(req, limit);
    if (options.latencyMs > 0) await timers.sleep(options.latencyMs);
    if (closed) return;
    const request: EmulatorRequest = {
      method,
      pathname: url?.pathname ?? '',
      params: match.params,
      query: url?.searchParams ?? new URLSearchParams(),
      headers: req.headers,
      body,
      route: match.route,
    };
    const real = (): WireResponse => {
      const wire = tooLarge ? toWire(app.tooLarge(request)) : handleSafely(request);
      stats.recordStatus(wire.status);
      return wire;
    };
    const rule = faults.take(match.key);
    if (rule === undefined) {
      writeWire(res, real());
      return;
    }
    await deliverFault(rule, {
      req,
      res,
      real,
      timers,
      failureBody: (status) => app.failureBody(status),
      isClosed: () => closed,
    });
  };

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch(() => {
      // The client went away mid-request or the socket was destroyed: nothing left to answer.
      if (!res.headersSent && !res.destroyed) writeWire(res, toWire({ status: 500, body: app.failureBody(500) }));
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A malformed request line never reaches the handler; answer it plainly instead of hanging.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) socket.destroy();
    else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
      return closing;
    },
  };
}
