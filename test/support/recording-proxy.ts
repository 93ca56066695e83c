import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback proxy in front of an emulator that records what the vendor received and when it
 * answered, in one ordered log: a request enters the log once its whole body has arrived (just
 * before it is forwarded), an answer once the vendor's reply has come back (just before it is
 * passed on). So an entry after the answer of request k is a request the client sent after it
 * could have seen that answer. Test-only: it keeps the Authorization header it saw.
 */
export interface RecordedEvent {
  kind: 'request' | 'answer';
  /** Shared by a request and its answer. */
  seq: number;
  method: string;
  /** Path without the query. */
  path: string;
  query: string;
  authorization: string | undefined;
  /** Answers only. */
  status?: number;
  /** The proxy's clock (the test's virtual one, when given) when the event was logged. */
  at: number;
}

export interface RecordingProxy {
  url: string;
  readonly log: readonly RecordedEvent[];
  /** The requests only, in arrival order. */
  requests(): RecordedEvent[];
  close(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const HOP_BY_HOP = ['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'];

export async function startRecordingProxy(target: string, options: { now?: () => number } = {}): Promise<RecordingProxy> {
  const now = options.now ?? Date.now;
  const sockets = new Set<Socket>();
  const log: RecordedEvent[] = [];
  let nextSeq = 0;
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readAll(req);
        const url = new URL(req.url ?? '/', 'http://proxy');
        const seq = nextSeq++;
        const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
        const entry = { seq, method: req.method ?? 'GET', path: url.pathname, query: url.search, authorization };
        log.push({ kind: 'request', ...entry, at: now() });
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && !HOP_BY_HOP.includes(name)) headers.set(name, value);
        }
        const upstream = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method, headers, ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        });
        const answer = Buffer.from(await upstream.arrayBuffer());
        log.push({ kind: 'answer', ...entry, status: upstream.status, at: now() });
        if (!res.destroyed) {
          res.writeHead(upstream.status, Object.fromEntries([...upstream.headers]
            .filter(([name]) => !['content-length', 'content-encoding', ...HOP_BY_HOP].includes(name))));
          res.end(answer);
        }
      } catch {
        res.destroy();
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
    log,
    requests: () => log.filter((event) => event.kind === 'request'),
    close: () => new Promise<void>((resolve) => {
      sockets.forEach((socket) => socket.destroy());
      server.close(() => resolve());
    }),
  };
}
