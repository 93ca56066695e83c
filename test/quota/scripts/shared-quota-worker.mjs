// Run as: node shared-quota-worker.mjs <dist/index.js URL> '<job JSON>'
// One instance of an app: deletes its ids (`doc_<first>` … `doc_<first + count - 1>`, six
// digits) on the Wickson emulator through a client whose quota lives in Redis, shared with the
// other instances, waiting for quota as long as it takes. Prints one JSON line: the ids it
// settled, per outcome.
const [distUrl, jobJson] = process.argv.slice(2);
const job = JSON.parse(jobJson);
const { createCollectionClient, createRedisQuotaStore } = await import(distUrl);

const ids = Array.from({ length: job.count }, (_, i) => `doc_${String(job.first + i).padStart(6, '0')}`);
const store = await createRedisQuotaStore({ url: job.redisUrl });
try {
  const client = createCollectionClient({
    provider: 'wickson', apiKey: job.apiKey, baseUrl: job.url, concurrency: job.concurrency,
    quota: { store, wait: true },
  });
  const result = await client.deleteItems(ids);
  process.stdout.write(`${JSON.stringify({
    succeeded: result.succeeded,
    failed: result.failed.map((f) => ({ id: f.id, code: f.code, reason: f.reason })),
    unknown: result.unknown,
  })}\n`);
} finally {
  await store.close();
}
