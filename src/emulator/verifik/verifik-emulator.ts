import type { EmulatorRequest, RouteDef, VendorApp } from '../emulator-server.js';
import { Prng } from '../prng.js';
import { PerKeyLimiter } from '../rate-limit.js';
import { isNonEmptyString, isRecord, parseJsonBody } from '../request-body.js';
import type { VerifikSeed } from './verifik-seed.js';
import { personRoutes } from './verifik-person-routes.js';
import { VerifikReplies } from './verifik-replies.js';
import { SESSION_PATH, sessionRoute, sessionToken } from './verifik-session-route.js';
import { isMintedToken, tokenExpiresAt } from './verifik-tokens.js';
import { VerifikState } from './verifik-state.js';
import type { EmulatorResponse } from '../wire.js';

export interface VerifikAppOptions {
  seed: VerifikSeed;
  token?: string;
  expiredToken?: string;
  rateLimit?: { limit: number; windowMs?: number };
  /**
   * Persons one collection PUT may list in `people`. The docs name no cap ("subject to server
   * rules"); an explicit one keeps the request size bounded and lets tests cross it.
   */
  maxPeople?: number;
  now: () => number;
}

/** The default cap on `people` in one collection PUT. */
export const DEFAULT_MAX_PEOPLE = 1000;

const BASE = '/v2/face-recognition';
type AuthOutcome = 'ok' | 'missing' | 'invalid' | 'expired';

/** Older doc pages write `jwt <token>`; both schemes are accepted, a bare token is not. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^(?:bearer|jwt)\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function collectionRoutes(state: VerifikState, replies: VerifikReplies, maxPeople: number): RouteDef[] {
  const parseBody = (req: EmulatorRequest): { value: unknown } | { error: EmulatorResponse } => {
    const parsed = parseJsonBody(req.body);
    return parsed.ok ? { value: parsed.value } : { error: replies.missing(`invalid JSON body: ${parsed.error}`) };
  };

  const create = (req: EmulatorRequest): EmulatorResponse => {
    const parsed = parseBody(req);
    if ('error' in parsed) return parsed.error;
    const body = parsed.value;
    if (!isRecord(body) || !isNonEmptyString(body.name)) return replies.missing('name is required');
    if (body.description !== undefined && typeof body.description !== 'string') {
      return replies.missing('description must be a string');
    }
    return replies.collection({ ...state.createCollection({ name: body.name, description: body.description }) });
  };

  const update = (req: EmulatorRequest): EmulatorResponse => {
    const collection = state.getCollection(req.params.id ?? '');
    if (collection === undefined) return replies.invalidCollection();
    const parsed = parseBody(req);
    if ('error' in parsed) return parsed.error;
    const body = parsed.value;
    // The update page requires `name` on every call, even when it does not change.
    if (!isRecord(body) || !isNonEmptyString(body.name)) return replies.missing('name is required');
    for (const field of ['description', 'project'] as const) {
      if (body[field] !== undefined && typeof body[field] !== 'string') return replies.missing(`${field} must be a string`);
    }
    let people: string[] | undefined;
    if (body.people !== undefined) {
      if (!Array.isArray(body.people)) return replies.missing('people must be an array');
      // Verifik's 409 validation style, like its list endpoint's INVALID_PARAMETERS.
      if (body.people.length > maxPeople) {
        return replies.error(409, { message: `people_limit_exceeded: at most ${maxPeople} persons per request`, code: 'INVALID_PARAMETERS' });
      }
      // Entries are person objects carrying `_id` or `id`; bare id strings are accepted too.
      people = (body.people as unknown[]).map((entry) => {
        const id = isRecord(entry) ? (entry._id ?? entry.id) : entry;
        return typeof id === 'string' ? id : '';
      });
      if (people.some((id) => state.getPerson(id) === undefined)) return replies.personNotFound();
    }
    collection.name = body.name;
    if (typeof body.description === 'string') collection.description = body.description;
    if (typeof body.project === 'string') collection.project = body.project;
    if (people !== undefined) {
      // `people` reconciles membership from the collection side: listed persons join, others
      // leave. Only the listed persons and the current members are visited.
      const wanted = new Set(people);
      for (const person of state.members(collection._id)) {
        if (!wanted.has(person._id)) state.detach(person, collection._id);
      }
      for (const id of wanted) {
        const person = state.getPerson(id);
        if (person !== undefined && !person.collections.includes(collection._id)) {
          state.applyFields(person, { collections: [...person.collections, collection._id] });
        }
      }
    }
    state.touch(collection);
    return replies.collection({ ...collection });
  };

  const get = (req: EmulatorRequest): EmulatorResponse => {
    const collection = state.getCollection(req.params.id ?? '');
    return collection === undefined ? replies.invalidCollection() : replies.collection({ ...collection });
  };

  const remove = (req: EmulatorRequest): EmulatorResponse => {
    const snapshot = state.deleteCollection(req.params.id ?? '');
    return snapshot === undefined ? replies.invalidCollection() : replies.collection(snapshot);
  };

  return [
    { method: 'GET', pattern: `${BASE}/collections`, handler: () => replies.collection(state.listCollections().map((c) => ({ ...c }))) },
    { method: 'POST', pattern: `${BASE}/collections`, handler: create },
    { method: 'GET', pattern: `${BASE}/collections/:id`, handler: get },
    { method: 'PUT', pattern: `${BASE}/collections/:id`, handler: update },
    { method: 'DELETE', pattern: `${BASE}/collections/:id`, handler: remove },
  ];
}

export function createVerifikApp(options: VerifikAppOptions): VendorApp {
  const prng = new Prng('verifik-emulator');
  const state = new VerifikState(options.seed, options.now, prng);
  const replies = new VerifikReplies(prng, options.now);
  const limiter =
    options.rateLimit === undefined
      ? undefined
      : new PerKeyLimiter(options.rateLimit.limit, options.rateLimit.windowMs ?? 3_600_000, options.now);
  const maxPeople = options.maxPeople ?? DEFAULT_MAX_PEOPLE;
  if (!Number.isInteger(maxPeople) || maxPeople < 0) throw new TypeError('limits.maxPeople must be a non-negative integer');
  const session = sessionRoute(options.now);
  const routes = [...collectionRoutes(state, replies, maxPeople), ...personRoutes(state, replies, BASE), session.route];

  // The configured token, or any token when none is configured, or a JWT this emulator minted
  // (mintVerifikToken, GET /v2/auth/session); any of them is expired once its JWT `exp` has passed.
  const authenticate = (token: string | undefined): AuthOutcome => {
    if (token === undefined) return 'missing';
    if (options.expiredToken !== undefined && token === options.expiredToken) return 'expired';
    if (options.token !== undefined && token !== options.token && !isMintedToken(token)) return 'invalid';
    const expiresAt = tokenExpiresAt(token);
    return expiresAt !== undefined && options.now() >= expiresAt ? 'expired' : 'ok';
  };

  // Each resource family documents its own auth errors.
  const authError = (req: EmulatorRequest, outcome: Exclude<AuthOutcome, 'ok'>): EmulatorResponse => {
    if (req.route?.pattern.startsWith(`${BASE}/collections`)) {
      return replies.error(outcome === 'expired' ? 403 : 401, { message: 'Access forbidden', code: 'Forbidden' });
    }
    return outcome === 'expired'
      ? replies.error(403, { message: 'token_expired', code: 'FORBIDDEN' })
      : replies.error(401, { message: 'Authentication required', code: 'UNAUTHORIZED' });
  };

  return {
    routes,
    handle(req) {
      if (req.route === undefined) {
        // Verifik's codes (MissingParameter, PreconditionFailed) are restify's; so is this 404.
        return replies.error(404, { code: 'ResourceNotFound', message: `${req.pathname} does not exist` });
      }
      const renewing = req.route.pattern === SESSION_PATH;
      const token = renewing ? sessionToken(req.headers.authorization) : bearerToken(req.headers.authorization);
      const outcome = authenticate(token);
      if (renewing && outcome !== 'ok') return session.refuse(req);
      if (outcome !== 'ok') return authError(req, outcome);
      // Nothing is documented for Verifik rate limits: a bare 429, no X-RateLimit-* headers.
      // Counted per token like Wickson's per key; every token sees the same account's state.
      if (limiter !== undefined && token !== undefined && !limiter.hit(token).allowed) {
        return replies.error(429, { code: 'TooManyRequests', message: 'Too many requests' });
      }
      return req.route.handler(req);
    },
    failureBody: (status) => replies.failure(status),
    tooLarge: () => replies.error(413, { code: 'PayloadTooLarge', message: 'Request body too large' }),
  };
}
