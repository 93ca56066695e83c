import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { IdCounter } from './id-requests.js';

/**
 * A loopback proxy in front of an emulator that counts, per item id, the requests the vendor
 * actually received. A request is forwarded (and counted) once its whole body has arrived, and
 * then it reaches the vendor even if the client that sent it aborts or is killed meanwhile, as a
 * request already on the wire would. `idle()` resolves when nothing is being forwarded, so a
 * test can look at the vendor only after every request that got through has landed.
 */
export interface CountingProxy {
  url: string;
  idle(): Promise<void>;
  close(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // The client went away before its body was complete: the request never reached the vendor.
    req.on('close', () => {
      if (!req.complete) resolve(undefined);
    });
    req.on('error', () => resolve(undefined));
  });
}

export interface ProxyHooks {
  /** Called when the vendor has answered a request, before the answer is passed back. */
  answered?: (() => void) | undefined;
}

export async function startCountingProxy(target: string, counter: IdCounter, hooks: ProxyHooks = {}): Promise<CountingProxy> {
  const sockets = new Set<Socket>();
  let forwarding = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    forwarding -= 1;
    if (forwarding === 0) waiters.splice(0).forEach((resolve) => resolve());
  };
  const server = createServer((req, res) => {
    forwarding += 1;
    void (async () => {
      try {
        const body = await readAll(req);
        if (body === undefined) return;
        const { pathname } = new URL(req.url ?? '/', 'http://proxy');
        counter.record(req.method ?? 'GET', pathname, body.toString('utf8'));
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)) headers.set(name, value);
        }
        const upstream = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method, headers, ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        });
        const answer = Buffer.from(await upstream.arrayBuffer());
        hooks.answered?.();
        if (!res.destroyed) {
          res.writeHead(upstream.status, Object.fromEntries([...upstream.headers].filter(([name]) => !['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive'].includes(name))));
          res.end(answer);
        }
      } catch {
        res.destroy();
      } finally {
        settle();
      }
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    idle: () => (forwarding === 0 ? Promise.resolve() : new Promise<void>((resolve) => { waiters.push(resolve); })),
    close: () => new Promise<void>((resolve) => {
      waiters = [];
      sockets.forEach((socket) => socket.destroy());
      server.close(() => resolve());
    }),
  };
}
