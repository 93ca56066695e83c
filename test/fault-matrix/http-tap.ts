/** One request the client under test sent, and what came back, as seen below the library. */
export interface Exchange {
  method: string;
  pathname: string;
  requestBody: string;
  /** Undefined when no response headers arrived (reset, stall). */
  status?: number;
  /** The response body, set only once all of it has come through. */
  body?: string;
}

/** A 2xx whose whole body arrived and is JSON: the only answer a success may rest on. */
export function isValid2xx(exchange: Exchange): boolean {
  if (exchange.status === undefined || exchange.status < 200 || exchange.status > 299 || exchange.body === undefined) {
    return false;
  }
  try {
    JSON.parse(exchange.body);
    return true;
  } catch {
    return false;
  }
}

export interface Tap {
  fetch: typeof globalThis.fetch;
  exchanges: Exchange[];
}

/** Passes the body through unchanged, keeping a copy that is published only when the body ends. */
function recorder(exchange: Exchange): TransformStream<Uint8Array, Uint8Array> {
  const chunks: Uint8Array[] = [];
  return new TransformStream({
    transform(chunk, controller) {
      chunks.push(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      exchange.body = Buffer.concat(chunks).toString('utf8');
    },
  });
}

/**
 * A pass-through `fetch` (the library's documented `fetch` option) that records each exchange.
 * The body the client reads streams through a recorder rather than a clone: the client's own
 * cancel or abort still reaches the socket, so the tap changes nothing it observes. The copy is
 * published before the client can see the end of the body, so it is final when the call settles.
 */
export function createTap(): Tap {
  const exchanges: Exchange[] = [];
  const tapped: typeof globalThis.fetch = async (input, init) => {
    const copy = input instanceof Request ? input.clone() : new Request(input, init);
    const exchange: Exchange = { method: copy.method, pathname: new URL(copy.url).pathname, requestBody: await copy.text() };
    exchanges.push(exchange);
    const response = await globalThis.fetch(input, init);
    exchange.status = response.status;
    if (response.body === null) {
      exchange.body = '';
      return response;
    }
    const { status, statusText, headers } = response;
    return new Response(response.body.pipeThrough(recorder(exchange)), { status, statusText, headers });
  };
  return { fetch: tapped, exchanges };
}

/** Whether a request matches an emulator stats key such as `PUT /v2/face-recognition/persons/:id`. */
export function matchesRoute(exchange: Exchange, routeKey: string): boolean {
  const [method, pattern = ''] = routeKey.split(' ');
  if (method !== exchange.method) return false;
  const want = pattern.split('/');
  const got = exchange.pathname.split('/');
  return want.length === got.length && want.every((part, i) => (part.startsWith(':') ? got[i] !== '' : part === got[i]));
}
