import type { EmulatorRequest, VendorApp } from '../emulator-server.js';
import { Prng } from '../prng.js';
import { PerKeyLimiter } from '../rate-limit.js';
import type { EmulatorResponse } from '../wire.js';
import { collectionRoutes } from './wickson-collection-routes.js';
import { mediaRoutes } from './wickson-media-routes.js';
import { WicksonReplies } from './wickson-replies.js';
import { WicksonState } from './wickson-state.js';
import type { WicksonSeed } from './wickson-seed.js';

export interface WicksonAppOptions {
  seed: WicksonSeed;
  apiKey?: string;
  rateLimit?: { limit: number; windowMs?: number };
  now: () => number;
}

const DEFAULT_WINDOW_MS = 3_600_000;

/** The presented key, whether or not it is valid. */
function apiKeyOf(req: EmulatorRequest): string | undefined {
  const key = req.headers['x-api-key'];
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/**
 * Order of checks: unknown route (404), API key (401), rate limit (429), then the endpoint.
 * Only authenticated requests count, each against its own key's window (the limit is per key);
 * every key sees the same state, since one emulator is one account.
 */
export function createWicksonApp(options: WicksonAppOptions): VendorApp {
  const prng = new Prng('wickson-emulator');
  const state = new WicksonState(options.seed, options.now, prng);
  const replies = new WicksonReplies(prng, options.now);
  const limiter =
    options.rateLimit === undefined
      ? undefined
      : new PerKeyLimiter(options.rateLimit.limit, options.rateLimit.windowMs ?? DEFAULT_WINDOW_MS, options.now);
  // Collection routes first: `/v1/media/collections` would otherwise match `/v1/media/:id`.
  const routes = [...collectionRoutes(state, replies), ...mediaRoutes(state, replies)];

  /** Uncounted responses show the presented key's window; a key that never counted shows a full one. */
  const withLimitHeaders = (
    response: EmulatorResponse,
    req: EmulatorRequest,
    headers = limiter?.headers(apiKeyOf(req)),
  ): EmulatorResponse => (headers === undefined ? response : { ...response, headers: { ...response.headers, ...headers } });

  const authorized = (key: string | undefined): key is string =>
    key !== undefined && (options.apiKey === undefined || key === options.apiKey);

  return {
    routes,
    handle(req) {
      if (req.route === undefined) {
        return withLimitHeaders(
          replies.error(404, 'ENDPOINT_NOT_FOUND', 'Endpoint not found', `${req.method} ${req.pathname} does not exist`),
          req,
        );
      }
      const key = apiKeyOf(req);
      if (!authorized(key)) {
        return withLimitHeaders(replies.error(401, 'INVALID_API_KEY', 'Invalid or missing API key', 'X-Api-Key'), req);
      }
      if (limiter !== undefined) {
        const hit = limiter.hit(key);
        if (!hit.allowed) {
          return withLimitHeaders(
            replies.rateLimited(limiter.limit, hit.resetSeconds, Math.round(limiter.windowMs / 1000)),
            req,
            hit.headers,
          );
        }
        return withLimitHeaders(req.route.handler(req), req, hit.headers);
      }
      return req.route.handler(req);
    },
    failureBody: (status) => replies.failure(status),
    tooLarge: (req) => withLimitHeaders(replies.error(413, 'PAYLOAD_TOO_LARGE', 'Request body too large', 'body'), req),
  };
}
