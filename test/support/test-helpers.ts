import nock from 'nock';

/** Answers every request to `origin` with a 599 and counts them: proves bad input sends nothing. */
export function trapEveryRequest(origin: string): { count: () => number } {
  let hits = 0;
  const scope = nock(origin).persist();
  const reply = (): [number, object] => {
    hits += 1;
    return [599, {}];
  };
  scope.get(/.*/).reply(reply);
  scope.post(/.*/).reply(reply);
  scope.put(/.*/).reply(reply);
  scope.delete(/.*/).reply(reply);
  return { count: () => hits };
}

export { collect, rejectionOf } from './promises.js';
