/**
 * The vendor server, run as a child process (`node bench/server.ts '<ServerSpec JSON>'`): a
 * server sharing the client's event loop would distort every ratio on 2 cores.
 *
 * Protocol: one JSON line `{"url":…}` on stdout once listening; then each stdin line `stats`
 * or `reset` is answered with one JSON line. When stdin closes (the parent is done or died),
 * the server closes and the process exits.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { startEmulator, type EmulatorOptions } from 'unified-collections/emulator';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { SERVER_CREDENTIALS, buildSeed, type ServerSpec } from './fixtures.ts';

const spec = JSON.parse(process.argv[2] ?? '') as ServerSpec;

// The emulator keeps its http.Server private. Node publishes each accepted TCP connection
// (what `server.on('connection')` sees) and each request start/finish on these channels; this
// process runs exactly one server, so the counts are that server's.
const counters = { connections: 0, open: 0, peakOpen: 0, inFlight: 0, peakInFlight: 0 };
// Answers by status, and the first and last rate-limit window (its end, from `X-RateLimit-Reset`)
// that a request was counted in: the quota section's rate.
let statuses: Record<number, number> = {};
let windowEnds: { first: number; last: number } | undefined;
subscribe('net.server.socket', (message) => {
  const { socket } = message as { socket: Socket };
  counters.connections += 1;
  counters.open += 1;
  counters.peakOpen = Math.max(counters.peakOpen, counters.open);
  socket.once('close', () => { counters.open -= 1; });
});
subscribe('http.server.request.start', () => {
  counters.inFlight += 1;
  counters.peakInFlight = Math.max(counters.peakInFlight, counters.inFlight);
});
subscribe('http.server.response.finish', (message) => {
  counters.inFlight -= 1;
  const response = (message as { response: { statusCode: number; _header?: string | null } }).response;
  statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
  // The emulator writes its headers with writeHead(status, object), which getHeader() cannot
  // see; the header block as sent (`_header`) names the window the request was counted in.
  const reset = /^x-ratelimit-reset: *(\d+)\r?$/im.exec(response._header ?? '')?.[1];
  if (reset !== undefined && (response.statusCode < 300 || response.statusCode === 429)) {
    const end = Number(reset) * 1000;
    windowEnds = { first: Math.min(windowEnds?.first ?? end, end), last: Math.max(windowEnds?.last ?? end, end) };
  }
});

const options = {
  provider: spec.provider,
  host: '127.0.0.1',
  latencyMs: spec.latencyMs,
  // Real credentials, so a client that sends none (or the wrong header) fails loudly.
  credentials: SERVER_CREDENTIALS[spec.provider],
  seed: buildSeed(spec.seed),
  ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
} as EmulatorOptions;
const emulator = await startEmulator(options);

function reply(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

reply({ url: emulator.url });

const lines = createInterface({ input: process.stdin });
lines.on('line', (command) => {
  if (command === 'stats') {
    reply({
      requests: emulator.stats.total,
      byRoute: { ...emulator.stats.byRoute },
      connections: counters.connections,
      peakOpenConnections: counters.peakOpen,
      peakInFlight: counters.peakInFlight,
      byStatus: statuses,
      ...(windowEnds ? { firstWindowEnd: windowEnds.first, lastWindowEnd: windowEnds.last } : {}),
    });
  } else if (command === 'reset') {
    // Counts start again from what is open now, so a kept-alive socket is not counted twice.
    emulator.stats.reset();
    Object.assign(counters, { connections: 0, peakOpen: counters.open, peakInFlight: counters.inFlight });
    statuses = {};
    windowEnds = undefined;
    reply({ reset: true });
  } else {
    reply({ error: `unknown command ${command}` });
  }
});
lines.on('close', () => {
  void emulator.close().finally(() => process.exit(0));
});
