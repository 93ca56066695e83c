import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import { createCollectionClient } from '../../src/index.js';
import type { CollectionProvider } from '../../src/spec/provider.js';
import { collectionDto, COLLECTION_ID, COLLECTIONS_PATH, PERSONS_PATH, personId } from '../providers/verifik/fixtures.js';
import {
  arbitraryChoices, arbitraryMarkedKey, decodedReadings, encode, errorRenderings, findFragment, prose,
  stringsIn, type Scheme,
} from '../support/leaks.js';
import { rejectionOf } from '../support/test-helpers.js';
import { useNock } from '../support/use-nock.js';

// Figure 10 end to end, through both providers: vendor text is redacted before it is cut or
// quoted (class 1), a client never forgets a token it used (class 4), and echoed credentials are
// found in decoded values and decoded excerpts (class 5).

useNock();
jest.setTimeout(180_000);

const WICKSON = 'https://api.wickson.ai';
const VERIFIK = 'https://api.verifik.co';
/** Header-safe, with the characters that make encodings differ; every 6-window is distinctive. */
const W_KEY = 'Wk&<>+/=Zq9Lx7Vb3Nm5Tr1Hy4Jp';
const V_KEY = 'Vt&<>+/=Qw8Er2Ty6Ui0Op3As5Df';
/** Every offset of the key in the quoted text, well past the 200/300-character cuts. */
const OFFSETS = Array.from({ length: 401 }, (_, offset) => offset);

function wickson(apiKey = W_KEY): CollectionProvider {
  return createCollectionClient({ provider: 'wickson', apiKey, baseUrl: WICKSON, retryDelayMs: 1, maxRetries: 0 });
}

function verifik(token: string | (() => string) = V_KEY): CollectionProvider {
  return createCollectionClient({ provider: 'verifik', token, baseUrl: VERIFIK, retryDelayMs: 1, maxRetries: 0 });
}

/** The key after `offset` characters of prose (tagged per field, so no two fields are equal). */
const quoting = (key: string, offset: number, tag: string) => `${prose(offset, tag)}${key} please check it`;

/** JSON as Go's encoder writes it: <, > and & as \u003c, \u003e, \u0026. */
const goJson = (value: unknown) => JSON.stringify(value).replaceAll('&', '\\u0026').replaceAll('<', '\\u003c').replaceAll('>', '\\u003e');

/** Runs `check` for every offset and reports every offset that leaked, not just the first. */
async function sweep(check: (offset: number) => Promise<string | undefined>): Promise<void> {
  const leaks: string[] = [];
  for (const offset of OFFSETS) {
    const leak = await check(offset);
    if (leak !== undefined) leaks.push(`offset ${offset}: ${leak}`);
  }
  expect(leaks.slice(0, 5)).toEqual([]);
}

describe('class 1: a credential quoted after prose is redacted before any field is cut', () => {
  const future = () => Math.floor(Date.now() / 1000) + 3600;
  const WICKSON_ERRORS: Array<[string, number, (offset: number) => object]> = [
    ['seed envelope {message, error:{code, details:{specific, request_id}}}', 400, (k) => ({
      success: false,
      message: quoting(W_KEY, k, 'm'),
      error: { code: quoting(W_KEY, k, 'c'), details: { specific: quoting(W_KEY, k, 's'), request_id: quoting(W_KEY, k, 'r') } },
    })],
    ['flat 429 {code, message, details, request_id}', 429, (k) => ({
      success: false, code: quoting(W_KEY, k, 'c'), message: quoting(W_KEY, k, 'm'), status_code: 429,
      details: { reset_time: future(), specific: quoting(W_KEY, k, 's') }, request_id: quoting(W_KEY, k, 'r'),
    })],
    ['nested {error:{message, code, request_id}}', 403, (k) => ({
      error: { message: quoting(W_KEY, k, 'm'), code: quoting(W_KEY, k, 'c'), request_id: quoting(W_KEY, k, 'r') },
    })],
    ['gateway {error: string}', 404, (k) => ({ error: quoting(W_KEY, k, 'e') })],
  ];

  it.each(WICKSON_ERRORS)('Wickson %s: message, vendorCode, requestId, stack, inspect, JSON', async (_label, status, body) => {
    let shown = '';
    await sweep(async (offset) => {
      nock(WICKSON).matchHeader('x-api-key', W_KEY).get('/v1/media/collections').reply(status, body(offset));
      // A fresh client each time: a 429 an hour long would otherwise hold the next request.
      const error = await rejectionOf(wickson().listCollections());
      expect(error.status).toBe(status);
      if (offset === 0) shown = error.message;
      return findFragment(errorRenderings(error), W_KEY);
    });
    // The vendor's text is quoted (redacted), so the test is not passing on an empty message.
    expect(shown).toContain('[REDACTED]');
  });

  it('Wickson batch delete in Go-style JSON: per-item failure reasons and codes (string and {message|code|reason} forms)', async () => {
    const ids = ['m-001', 'm-002', 'm-003', 'm-004', 'm-005'];
    const client = wickson();
    await sweep(async (offset) => {
      const reasons = {
        'm-001': quoting(W_KEY, offset, 'a'),
        'm-002': { message: quoting(W_KEY, offset, 'b') },
        'm-003': { code: quoting(W_KEY, offset, 'c') },
        'm-004': { reason: quoting(W_KEY, offset, 'd') },
      };
      const body = {
        success: true,
        message: quoting(W_KEY, offset, 'm'),
        data: {
          deleted: { count: 1, media_ids: ['m-005'] },
          failed: { count: 4, media_ids: Object.keys(reasons), reasons },
        },
      };
      // As a Go server writes it (HTML-safe escapes), so no look at the raw text can spot the key.
      nock(WICKSON).matchHeader('x-api-key', W_KEY).delete('/v1/media/batch').reply(200, goJson(body), { 'content-type': 'application/json' });
      const result = await client.deleteItems(ids);
      expect(result.failed.map((f) => f.id).sort()).toEqual(Object.keys(reasons));
      const texts = [
        ...result.failed.flatMap((f) => [f.reason, f.code ?? '']),
        JSON.stringify(result), inspect(result, { depth: 20 }),
      ];
      return findFragment(texts, W_KEY);
    });
  });

  const VERIFIK_ERRORS: Array<[string, number, (offset: number) => object]> = [
    ['{message, code, id}', 400, (k) => ({ message: quoting(V_KEY, k, 'm'), code: quoting(V_KEY, k, 'c'), id: quoting(V_KEY, k, 'i') })],
    ['{error, message, code: ERROR}', 404, (k) => ({ error: quoting(V_KEY, k, 'e'), message: quoting(V_KEY, k, 'm'), code: 'ERROR' })],
    ['{error}', 409, (k) => ({ error: quoting(V_KEY, k, 'e') })],
  ];

  it.each(VERIFIK_ERRORS)('Verifik %s: message, vendorCode, requestId, stack, inspect, JSON', async (_label, status, body) => {
    const client = verifik();
    let shown = '';
    await sweep(async (offset) => {
      nock(VERIFIK).matchHeader('authorization', `Bearer ${V_KEY}`).get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(status, body(offset));
      const error = await rejectionOf(client.getCollection(COLLECTION_ID));
      expect(error.status).toBe(status);
      if (offset === 0) shown = error.message;
      return findFragment(errorRenderings(error), V_KEY);
    });
    expect(shown).toContain('[REDACTED]');
  });

  it('Verifik deleteItems: the per-item failure reason built from an echoing error', async () => {
    const client = verifik();
    const id = personId(1);
    await sweep(async (offset) => {
      nock(VERIFIK).delete(`${PERSONS_PATH}/${id}`).reply(400, { message: quoting(V_KEY, offset, 'm'), code: quoting(V_KEY, offset, 'c') });
      const result = await client.deleteItems([id]);
      expect(result.failed.map((f) => f.id)).toEqual([id]);
      return findFragment([...result.failed.map((f) => f.reason), JSON.stringify(result), inspect(result, { depth: 20 })], V_KEY);
    });
  });
});

describe('class 4: a client never forgets a token it used', () => {
  it('after 1,000 rotations through a Verifik token function, the first token is still redacted from raw, data and errors', async () => {
    const tokens = Array.from({ length: 1_001 }, (_, i) => `vk_rot_${i}_${randomBytes(15).toString('base64url')}`);
    let calls = 0;
    const client = verifik(() => tokens[calls++]!);
    const seen: string[] = [];
    nock(VERIFIK).persist().get(COLLECTIONS_PATH).reply(async (request: Request) => {
      const auth = request.headers.get('authorization') ?? '';
      seen.push(auth);
      // The Authorization header echoed back, this one's and the very first one's, in a success body.
      return [200, { data: [collectionDto({ name: 'VIP', description: `you sent ${auth}; before that ${seen[0]}` })] }];
    });
    const leaks: string[] = [];
    for (let i = 0; i < 1_000; i += 1) {
      const collections = await client.listCollections();
      const texts = [JSON.stringify(collections), ...stringsIn(collections)];
      for (const token of [tokens[0]!, tokens[i]!]) {
        const leak = findFragment(texts, token);
        if (leak !== undefined) leaks.push(`rotation ${i}: ${leak}`);
      }
    }
    expect(leaks.slice(0, 5)).toEqual([]);
    expect(seen[0]).toBe(`Bearer ${tokens[0]}`);
    expect(seen).toHaveLength(1_000);

    nock.cleanAll();
    nock(VERIFIK).get(COLLECTIONS_PATH).reply(401, {
      code: 'Unauthorized', message: `Invalid token ${seen[0]} (also ${encodeURIComponent(tokens[0]!)})`, id: tokens[0],
    });
    const error = await rejectionOf(client.listCollections());
    expect(error.message).toContain('[REDACTED]');
    expect(findFragment(errorRenderings(error), tokens[0]!)).toBeUndefined();
  });

  it('a JWT the client never used (another client\'s, a renewed one) is redacted from raw and errors too', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const foreign = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'someone-else', exp: 2_000_000_000 })}.${randomBytes(32).toString('base64url')}`;
    const [, payload, signature] = foreign.split('.');
    nock(VERIFIK)
      .get(COLLECTIONS_PATH).reply(200, { data: [collectionDto({ description: `renewed: ${foreign}` })] })
      .get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(403, { message: `token ${foreign} is not yours`, code: 'Forbidden' });
    const client = verifik();
    const collections = await client.listCollections();
    const error = await rejectionOf(client.getCollection(COLLECTION_ID));
    for (const text of [JSON.stringify(collections), ...errorRenderings(error)]) {
      expect(text).not.toContain(payload);
      expect(text).not.toContain(signature);
    }
    expect(collections[0]?.raw).toMatchObject({ description: 'renewed: [REDACTED]' });
  });
});

describe('class 5: credentials echoed with escapes are found in the decoded values', () => {
  it("Go's HTML-safe JSON (\\u0026 \\u003c \\u003e) in a successful Wickson body never reaches raw or data", async () => {
    const body = goJson({
      success: true, message: `details for key ${W_KEY}`,
      data: { collection_id: 'research_papers', stats: { item_count: 3, note: W_KEY, [W_KEY]: 1 } },
    });
    expect(body).not.toContain('&');
    nock(WICKSON).matchHeader('x-api-key', W_KEY).get('/v1/media/collections/research_papers')
      .reply(200, body, { 'content-type': 'application/json' });
    const collection = await wickson().getCollection('research_papers');
    expect(JSON.stringify(JSON.parse(body))).toContain(W_KEY);
    expect(findFragment([...stringsIn(collection.raw), JSON.stringify(collection)], W_KEY)).toBeUndefined();
    expect(collection.raw).toMatchObject({ message: 'details for key [REDACTED]', data: { stats: { note: '[REDACTED]', '[REDACTED]': 1 } } });
  });

  it('random visible-ASCII keys, escaped per character, in successful and error bodies of both vendors', async () => {
    await fc.assert(fc.asyncProperty(
      arbitraryMarkedKey, arbitraryChoices, fc.constantFrom<Scheme>('json', 'url-in-json'), fc.nat({ max: 320 }),
      async (key, choices, scheme, offset) => {
        const escaped = encode(key, scheme, choices);
        const quoted = `${prose(offset)}${escaped} end`;
        nock(WICKSON).get('/v1/media/collections/c1')
          .reply(200, `{"success":true,"message":"${quoted}","data":{"collection_id":"c1","stats":{"item_count":1}}}`, { 'content-type': 'application/json' })
          .get('/v1/media/collections/c2')
          .reply(400, `{"success":false,"message":"${quoted}","error":{"code":"${escaped}","details":{"request_id":"${quoted}"}}}`, { 'content-type': 'application/json' });
        nock(VERIFIK).get(COLLECTIONS_PATH)
          .reply(200, `{"data":[{"_id":"${COLLECTION_ID}","name":"VIP","description":"${quoted}"}]}`, { 'content-type': 'application/json' })
          .get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`)
          .reply(409, `{"message":"${quoted}","code":"${escaped}","id":"${quoted}"}`, { 'content-type': 'application/json' });
        const w = wickson(key);
        const v = verifik(key);
        const texts = [
          JSON.stringify(await w.getCollection('c1')),
          ...errorRenderings(await rejectionOf(w.getCollection('c2'))),
          JSON.stringify(await v.listCollections()),
          ...errorRenderings(await rejectionOf(v.getCollection(COLLECTION_ID))),
        ];
        expect(findFragment(texts.flatMap(decodedReadings), key)).toBeUndefined();
        nock.cleanAll();
      },
    ), { numRuns: 120 });
  });

  it('the excerpt of an unparseable body holds no credential form, in URL, form, JSON or HTML encodings, wherever the cut falls', async () => {
    await fc.assert(fc.asyncProperty(
      arbitraryMarkedKey, arbitraryChoices, fc.constantFrom<Scheme>('json', 'url', 'html', 'url-in-json'), fc.nat({ max: 160 }),
      async (key, choices, scheme, offset) => {
        const body = `${prose(offset)}${encode(key, scheme, choices)} and more text after it`;
        nock(WICKSON).get('/v1/media/collections').reply(200, body, { 'content-type': 'text/plain' });
        const error = await rejectionOf(wickson(key).listCollections());
        expect(error.code).toBe('INVALID_RESPONSE');
        expect(findFragment(errorRenderings(error).flatMap(decodedReadings), key)).toBeUndefined();
        nock.cleanAll();
      },
    ), { numRuns: 300 });
  });
});
