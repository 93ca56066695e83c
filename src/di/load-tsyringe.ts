import { createRequire } from 'node:module';
import type * as Tsyringe from 'tsyringe';

// Both packages are CommonJS. `require` loads them several times faster than an ESM `import`
// of the same files (measured on Node 22: ~14 ms against ~36 ms), and it is synchronous, so
// tsyringe can wait until the first client is built (createCollectionClient is synchronous).
// Either way it is the same module instance an app's own `import 'tsyringe'` gets.
const require = createRequire(import.meta.url);

// The Reflect metadata polyfill, on evaluation: tsyringe needs it before it loads, and apps'
// decorated plug-in adapters (`useClass`) before their classes are defined. The entry point
// imports this module first, so apps never import the polyfill themselves.
require('reflect-metadata');

let tsyringe: typeof Tsyringe | undefined;

/** tsyringe, loaded on first use: only building a client needs it. */
export function loadTsyringe(): typeof Tsyringe {
  tsyringe ??= require('tsyringe') as typeof Tsyringe;
  return tsyringe;
}
