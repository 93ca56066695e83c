import { afterAll, afterEach, beforeAll } from '@jest/globals';
import nock from 'nock';

/**
 * Installs nock for one test file and takes it out again afterwards. nock hooks into Node's own
 * fetch, which all test files of a Jest worker share; a file that leaves it active (with net
 * connect disabled and no interceptors) breaks whichever file the worker runs next.
 */
export function useNock(options: { allowLoopback?: boolean } = {}): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    if (options.allowLoopback) nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  });
}
