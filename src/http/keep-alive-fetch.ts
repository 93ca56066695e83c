/**
 * Node's fetch (undici) closes the connection after any request that carries a body on a
 * method that "does not expect one", DELETE included, to protect servers that mishandle such
 * bodies. Wickson's batch delete is documented as a DELETE with a JSON body, so every 100 ids
 * would otherwise cost a new connection (and against the real API a new TLS handshake).
 *
 * undici lets a dispatch opt out with `reset: false`. This fetch hands undici a dispatcher that
 * sets it for DELETEs and otherwise defers to whatever global dispatcher the app has installed
 * (a proxy agent, say), looked up at call time. Where there is none (another runtime), plain
 * fetch is used.
 */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

interface DispatchOptions {
  method?: string;
  body?: unknown;
  reset?: boolean;
}

interface Dispatcher {
  dispatch(options: DispatchOptions, handler: unknown): boolean;
}

function globalDispatcher(): Dispatcher | undefined {
  const candidate = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
  return typeof (candidate as Dispatcher | undefined)?.dispatch === 'function' ? candidate as Dispatcher : undefined;
}

const keepDeletesAlive: Dispatcher = {
  dispatch(options, handler) {
    const inner = globalDispatcher()!;
    const keep = options.method === 'DELETE' && options.body != null;
    return inner.dispatch(keep ? { ...options, reset: false } : options, handler);
  },
};

export const keepAliveFetch: typeof globalThis.fetch = (input, init) => (globalDispatcher() === undefined
  ? globalThis.fetch(input, init)
  // `dispatcher` is undici's extension of RequestInit, unknown to the DOM types.
  : globalThis.fetch(input, { ...init, dispatcher: keepDeletesAlive } as RequestInit));
