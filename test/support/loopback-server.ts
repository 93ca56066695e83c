import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse, requestNumber: number) => void;

export interface LoopbackServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Requests received so far (counted when their headers arrived). */
  readonly requests: number;
  /** Request headers as received, in order. */
  readonly received: Array<IncomingMessage['headers']>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 for faults nock cannot fake (stalls, resets, drips).
 * Sockets and timers are tracked so close() never waits on a client that is still connected.
 */
export async function startLoopback(handler: LoopbackHandler): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const received: Array<IncomingMessage['headers']> = [];
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    received.push(req.headers);
    handler(req, res, requests);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() { return requests; },
    received,
    close: () => new Promise<void>((resolve) => {
      sockets.forEach((socket) => socket.destroy());
      server.close(() => resolve());
    }),
  };
}

/** A port on 127.0.0.1 where nothing listens (bound, then released), for ECONNREFUSED. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Writes the body one byte at a time, every `everyMs`, until the client goes away. */
export function drip(res: ServerResponse, body: string, everyMs: number): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  let index = 0;
  const timer = setInterval(() => {
    if (index >= body.length || res.destroyed) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(body[index]);
    index += 1;
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}
