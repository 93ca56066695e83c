import { afterAll, beforeAll, describe } from '@jest/globals';
import { describeWithoutTool } from './missing-tool.js';
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
    describeWithoutTool(name, 'redis-server', REDIS_INSTALL_COMMAND, () => body(() => {
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
