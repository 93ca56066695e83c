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
subscribe('http.server.response.finish', () => { counters.inFlight -= 1; });

const options = {
  provider: spec.provider,
  host: '127.0.0.1',
  latencyMs: spec.latencyMs,
  // Real credentials, so a client that sends none (or the wrong header) fails loudly.
  credentials: SERVER_CREDENTIALS[spec.provider],
  seed: buildSeed(spec.seed),
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
    });
  } else if (command === 'reset') {
    // Counts start again from what is open now, so a kept-alive socket is not counted twice.
    emulator.stats.reset();
    Object.assign(counters, { connections: 0, peakOpen: counters.open, peakInFlight: counters.inFlight });
    reply({ reset: true });
  } else {
    reply({ error: `unknown command ${command}` });
  }
});
lines.on('close', () => {
  void emulator.close().finally(() => process.exit(0));
});
