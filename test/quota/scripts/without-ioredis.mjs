// Run as: node without-ioredis.mjs <dist/index.js URL>
// Loads the built library as an app without ioredis installed would (a resolve hook refuses the
// package), and prints JSON: how often ioredis was asked for after importing the library, after
// creating a store from an app's client, and the error createRedisQuotaStore({ url }) gives.
import { registerHooks } from 'node:module';

let asked = 0;
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'ioredis' || specifier.startsWith('ioredis/')) {
      asked += 1;
      throw Object.assign(new Error(`Cannot find package '${specifier}' imported from ${context.parentURL}`), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    return nextResolve(specifier, context);
  },
});

const lib = await import(process.argv[2]);
const report = { afterImport: asked };
const noop = async () => undefined;
await lib.createRedisQuotaStore({ client: { evalsha: noop, eval: noop, hgetall: noop, quit: noop } });
report.afterClientStore = asked;
try {
  await lib.createRedisQuotaStore({ url: 'redis://:canary-pass-Zq81x@127.0.0.1:9' });
  report.error = null;
} catch (error) {
  report.error = { name: error.name, code: error.code, retryable: error.retryable, message: error.message };
}
report.afterUrlStore = asked;
process.stdout.write(JSON.stringify(report));
