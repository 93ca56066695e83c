/** Times one run against a bench server and attaches what the server saw during it. */
import { performance } from 'node:perf_hooks';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import type { Sample } from '../rounds.ts';
// @ts-ignore TS5097 (see above)
import type { BenchServer } from '../server-process.ts';

/** Server counters are reset first, so requests and connections belong to this run alone. */
export async function measureOn(server: BenchServer, work: () => Promise<void>): Promise<Sample> {
  await server.reset();
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  const stats = await server.stats();
  return { ms, requests: stats.requests, connections: stats.connections, peakInFlight: stats.peakInFlight };
}

/** Reads a vendor answer as the docs' loops do; a non-2xx is an error, never a fast sample. */
export async function readJson(res: Response, what: string): Promise<any> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}
