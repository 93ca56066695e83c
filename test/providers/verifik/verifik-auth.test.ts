import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { createCollectionClient } from '../../../src/index.js';
import { BASE_URL, COLLECTION_ID, COLLECTIONS_PATH, PERSONS_PATH, collectionDto, personId } from './fixtures.js';
import { rejectionOf, trapEveryRequest, useNock, vendor, verifik } from './helpers.js';

/** A token that must never show up; '/', '+' and '=' make its encodings differ from it. */
const CANARY = 'vk_canary_9Z/q+Wp=T0k3nXyz';
const CANARY_FORMS = [
  CANARY, encodeURIComponent(CANARY), Buffer.from(CANARY).toString('base64'),
  Buffer.from(CANARY).toString('base64url'), `Bearer ${CANARY}`,
];

function expectNoCanary(value: unknown): void {
  const views = [inspect(value, { depth: 20, showHidden: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) views.push(String(value.stack), value.message, inspect(value.cause, { depth: 20 }));
  for (const view of views) for (const form of CANARY_FORMS) expect(view).not.toContain(form);
}

const LIST = { data: [collectionDto()] };
const saved = { ...process.env };

useNock();
beforeEach(() => {
  delete process.env.VERIFIK_TOKEN;
});
afterEach(() => {
  process.env = { ...saved };
});

describe('verifik token sources', () => {
  it('sends a string token as Bearer on every call', async () => {
    const scope = vendor('static-token-abcdef').get(COLLECTIONS_PATH).twice().reply(200, LIST);
    const client = verifik({ token: 'static-token-abcdef' });
    await client.listCollections();
    await client.listCollections();
    expect(scope.isDone()).toBe(true);
  });

  it('accepts a token that already carries the Bearer prefix', async () => {
    const scope = vendor('prefixed-token-abcdef').get(COLLECTIONS_PATH).reply(200, LIST);
    await verifik({ token: 'Bearer prefixed-token-abcdef' }).listCollections();
    expect(scope.isDone()).toBe(true);
  });

  it('calls a sync token function before every request (rotation)', async () => {
    const tokens = ['rotated-token-one', 'rotated-token-two'];
    let calls = 0;
    const first = vendor(tokens[0]).get(COLLECTIONS_PATH).reply(200, LIST);
    const second = vendor(tokens[1]).get(COLLECTIONS_PATH).reply(200, LIST);
    const client = verifik({ token: () => tokens[calls++]! });
    await client.listCollections();
    await client.listCollections();
    expect(first.isDone() && second.isDone()).toBe(true);
    expect(calls).toBe(2);
  });

  it('awaits an async token function, and a retry picks up the rotated token', async () => {
    let n = 0;
    const first = vendor('async-token-1').get(COLLECTIONS_PATH).reply(503, { message: 'internal_error', code: 'ERROR' });
    const retried = vendor('async-token-2').get(COLLECTIONS_PATH).reply(200, LIST);
    const client = verifik({ token: async () => `async-token-${++n}` });
    const collections = await client.listCollections();
    expect(collections).toHaveLength(1);
    expect(first.isDone() && retried.isDone()).toBe(true);
    expect(n).toBe(2);
  });

  it('reads VERIFIK_TOKEN when no token is configured', async () => {
    process.env.VERIFIK_TOKEN = 'env-token-abcdef';
    const scope = vendor('env-token-abcdef').get(COLLECTIONS_PATH).reply(200, LIST);
    await createCollectionClient({ provider: 'verifik', baseUrl: BASE_URL }).listCollections();
    expect(scope.isDone()).toBe(true);
  });

  it('fails with CONFIG naming VERIFIK_TOKEN when there is no token at all', () => {
    expect(() => createCollectionClient({ provider: 'verifik', baseUrl: BASE_URL }))
      .toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining('VERIFIK_TOKEN') }));
  });

  it('refuses a token with whitespace inside at creation, without quoting it', () => {
    let caught: unknown;
    try {
      createCollectionClient({ provider: 'verifik', token: `${CANARY} ${CANARY}`, baseUrl: BASE_URL });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'CONFIG' });
    expectNoCanary(caught);
  });

  it('a token function that throws gives UNAUTHORIZED, sends nothing and leaks nothing', async () => {
    const trap = trapEveryRequest();
    const client = verifik({ token: () => { throw new Error(`refresh failed for ${CANARY}`); } });
    const error = await rejectionOf(client.getCollection(COLLECTION_ID));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(trap.count()).toBe(0);
    expectNoCanary(error);
    // In a batch it is a failure (nothing was sent), not an unknown.
    const result = await client.deleteItems([personId(1)]);
    expect(result.failed).toEqual([expect.objectContaining({ id: personId(1), code: 'UNAUTHORIZED' })]);
    expect(trap.count()).toBe(0);
  });

  it.each([
    ['an empty string', ''],
    ['blanks', '   '],
    ['a non-string', 42],
  ])('a token function returning %s gives CONFIG before any request', async (_label, value) => {
    const trap = trapEveryRequest();
    const error = await rejectionOf(verifik({ token: async () => value as string }).listCollections());
    expect(error.code).toBe('CONFIG');
    expect(trap.count()).toBe(0);
  });
});

describe('verifik token secrecy', () => {
  it('util.inspect of the client never shows the token (string or function)', () => {
    for (const token of [CANARY, () => CANARY]) {
      const client = verifik({ token });
      expectNoCanary(client);
      expect(inspect(client, { depth: 20, showHidden: true })).toContain('verifik');
    }
  });

  it.each([
    ['a string', CANARY],
    ['a function', () => CANARY],
  ])('with %s token, an error body echoing it is redacted everywhere', async (_label, token) => {
    const echo = {
      message: `invalid token Bearer ${CANARY} (${Buffer.from(CANARY).toString('base64')})`,
      code: CANARY,
      id: encodeURIComponent(CANARY),
    };
    vendor(CANARY).get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).reply(401, echo);
    vendor(CANARY).delete(`${PERSONS_PATH}/${personId(1)}`).reply(403, { message: 'token_expired', code: 'FORBIDDEN', data: CANARY });
    const client = verifik({ token });

    const error = await rejectionOf(client.getCollection(COLLECTION_ID));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain('[REDACTED]');
    expectNoCanary(error);

    const result = await client.deleteItems([personId(1)]);
    expect(result.failed).toEqual([expect.objectContaining({ code: 'UNAUTHORIZED', reason: expect.stringMatching(/expired/) })]);
    expectNoCanary(result);
  });

  it('a network failure does not leak the token either', async () => {
    vendor(CANARY).get(COLLECTIONS_PATH).times(3).replyWithError(
      // A real Error: nock 15 with fetch hangs on a plain object.
      Object.assign(new Error(`socket hang up ${CANARY}`), { code: 'ECONNRESET' }),
    );
    const error = await rejectionOf(verifik({ token: CANARY }).listCollections());
    expect(error.code).toBe('NETWORK');
    expectNoCanary(error);
  });
});
