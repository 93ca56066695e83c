import { describe, expect, it } from '@jest/globals';
import {
  COLLECTION_ID, DELETE_PERSON_RESPONSE, OTHER_COLLECTION_ID, PERSONS_PATH, THIRD_COLLECTION_ID,
  olderPersonEnvelope, personDto, personEnvelope, personId,
} from './fixtures.js';
import { useNock, vendor, verifik } from './helpers.js';

useNock();

const NOT_FOUND_BODY = { error: 'Person not found', message: 'PERSON_NOT_FOUND' };

describe('verifik addItems', () => {
  it('reads each person and PUTs the full set plus the collection; members already in it get no PUT', async () => {
    const [a, b] = [personId(1), personId(2)];
    const updated = personEnvelope(personDto(a, [OTHER_COLLECTION_ID, THIRD_COLLECTION_ID, COLLECTION_ID]));
    const scope = vendor()
      // a is in two other collections: both must survive the write.
      .get(`${PERSONS_PATH}/${a}`).reply(200, personEnvelope(personDto(a, [OTHER_COLLECTION_ID, THIRD_COLLECTION_ID])))
      .put(`${PERSONS_PATH}/${a}`, { collections: [OTHER_COLLECTION_ID, THIRD_COLLECTION_ID, COLLECTION_ID] })
      .reply(200, updated)
      // b is already a member (populated form): no PUT.
      .get(`${PERSONS_PATH}/${b}`).reply(200, olderPersonEnvelope(personDto(b, [{ _id: COLLECTION_ID, name: 'VIP' }])));

    const result = await verifik().addItems(COLLECTION_ID, [a, b, a]);

    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({
      provider: 'verifik', requested: 2, ok: true, succeeded: [a, b], failed: [], unknown: [],
      moved: 1, alreadyInCollection: 1,
    });
    expect(result.raw).toContainEqual(updated);
    expect(result.raw).toHaveLength(2);
  });

  it('turns populated collection objects into ids in the PUT body', async () => {
    const a = personId(1);
    const scope = vendor()
      .get(`${PERSONS_PATH}/${a}`).reply(200, personEnvelope(personDto(a, [{ _id: OTHER_COLLECTION_ID, name: 'Staff', code: 'x' }])))
      .put(`${PERSONS_PATH}/${a}`, { collections: [OTHER_COLLECTION_ID, COLLECTION_ID] })
      .reply(200, personEnvelope(personDto(a, [OTHER_COLLECTION_ID, COLLECTION_ID])));
    const result = await verifik().addItems(COLLECTION_ID, [a]);
    expect(scope.isDone()).toBe(true);
    expect(result.succeeded).toEqual([a]);
  });

  it('links a person with no collections (empty array or null)', async () => {
    const [a, b] = [personId(1), personId(2)];
    const scope = vendor()
      .get(`${PERSONS_PATH}/${a}`).reply(200, personEnvelope(personDto(a, [])))
      .put(`${PERSONS_PATH}/${a}`, { collections: [COLLECTION_ID] }).reply(200, personEnvelope(personDto(a)))
      .get(`${PERSONS_PATH}/${b}`).reply(200, personEnvelope(personDto(b, [], { collections: null })))
      .put(`${PERSONS_PATH}/${b}`, { collections: [COLLECTION_ID] }).reply(200, personEnvelope(personDto(b)));
    const result = await verifik().addItems(COLLECTION_ID, [a, b]);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ ok: true, moved: 2, alreadyInCollection: 0 });
  });

  it('refuses to write when the person record lacks `collections` (the write could unlink others)', async () => {
    const a = personId(1);
    const person = personDto(a);
    delete person.collections;
    const scope = vendor().get(`${PERSONS_PATH}/${a}`).reply(200, personEnvelope(person));
    const result = await verifik().addItems(COLLECTION_ID, [a]);
    expect(scope.isDone()).toBe(true);
    expect(result.failed).toEqual([expect.objectContaining({ id: a, code: 'INVALID_RESPONSE' })]);
  });

  it('a 404 on the read is failed NOT_FOUND, and nothing is written', async () => {
    const a = personId(1);
    const scope = vendor().get(`${PERSONS_PATH}/${a}`).reply(404, NOT_FOUND_BODY);
    const result = await verifik().addItems(COLLECTION_ID, [a]);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ ok: false, succeeded: [], unknown: [], failed: [{ id: a, code: 'NOT_FOUND' }] });
  });

  it('a refused PUT (409) is failed; a PUT that keeps failing with 5xx is unknown', async () => {
    const [a, b] = [personId(1), personId(2)];
    let putsForA = 0;
    const scope = vendor()
      .get(`${PERSONS_PATH}/${a}`).reply(200, personEnvelope(personDto(a, [])))
      .put(`${PERSONS_PATH}/${a}`).times(3).reply(() => {
        putsForA += 1;
        return [409, { message: 'collections must be an array', code: 'MissingParameter' }];
      })
      .get(`${PERSONS_PATH}/${b}`).reply(200, personEnvelope(personDto(b, [])))
      .put(`${PERSONS_PATH}/${b}`).times(3).reply(500, { message: 'internal_error', code: 'ERROR' });
    const result = await verifik().addItems(COLLECTION_ID, [a, b], {});
    expect(putsForA).toBe(1);
    expect(result.failed).toEqual([expect.objectContaining({ id: a, code: 'INVALID_INPUT' })]);
    expect(result.unknown).toEqual([b]);
    expect(scope.pendingMocks()).toEqual([expect.stringContaining(`PUT`)]);
  });

  it('reports progress per person', async () => {
    const [a, b] = [personId(1), personId(2)];
    vendor()
      .get(`${PERSONS_PATH}/${a}`).reply(200, personEnvelope(personDto(a)))
      .get(`${PERSONS_PATH}/${b}`).reply(200, personEnvelope(personDto(b)));
    const progress: number[] = [];
    await verifik({ concurrency: 1 }).addItems(COLLECTION_ID, [a, b], { onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([1, 2]);
  });

  it('keeps at most `concurrency` persons in flight', async () => {
    const ids = [1, 2, 3, 4, 5, 6].map(personId);
    let inFlight = 0;
    let peak = 0;
    const scope = vendor().get(new RegExp(`^${PERSONS_PATH}/`)).times(ids.length).reply(async (request: Request) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 15));
      inFlight -= 1;
      return [200, personEnvelope(personDto(new URL(request.url).pathname.split('/').pop()!))];
    });
    const result = await verifik({ concurrency: 2 }).addItems(COLLECTION_ID, ids);
    expect(scope.isDone()).toBe(true);
    expect(result.alreadyInCollection).toBe(6);
    expect(peak).toBe(2);
  });
});

describe('verifik deleteItems', () => {
  it('DELETEs each person without a query or body; first-attempt 404 is failed NOT_FOUND', async () => {
    const [a, b] = [personId(1), personId(2)];
    const bodies: string[] = [];
    const scope = vendor()
      .delete(`${PERSONS_PATH}/${a}`).query({}).reply(async (request: Request) => {
        bodies.push(await request.text());
        return [200, DELETE_PERSON_RESPONSE(a)];
      })
      .delete(`${PERSONS_PATH}/${b}`).query({}).reply(404, NOT_FOUND_BODY);

    const result = await verifik().deleteItems([a, b], { reason: 'cleanup' });

    expect(scope.isDone()).toBe(true);
    // `reason` has no Verifik counterpart: nothing is sent.
    expect(bodies).toEqual(['']);
    expect(result).toMatchObject({
      requested: 2, ok: false, succeeded: [a], unknown: [],
      failed: [{ id: b, code: 'NOT_FOUND' }], raw: [DELETE_PERSON_RESPONSE(a)],
    });
  });

  it('a 404 after a lost response (retry) means it is already gone: succeeded', async () => {
    const a = personId(1);
    const scope = vendor()
      .delete(`${PERSONS_PATH}/${a}`).reply(502, '<html>bad gateway</html>')
      .delete(`${PERSONS_PATH}/${a}`).reply(404, NOT_FOUND_BODY);
    const result = await verifik().deleteItems([a]);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ ok: true, succeeded: [a], failed: [], unknown: [] });
  });

  it('a 204 No Content is succeeded too', async () => {
    const a = personId(1);
    const scope = vendor().delete(`${PERSONS_PATH}/${a}`).reply(204);
    const result = await verifik().deleteItems([a]);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ ok: true, succeeded: [a], raw: [] });
  });

  it('retries a 500 and reports unknown when it never succeeds', async () => {
    const a = personId(1);
    let hits = 0;
    vendor().delete(`${PERSONS_PATH}/${a}`).times(3).reply(() => {
      hits += 1;
      return [500, { message: 'internal_error', code: 'ERROR' }];
    });
    const result = await verifik().deleteItems([a]);
    expect(hits).toBe(3);
    expect(result).toMatchObject({ ok: false, succeeded: [], failed: [], unknown: [a] });
  });

  it('sends nothing for an empty list', async () => {
    const result = await verifik().deleteItems([]);
    expect(result).toEqual({
      provider: 'verifik', operation: 'deleteItems', requested: 0, ok: true, succeeded: [], failed: [], unknown: [], raw: [],
    });
  });

  it('an already-aborted signal sends nothing and reports every id failed ABORTED', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await verifik().deleteItems([personId(1), personId(2)], { signal: controller.signal });
    expect(result.failed.map((f) => f.code)).toEqual(['ABORTED', 'ABORTED']);
  });
});
