import type http from 'node:http';

/** What a vendor handler returns; `body` is JSON-encoded on the wire. */
export interface EmulatorResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A response ready for the wire, so faults can cut, drip or stall its exact bytes. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function toWire(response: EmulatorResponse): WireResponse {
  return {
    status: response.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...response.headers },
    body: Buffer.from(JSON.stringify(response.body) ?? 'null', 'utf8'),
  };
}

export function writeWire(res: http.ServerResponse, wire: WireResponse): void {
  res.writeHead(wire.status, { ...wire.headers, 'content-length': String(wire.body.length) });
  res.end(wire.body);
}

/** Timers that `close()` can cancel, so a latency or drip in progress never keeps Node alive. */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.add(timer);
    });
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
