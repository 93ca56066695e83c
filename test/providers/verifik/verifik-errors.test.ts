import { describe, expect, it } from '@jest/globals';
import { mapVerifikError } from '../../../src/providers/verifik/index.js';
import type { CollectionProvider } from '../../../src/spec/provider.js';
import { COLLECTION_ID, COLLECTIONS_PATH, ERROR_CATALOGUE, PERSONS_PATH, type ErrorRow } from './fixtures.js';
import { collect, rejectionOf, useNock, vendor, verifik } from './helpers.js';

useNock();

/** Calls the endpoint family where the docs show the row, answering it with the row's body. */
function exercise(row: ErrorRow, client: CollectionProvider, count: () => void): Promise<unknown> {
  const reply = (): [number, object] => {
    count();
    return [row.status, row.body];
  };
  if (row.via === 'collection') {
    vendor().get(`${COLLECTIONS_PATH}/${COLLECTION_ID}`).times(5).reply(reply);
    return client.getCollection(COLLECTION_ID);
  }
  vendor().get(PERSONS_PATH).query(true).times(5).reply(reply);
  return collect(client.listItems(COLLECTION_ID));
}

describe('verifik error catalogue (vendor-apis.md §2.2): one test per documented body', () => {
  it.each(ERROR_CATALOGUE.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    let requests = 0;
    // No retries here, so the count shows the mapping alone; retry behaviour is tested below.
    const error = await rejectionOf(exercise(row, verifik({ maxRetries: 0 }), () => { requests += 1; }));
    expect(error.code).toBe(row.code);
    expect(error.status).toBe(row.status);
    expect(error.vendorCode).toBe(row.vendorCode);
    expect(error.provider).toBe('verifik');
    expect(requests).toBe(1);
  });

  it.each(ERROR_CATALOGUE.filter((row) => row.status === 409).map((row) => [row.name, row] as const))(
    '%s is sent exactly once even when retries are allowed',
    async (_name, row) => {
      let requests = 0;
      const error = await rejectionOf(exercise(row, verifik({ maxRetries: 3 }), () => { requests += 1; }));
      expect(requests).toBe(1);
      expect(error.attempts).toBe(1);
      expect(error.retryable).toBe(false);
    },
  );
});

describe('verifik rate limits (undocumented: handled generically)', () => {
  it('a 429 asking for a long wait fails fast with RATE_LIMITED and retryAfterMs', async () => {
    let requests = 0;
    vendor().get(COLLECTIONS_PATH).times(3).reply(() => {
      requests += 1;
      return [429, { message: 'Too many requests' }, { 'retry-after': '120' }];
    });
    const error = await rejectionOf(verifik().listCollections());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 120_000 });
    expect(requests).toBe(1);
  });
});

describe('mapVerifikError details', () => {
  const headers = new Headers();

  it('says an expired token must be renewed', () => {
    const mapped = mapVerifikError({ status: 403, body: { message: 'token_expired', code: 'FORBIDDEN' }, headers }, 0);
    expect(mapped.code).toBe('UNAUTHORIZED');
    expect(mapped.message).toMatch(/expired/);
    expect(mapped.message).toMatch(/renew/);
  });

  it('quotes the vendor message (message ?? error) and keeps body.id as the request id', () => {
    const mapped = mapVerifikError({ status: 409, body: { id: 'REQ42', message: 'name is required', code: 'MissingParameter' }, headers }, 0);
    expect(mapped).toEqual({
      code: 'INVALID_INPUT', vendorCode: 'MissingParameter', requestId: 'REQ42',
      message: 'Verifik rejected the request as invalid (409 MissingParameter): name is required',
    });
    expect(mapVerifikError({ status: 400, body: { error: 'Invalid request' }, headers }, 0).message).toMatch(/: Invalid request$/);
  });

  it('compares codes case-insensitively and treats code ERROR as generic', () => {
    expect(mapVerifikError({ status: 409, body: { message: '409:DUPLICATED_PERSON', code: 'error' }, headers }, 0))
      .toMatchObject({ code: 'CONFLICT', vendorCode: '409:DUPLICATED_PERSON' });
    expect(mapVerifikError({ status: 403, body: { message: 'TOKEN_EXPIRED', code: 'forbidden' }, headers }, 0).code).toBe('UNAUTHORIZED');
  });

  it.each([
    [400, 'INVALID_INPUT'], [401, 'UNAUTHORIZED'], [403, 'FORBIDDEN'], [404, 'NOT_FOUND'], [408, 'TIMEOUT'],
    [409, 'INVALID_INPUT'], [412, 'CONFLICT'], [429, 'RATE_LIMITED'], [500, 'PROVIDER_ERROR'], [502, 'PROVIDER_ERROR'],
    [503, 'PROVIDER_ERROR'], [418, 'PROVIDER_ERROR'],
  ])('a non-JSON %i body maps by status to %s', (status, code) => {
    const mapped = mapVerifikError({ status, body: undefined, headers }, 0);
    expect(mapped.code).toBe(code);
    expect(mapped.vendorCode).toBeUndefined();
    expect(mapped.message).toMatch(new RegExp(`\\(${status}\\) \\(no JSON error body\\)`));
  });

  it('keeps a hostile vendor message to one bounded line', () => {
    const mapped = mapVerifikError({ status: 500, body: { message: `a\nb\u0000c${'x'.repeat(500)}` }, headers }, 0);
    expect(mapped.message).not.toMatch(/[\n\u0000]/);
    expect(mapped.message.length).toBeLessThan(300);
  });

  it('ignores non-string fields and array bodies', () => {
    expect(mapVerifikError({ status: 404, body: { message: 42, code: { x: 1 } }, headers }, 0))
      .toEqual({ code: 'NOT_FOUND', message: 'Verifik resource not found (404) (no JSON error body)' });
    expect(mapVerifikError({ status: 409, body: ['duplicated'], headers }, 0).code).toBe('INVALID_INPUT');
  });
});
