import type http from 'node:http';
import type { FaultKind, FaultRule } from './types.js';
import { toWire, writeWire, type Timers, type WireResponse } from './wire.js';

const KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'status',
  'reset',
  'stall',
  'stall-body',
  'drip',
  'html',
  'truncated-json',
  'latency',
]);

const DEFAULT_DRIP_MS = 100;

/** Rejects a malformed rule when it is added, so a typo fails the test that wrote it, not a later request. */
function validateRule(rule: FaultRule): void {
  if (rule === null || typeof rule !== 'object') throw new TypeError('fault rule must be an object');
  if (!KINDS.has(rule.kind)) throw new TypeError(`unknown fault kind: ${String(rule.kind)}`);
  for (const field of ['skip', 'times'] as const) {
    const value = rule[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new TypeError(`fault ${field} must be a non-negative integer`);
    }
  }
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)) {
    throw new TypeError('fault status must be an HTTP status (100-599)');
  }
  if (rule.ms !== undefined && (!Number.isFinite(rule.ms) || rule.ms < 0)) {
    throw new TypeError('fault ms must be a non-negative number');
  }
  if (rule.route !== undefined && typeof rule.route !== 'string') throw new TypeError('fault route must be a string');
}

export class FaultSet {
  private entries: Array<{ rule: FaultRule; seen: number }> = [];

  constructor(initial: readonly FaultRule[] = []) {
    for (const rule of initial) this.add(rule);
  }

  add(rule: FaultRule): void {
    validateRule(rule);
    this.entries.push({ rule: { ...rule }, seen: 0 });
  }

  clear(): void {
    this.entries = [];
  }

  /** Counts the request against every matching rule and returns the first that fires. */
  take(routeKey: string): FaultRule | undefined {
    let chosen: FaultRule | undefined;
    for (const entry of this.entries) {
      const { rule } = entry;
      if (rule.route !== undefined && rule.route !== routeKey) continue;
      const index = entry.seen;
      entry.seen += 1;
      const skip = rule.skip ?? 0;
      const fires = index >= skip && (rule.times === undefined || index < skip + rule.times);
      if (fires && chosen === undefined) chosen = rule;
    }
    return chosen;
  }
}

export interface FaultContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  /** Runs the vendor handler (applying its state changes) and returns its response. */
  real(): WireResponse;
  timers: Timers;
  failureBody(status: number): unknown;
  isClosed(): boolean;
}

function htmlPage(status: number): string {
  const title = `${status} ${status === 200 ? 'OK' : 'Error'}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>upstream proxy page</p></body></html>\n`;
}

function withHeaders(wire: WireResponse, headers: Record<string, string> | undefined): WireResponse {
  return headers === undefined ? wire : { ...wire, headers: { ...wire.headers, ...headers } };
}

export async function deliverFault(rule: FaultRule, ctx: FaultContext): Promise<void> {
  const { res } = ctx;
  switch (rule.kind) {
    case 'reset':
      // RST instead of FIN, so the client sees ECONNRESET like a dropped connection in a proxy.
      ctx.req.socket.resetAndDestroy();
      return;
    case 'stall':
      // Never answer; close() destroys the socket.
      return;
    case 'latency':
      await ctx.timers.sleep(rule.ms ?? 0);
      if (!ctx.isClosed()) writeWire(res, withHeaders(ctx.real(), rule.headers));
      return;
    case 'status': {
      const status = rule.status ?? 500;
      const body = rule.body !== undefined ? rule.body : ctx.failureBody(status);
      writeWire(res, withHeaders(toWire({ status, body }), rule.headers));
      return;
    }
    case 'html': {
      const status = rule.status ?? 200;
      const page = typeof rule.body === 'string' ? rule.body : htmlPage(status);
      const wire = { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(page, 'utf8') };
      writeWire(res, withHeaders(wire, rule.headers));
      return;
    }
    case 'truncated-json': {
      const full = rule.body !== undefined ? toWire({ status: 200, body: rule.body }).body : ctx.real().body;
      const wire = {
        status: rule.status ?? 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: full.subarray(0, Math.floor(full.length / 2)),
      };
      writeWire(res, withHeaders(wire, rule.headers));
      return;
    }
    case 'stall-body': {
      const wire = withHeaders(ctx.real(), rule.headers);
      // The full Content-Length is announced so the client keeps waiting for the rest.
      res.writeHead(rule.status ?? 200, { ...wire.headers, 'content-length': String(wire.body.length) });
      res.write(wire.body.subarray(0, Math.floor(wire.body.length / 2)));
      return;
    }
    case 'drip': {
      const wire = withHeaders(ctx.real(), rule.headers);
      res.writeHead(wire.status, { ...wire.headers, 'content-length': String(wire.body.length) });
      res.flushHeaders();
      for (let i = 0; i < wire.body.length; i += 1) {
        await ctx.timers.sleep(rule.ms ?? DEFAULT_DRIP_MS);
        if (ctx.isClosed() || res.destroyed) return;
        res.write(wire.body.subarray(i, i + 1));
      }
      res.end();
      return;
    }
  }
}
