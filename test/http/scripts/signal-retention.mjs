// Run as: node --expose-gc signal-retention.mjs <dist/index.js URL> <calls>
// Prints JSON, in heap bytes retained per call: `withSignal`, calls that all share one long-lived
// signal; `withoutSignal`, the same calls without one (the HTTP stack retains a little per call
// whatever we do, so the signal's share is the difference); `control`, AbortSignal.any([shared,
// fresh]) with the derived signal dropped at once, proving the measurement sees such a leak.
const [distUrl, callsArg] = process.argv.slice(2);
const calls = Number(callsArg);
const { createCollectionClient } = await import(distUrl);

const body = JSON.stringify({ success: true, data: { collections: ['default'] } });
const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
const client = createCollectionClient({ provider: 'wickson', apiKey: 'retention-key-123456', baseUrl: 'http://127.0.0.1:9', fetch });

async function settle() {
  for (let i = 0; i < 6; i += 1) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

async function perCall(run, shared = new AbortController().signal) {
  await run(shared, 500); // warm-up: JIT, ky's and zod's caches
  const before = await settle();
  await run(shared, calls);
  const after = await settle();
  // Keep the shared signal alive until after the measurement, as a long-lived app signal is.
  if (shared?.aborted) throw new Error('unreachable');
  return (after - before) / calls;
}

const listing = async (signal, n) => {
  for (let i = 0; i < n; i += 1) await client.listCollections(signal ? { signal } : undefined);
};
// Each measured twice, interleaved, keeping the second: the first loop also pays for one-time growth.
await perCall(listing, null);
await perCall(listing);
const withoutSignal = await perCall(listing, null);
const withSignal = await perCall(listing);
const control = await perCall(async (signal, n) => {
  for (let i = 0; i < n; i += 1) {
    AbortSignal.any([signal, new AbortController().signal]);
    await Promise.resolve();
  }
});
process.stdout.write(JSON.stringify({ withSignal, withoutSignal, control }));
