// Run as: node connection-reuse.mjs <dist/index.js URL>
// A loopback server answering Wickson batch deletes counts the TCP connections the built client
// opens for 2,000 ids (20 chunks) at several concurrencies, and for an app-supplied plain fetch.
// Run outside Jest on purpose: Jest's sandbox hides Node's global undici dispatcher.
import { createServer } from 'node:http';

const { createCollectionClient } = await import(process.argv[2]);
let connections = 0;
let requests = 0;
const server = createServer((req, res) => {
  requests += 1;
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const ids = JSON.parse(Buffer.concat(chunks).toString('utf8')).media_ids;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ success: true, data: { deleted: { count: ids.length, media_ids: ids }, failed: { count: 0 } } }));
  });
});
server.on('connection', () => { connections += 1; });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;
const ids = Array.from({ length: 2000 }, (_, i) => `doc_${i}`);

async function measure(options) {
  connections = 0;
  requests = 0;
  server.closeAllConnections();
  const client = createCollectionClient({ provider: 'wickson', apiKey: 'reuse-key-123456', baseUrl, ...options });
  const result = await client.deleteItems(ids);
  return { ok: result.ok, requests, connections };
}

const report = {};
for (const concurrency of [1, 2, 4, 8]) report[`concurrency ${concurrency}`] = await measure({ concurrency });
report['plain fetch'] = await measure({ concurrency: 1, fetch: (input, init) => fetch(input, init) });
server.closeAllConnections();
server.close();
process.stdout.write(JSON.stringify(report));
