import { afterAll, beforeAll, describe, it } from '@jest/globals';
import {
  findRedisServer, REDIS_INSTALL_COMMAND, type RedisServer, START_TIMEOUT_MS, startRedisServer, STOP_TIMEOUT_MS,
} from './redis-process.js';

export { findRedisServer, REDIS_INSTALL_COMMAND, type RedisServer, startRedisServer };

/**
 * A real redis-server per test file, on a free loopback port, with no persistence. Nothing is
 * installed from here: without the binary the tests are skipped with a notice naming the install
 * command, except under CI=true, where a missing Redis fails the run (.ci/run installs it).
 */

/**
 * `describe` with one redis-server started before the block's tests and stopped after them.
 * `redis()` returns it inside tests and hooks.
 */
export function describeWithRedis(
  name: string, body: (redis: () => RedisServer) => void, options: { password?: string } = {},
): void {
  const binary = findRedisServer();
  if (binary === undefined) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('needs redis-server (CI=true)', () => {
          throw new Error(`redis-server is not installed; CI must install it: ${REDIS_INSTALL_COMMAND}`);
        });
      });
      return;
    }
    process.stderr.write(`\n  NOTICE: skipping "${name}": redis-server is not installed. `
      + `Install it to run these tests: ${REDIS_INSTALL_COMMAND}\n`);
    describe.skip(name, () => body(() => {
      throw new Error('unreachable: skipped');
    }));
    return;
  }
  describe(name, () => {
    let server: RedisServer | undefined;
    beforeAll(async () => {
      server = await startRedisServer(binary, options);
    }, START_TIMEOUT_MS * 3 + 5_000);
    body(() => {
      if (server === undefined) throw new Error('redis-server did not start (see beforeAll)');
      return server;
    });
    // Registered after the body's hooks, so it runs after them: their clients quit first.
    afterAll(async () => {
      await server?.dispose();
    }, STOP_TIMEOUT_MS + 5_000);
  });
}
