import { afterEach, describe, expect, it } from '@jest/globals';
import '../../src/di/load-tsyringe.js';
import '../../src/builtin-providers.js';
import { createCollectionClient } from '../../src/di/create-client.js';
import { isCollectionError } from '../../src/errors.js';
import { configError } from '../support/config-error.js';
import { startLoopback, type LoopbackServer } from '../support/loopback-server.js';

/**
 * One meaning per timeout: `timeoutMs` bounds an operation (a request and its retries) in the
 * config exactly as in a call; `attemptTimeoutMs` bounds each attempt. Counted at the server.
 */

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that never answers. */
async function silent(): Promise<LoopbackServer> {
  server = await startLoopback(() => undefined);
  return server;
}

const listing = (config: Record<string, unknown>, url: string) => createCollectionClient({
  provider: 'wickson', apiKey: 'wk_timeouts', baseUrl: url, retryDelayMs: 1, ...config,
}).listCollections().then(() => undefined, (error: unknown) => error);

describe('timeouts', () => {
  it('config timeoutMs is per operation: one 200 ms budget for the request and its retries', async () => {
    const { url } = await silent();
    const error = await listing({ timeoutMs: 200 }, url);
    expect(isCollectionError(error) && error.code).toBe('TIMEOUT');
    expect((error as Error).message).toContain('200 ms operation deadline');
    expect(server!.requests).toBe(1);
  });

  it('a call timeoutMs means the same: it replaces the config one', async () => {
    const { url } = await silent();
    const client = createCollectionClient({ provider: 'wickson', apiKey: 'wk_timeouts', baseUrl: url, timeoutMs: 60_000 });
    const error = await client.listCollections({ timeoutMs: 150 }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('150 ms operation deadline');
  });

  it('attemptTimeoutMs is per attempt: three attempts of 100 ms fit in a 5 s operation', async () => {
    const { url } = await silent();
    const error = await listing({ attemptTimeoutMs: 100, timeoutMs: 5_000 }, url);
    expect(isCollectionError(error) && error.code).toBe('TIMEOUT');
    expect((error as Error).message).toContain('100 ms attempt timeout');
    expect(server!.requests).toBe(3);
  });

  it('the old operationTimeoutMs is a CONFIG error that names its replacement', () => {
    const error = configError(() => createCollectionClient({
      provider: 'wickson', apiKey: 'wk_timeouts', operationTimeoutMs: 1_000,
    } as never));
    expect(error.message).toContain('"operationTimeoutMs"');
    expect(error.message).toContain('"timeoutMs" (per operation; "attemptTimeoutMs" is per attempt)');
  });
});
