import { afterEach, describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { useNock } from '../../support/use-nock.js';
import { createCollectionClient } from '../../../src/index.js';
import { BASE_URL, LIST_COLLECTIONS_BODY, batchDeleteOk, seedError } from './fixtures.js';
import { CANARY_KEY, collect, rejectionOf, trapEveryRequest, vendor, wickson } from './helpers.js';

useNock();
afterEach(() => {
  delete process.env.WICKSON_API_KEY;
});

const FORMS = [CANARY_KEY, encodeURIComponent(CANARY_KEY), Buffer.from(CANARY_KEY).toString('base64')];

function expectNoCanary(value: unknown): void {
  const texts = [
    inspect(value, { depth: Infinity, showHidden: true }),
    JSON.stringify(value) ?? '',
    value instanceof Error ? `${value.message}\n${value.stack ?? ''}` : '',
  ];
  for (const text of texts) for (const form of FORMS) expect(text).not.toContain(form);
}

describe('wickson credentials', () => {
  it('util.inspect of the client never shows the key', () => {
    const client = wickson({ apiKey: CANARY_KEY });
    expectNoCanary(client);
    expect(inspect(client)).toContain('wickson');
  });

  it('sends the key as X-Api-Key, and no error echoing it back contains it', async () => {
    const echo = `bad key ${CANARY_KEY} (${encodeURIComponent(CANARY_KEY)}, ${Buffer.from(CANARY_KEY).toString('base64')})`;
    const scope = vendor(CANARY_KEY)
      .get('/v1/media/collections').reply(401, { success: false, message: echo, error: { code: CANARY_KEY, details: { specific: echo, request_id: CANARY_KEY } } })
      .get('/v1/media/collections/x').reply(403, seedError('INSUFFICIENT_PERMISSIONS', echo))
      .delete('/v1/media/collections/x').times(3).reply(500, `<html>${echo}</html>`)
      .get('/v1/media').query(true).reply(200, `not json ${echo}`);
    const client = wickson({ apiKey: CANARY_KEY });
    const errors = [
      await rejectionOf(client.listCollections()),
      await rejectionOf(client.getCollection('x')),
      await rejectionOf(client.deleteCollection('x')),
      await rejectionOf(collect(client.listItems('x'))),
    ];
    expect(scope.isDone()).toBe(true);
    expect(errors.map((e) => e.code)).toEqual(['UNAUTHORIZED', 'FORBIDDEN', 'PROVIDER_ERROR', 'INVALID_RESPONSE']);
    expect(errors[0]?.message).toContain('[REDACTED]');
    for (const error of errors) expectNoCanary(error);
  });

  it('batch failure reasons never carry the key, whether from an error or a 200 report', async () => {
    vendor(CANARY_KEY)
      .delete('/v1/media/batch', { media_ids: ['a1', 'b2'] })
      .reply(200, batchDeleteOk(['a1', 'b2'], { b2: `refused for ${CANARY_KEY}` }))
      .post('/v1/media/collections/c/items').reply(400, seedError('VALIDATION_ERROR', `bad ${CANARY_KEY}`));
    const client = wickson({ apiKey: CANARY_KEY });
    const deleted = await client.deleteItems(['a1', 'b2']);
    const added = await client.addItems('c', ['a1'], { createIfMissing: true });
    expect(deleted.failed).toEqual([{ id: 'b2', reason: 'refused for [REDACTED]' }]);
    expect(added.failed[0]?.reason).toContain('[REDACTED]');
    expectNoCanary(deleted.failed);
    expectNoCanary(added.failed);
  });

  it('a missing key is a CONFIG error naming WICKSON_API_KEY', () => {
    delete process.env.WICKSON_API_KEY;
    let error: unknown;
    try {
      createCollectionClient({ provider: 'wickson', baseUrl: BASE_URL });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'CollectionError', code: 'CONFIG', provider: 'wickson', retryable: false });
    expect((error as Error).message).toContain('WICKSON_API_KEY');
    expect((error as Error).message).toContain('apiKey');
  });

  it('falls back to the WICKSON_API_KEY environment variable', async () => {
    process.env.WICKSON_API_KEY = CANARY_KEY;
    const scope = vendor(CANARY_KEY).get('/v1/media/collections').reply(200, LIST_COLLECTIONS_BODY);
    const client = createCollectionClient({ provider: 'wickson', baseUrl: BASE_URL });
    expect(await client.listCollections()).toHaveLength(4);
    expect(scope.isDone()).toBe(true);
    expectNoCanary(client);
  });
});

describe('wickson input validation happens before any request', () => {
  const BAD_IDS: unknown[] = ['', 'a/b', '..', '.', ' padded', 'tab\there', 'new\nline', 'back\\slash', 'x'.repeat(257), 42, null, undefined, {}];

  it.each(BAD_IDS.map((id) => [inspect(id).slice(0, 30), id]))('rejects id %s everywhere', async (_label, id) => {
    const trap = trapEveryRequest();
    const client = wickson();
    const bad = id as string;
    const calls: Array<Promise<unknown>> = [
      client.getCollection(bad),
      client.deleteCollection(bad),
      client.addItems(bad, ['doc_1']),
      client.addItems('papers', ['doc_1', bad]),
      client.deleteItems(['doc_1', bad]),
      collect(client.listItems(bad)),
    ];
    for (const call of calls) expect((await rejectionOf(call)).code).toBe('INVALID_INPUT');
    expect(trap.count()).toBe(0);
  });

  it('rejects non-array id lists and bad options', async () => {
    const trap = trapEveryRequest();
    const client = wickson();
    const calls: Array<Promise<unknown>> = [
      client.deleteItems('doc_1' as unknown as string[]),
      client.addItems('papers', { 0: 'doc_1' } as unknown as string[]),
      client.deleteItems(['doc_1'], { reason: 5 as unknown as string }),
      client.deleteItems(['doc_1'], { reason: 'r'.repeat(1001) }),
      client.addItems('papers', ['doc_1'], { timeoutMs: 0 }),
      client.listCollections({ signal: 'nope' as unknown as AbortSignal }),
      client.getCollection('papers', 'options' as unknown as object),
    ];
    for (const call of calls) expect((await rejectionOf(call)).code).toBe('INVALID_INPUT');
    expect(trap.count()).toBe(0);
  });

  it('an already-aborted batch sends nothing and reports every id as failed ABORTED', async () => {
    const trap = trapEveryRequest();
    const controller = new AbortController();
    controller.abort();
    const result = await wickson().deleteItems(['a1', 'b2'], { signal: controller.signal });
    expect(result.failed.map((f) => f.code)).toEqual(['ABORTED', 'ABORTED']);
    expect(trap.count()).toBe(0);
  });
});
