// Run as: node journaled-delete.mjs <dist/index.js URL> <spec JSON>
// spec: { provider, baseUrl, idsFile, journal, resume, concurrency }. The credential comes from
// the environment, as an app's would. Deletes the ids with a journal and prints the BatchResult
// as one JSON line; a run killed midway prints nothing.
import { readFile } from 'node:fs/promises';

const [distUrl, specJson] = process.argv.slice(2);
const spec = JSON.parse(specJson);
const { createCollectionClient } = await import(distUrl);
const ids = JSON.parse(await readFile(spec.idsFile, 'utf8'));
const client = createCollectionClient({ provider: spec.provider, baseUrl: spec.baseUrl, concurrency: spec.concurrency, retryDelayMs: 1 });
const result = await client.deleteItems(ids, { journal: { path: spec.journal, resume: spec.resume } });
process.stdout.write(`${JSON.stringify(result)}\n`);
