/**
 * Compile-time cases for the Redis quota store's options, checked by `npm run typecheck` (never
 * run by jest). `RedisLike` is structural: an ioredis client fits as it is, without the library's
 * types naming ioredis.
 */
import { Redis } from 'ioredis';
import { createRedisQuotaStore, type QuotaStore, type RedisLike } from 'unified-collections';

export async function storesCompile(): Promise<QuotaStore[]> {
  const client: RedisLike = new Redis('redis://127.0.0.1:6379');
  return [
    await createRedisQuotaStore({ url: 'redis://127.0.0.1:6379', prefix: 'staging:' }),
    await createRedisQuotaStore({ client }),
    await createRedisQuotaStore({ client: new Redis() }),
  ];
}

export async function badOptionsDoNotCompile(): Promise<void> {
  // @ts-expect-error url or client, not both
  await createRedisQuotaStore({ url: 'redis://h', client: new Redis() });
  // @ts-expect-error one of them is required
  await createRedisQuotaStore({ prefix: 'p:' });
  // @ts-expect-error a client must have the commands the store runs
  await createRedisQuotaStore({ client: { quit: async () => 'OK' } });
}
