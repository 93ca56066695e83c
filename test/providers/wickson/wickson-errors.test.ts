import { describe, expect, it } from '@jest/globals';
import { useNock } from '../../support/use-nock.js';
import { mapWicksonError } from '../../../src/providers/wickson/wickson-error-mapper.js';
import type { CollectionProvider } from '../../../src/spec/provider.js';
import { LIST_COLLECTIONS_BODY, SEED_ERROR_ROWS, flatRateLimitBody, seedError } from './fixtures.js';
import { fakeClock, rejectionOf, vendor, wickson } from './helpers.js';

useNock();

const NOW = 1_741_000_000_000;
const info = (status: number, body: unknown) => ({ status, body, headers: new Headers() });

describe('mapWicksonError (pure)', () => {
  it('reads the seed envelope', () => {
    expect(mapWicksonError(info(404, seedError('COLLECTION_NOT_FOUND', 'Collection not found', 'req_1', "No collection 'x'")), NOW)).toEqual({
      code: 'NOT_FOUND',
      message: "Wickson: Collection not found (COLLECTION_NOT_FOUND): No collection 'x'",
      vendorCode: 'COLLECTION_NOT_FOUND',
      requestId: 'req_1',
    });
  });

  it('reads the flat rate-limit envelope and turns reset_time into retryAfterMs', () => {
    expect(mapWicksonError(info(429, flatRateLimitBody(NOW / 1000 + 90)), NOW)).toEqual({
      code: 'RATE_LIMITED',
      message: 'Wickson: Rate limit exceeded (rate_limit_error)',
      vendorCode: 'rate_limit_error',
      requestId: 'req_ratelimit_42',
      retryAfterMs: 90_000,
    });
    // A reset already past means "go now", never a negative wait.
    expect(mapWicksonError(info(429, flatRateLimitBody(NOW / 1000 - 5)), NOW).retryAfterMs).toBe(0);
  });

  it('maps by HTTP status first', () => {
    const code = (status: number, vendorCode = 'WHATEVER') => mapWicksonError(info(status, seedError(vendorCode, 'm')), NOW).code;
    expect(code(400)).toBe('INVALID_INPUT');
    expect(code(400, 'CANNOT_DELETE_DEFAULT')).toBe('PROTECTED_COLLECTION');
    expect(code(401)).toBe('UNAUTHORIZED');
    expect(code(403)).toBe('FORBIDDEN');
    expect(code(404)).toBe('NOT_FOUND');
    expect(code(409)).toBe('CONFLICT');
    expect(code(429)).toBe('RATE_LIMITED');
    expect(code(408)).toBe('TIMEOUT');
    expect(code(500)).toBe('PROVIDER_ERROR');
    expect(code(503)).toBe('PROVIDER_ERROR');
    expect(code(418)).toBe('PROVIDER_ERROR');
    // A vendor code never overrides the status (a 404 saying CANNOT_DELETE_DEFAULT is a 404).
    expect(code(404, 'CANNOT_DELETE_DEFAULT')).toBe('NOT_FOUND');
  });

  it('copes with non-JSON, odd and oversized bodies', () => {
    expect(mapWicksonError(info(502, undefined), NOW)).toEqual({ code: 'PROVIDER_ERROR', message: 'Wickson: HTTP 502 without an error description' });
    expect(mapWicksonError(info(500, ['x']), NOW).message).toBe('Wickson: HTTP 500 without an error description');
    expect(mapWicksonError(info(400, { error: 'Invalid request' }), NOW).message).toBe('Wickson: Invalid request');
    expect(mapWicksonError(info(401, { code: 'INVALID_API_KEY' }), NOW).message).toBe('Wickson: HTTP 401 (INVALID_API_KEY)');
    const long = mapWicksonError(info(400, { message: `a\nb${'x'.repeat(1000)}` }), NOW).message;
    expect(long.length).toBeLessThan(320);
    // A word cut through is dropped whole: a cut never shows part of an unknown token.
    expect(long).toMatch(/^Wickson: a…$/);
  });
});

/** Calls the method a seed page documents; batch methods report the error per id instead. */
async function callPage(client: CollectionProvider, page: (typeof SEED_ERROR_ROWS)[number]['page']) {
  switch (page) {
    case 'delete-collection': return client.deleteCollection('research_papers');
    case 'list-collections': return client.listCollections();
    case 'batch-delete': return client.deleteItems(['vec-123abc', 'vec-456def']);
    case 'add-items': return client.addItems('research_papers', ['doc_1', 'img_2'], { createIfMissing: true });
  }
}

function intercept(page: (typeof SEED_ERROR_ROWS)[number]['page'], times: number, status: number, body: unknown) {
  const scope = vendor();
  const route = {
    'delete-collection': () => scope.delete('/v1/media/collections/research_papers'),
    'list-collections': () => scope.get('/v1/media/collections'),
    'batch-delete': () => scope.delete('/v1/media/batch'),
    'add-items': () => scope.post('/v1/media/collections/research_papers/items'),
  }[page];
  return route().times(times).reply(status, body);
}

const EXPECTED: Record<number, string> = { 400: 'INVALID_INPUT', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 429: 'RATE_LIMITED', 500: 'PROVIDER_ERROR' };

describe('every error in the seeds\' tables', () => {
  it.each(SEED_ERROR_ROWS)('$page: $status $code', async ({ page, status, code }) => {
    const retried = status === 429 || status >= 500;
    const attempts = retried ? 3 : 1;
    const scope = intercept(page, attempts, status, seedError(code, `vendor says ${code}`, `req_${code}`));
    const expectedCode = code === 'CANNOT_DELETE_DEFAULT' ? 'PROTECTED_COLLECTION' : EXPECTED[status];
    const outcome = callPage(wickson(), page);

    if (page === 'batch-delete' || page === 'add-items') {
      const result = await outcome as Awaited<ReturnType<CollectionProvider['deleteItems']>>;
      expect(scope.isDone()).toBe(true);
      expect(result.ok).toBe(false);
      if (status >= 500) {
        // The server may have acted before failing: nobody can say what happened.
        expect(result.unknown).toHaveLength(2);
        expect(result.failed).toEqual([]);
      } else {
        // A 4xx (and a 429) certainly changed nothing.
        expect(result.unknown).toEqual([]);
        expect(result.failed.map((f) => f.code)).toEqual([expectedCode, expectedCode]);
        expect(result.failed[0]?.reason).toBe(`Wickson: vendor says ${code} (${code}): error details`);
      }
      return;
    }
    const error = await rejectionOf(outcome);
    expect(scope.isDone()).toBe(true);
    expect(error).toMatchObject({
      name: 'CollectionError',
      provider: 'wickson',
      code: expectedCode,
      status,
      vendorCode: code,
      requestId: `req_${code}`,
      attempts,
      message: `Wickson: vendor says ${code} (${code}): error details`,
    });
  });
});

describe('the flat 429 with details.reset_time', () => {
  it('fails fast with RATE_LIMITED and retryAfterMs when the reset is an hour away', async () => {
    const clock = fakeClock(NOW);
    const scope = vendor().get('/v1/media/collections').reply(429, flatRateLimitBody(NOW / 1000 + 3600));
    const error = await rejectionOf(wickson({ clock }).listCollections());
    expect(scope.isDone()).toBe(true);
    expect(error).toMatchObject({
      code: 'RATE_LIMITED', status: 429, vendorCode: 'rate_limit_error', requestId: 'req_ratelimit_42',
      retryAfterMs: 3_600_000, attempts: 1, retryable: true,
    });
    expect(clock.waits).toEqual([]);
  });

  it('waits until reset_time, then retries and succeeds', async () => {
    const clock = fakeClock(NOW);
    const scope = vendor()
      .get('/v1/media/collections').reply(429, flatRateLimitBody(NOW / 1000 + 2))
      .get('/v1/media/collections').reply(200, LIST_COLLECTIONS_BODY);
    const collections = await wickson({ clock }).listCollections();
    expect(scope.isDone()).toBe(true);
    expect(collections).toHaveLength(4);
    expect(clock.waits).toEqual([2000]);
  });

  it('after retries are exhausted, reports RATE_LIMITED with the last wait asked for', async () => {
    const clock = fakeClock(NOW);
    const scope = vendor().get('/v1/media/collections').times(3)
      .reply(() => [429, flatRateLimitBody(Math.floor(clock.t() / 1000) + 1)]);
    const error = await rejectionOf(wickson({ clock }).listCollections());
    expect(scope.isDone()).toBe(true);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', attempts: 3, retryAfterMs: 1000, vendorCode: 'rate_limit_error' });
    expect(clock.waits).toEqual([1000, 1000]);
  });

  it('in a batch, a fail-fast 429 leaves the chunk failed with RATE_LIMITED (nothing happened)', async () => {
    const clock = fakeClock(NOW);
    vendor().delete('/v1/media/batch').reply(429, flatRateLimitBody(NOW / 1000 + 3600));
    const result = await wickson({ clock }).deleteItems(['vec-1a']);
    expect(result.failed).toEqual([{ id: 'vec-1a', code: 'RATE_LIMITED', reason: 'Wickson: Rate limit exceeded (rate_limit_error)' }]);
  });
});
