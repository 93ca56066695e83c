// @ts-check
// The studio's JSON API (docs/studio.md). Same origin only: the session secret travels in an
// HttpOnly cookie, so the page never sees it; writes are JSON POSTs, which the server requires
// (with Origin) to tell its own page from a cross-site form.

/**
 * @typedef {{ code: string, message: string }} ApiErrorBody
 * @typedef {{ limit: number, remaining: number, resetAt?: string, windowMs?: number }} Quota
 * @typedef {{ id: string, name: string, description?: string, itemCount?: number, createdAt?: string,
 *   updatedAt?: string, isDefault: boolean, isProtected: boolean }} CollectionView
 * @typedef {{ id: string, type?: string, name?: string, createdAt?: string, collectionIds?: string[] }} ItemView
 * @typedef {{ membership: 'exclusive' | 'multiple', removeItems: 'move-to-default' | 'unlink' | false,
 *   deleteCascadesItems: boolean, updateCollection: boolean, getItem: boolean, protectedCollectionId?: string }} Capabilities
 * @typedef {{ name: string, displayName: string, emulator: boolean, capabilities: Capabilities,
 *   collections?: CollectionView[], error?: ApiErrorBody, quota?: Quota,
 *   credential?: { expiresAt?: string, renews: boolean } }} ProviderOverview
 * @typedef {'addItems' | 'moveItems' | 'removeItems' | 'deleteItems' | 'deleteCollection'} Action
 * @typedef {{ provider: string, action: Action, collectionId?: string, targetCollectionId?: string, ids?: string[] }} PlanRequest
 * @typedef {{ planId: string, provider: string, action: Action, collectionId?: string, targetCollectionId?: string,
 *   requested: number, affected: string[], skipped: { id: string, reason: string, code?: string }[],
 *   cascade?: { deletesItems: boolean, items?: number }, writeRequests: number, readRequests: number,
 *   quota?: Quota, quotaShare?: number, etaMs?: number,
 *   confirmation: { kind: 'button' } | { kind: 'type-id', expected: string } }} PlanView
 * @typedef {'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'interrupted'} JobStatus
 * @typedef {{ total: number, done: number, succeeded: number, failed: number, unknown: number,
 *   waitingUntil?: string, etaMs?: number, quota?: Quota }} JobProgress
 * @typedef {{ ok: boolean, succeeded: string[], failed: { id: string, reason: string, code?: string }[], unknown: string[] }} JobResult
 * @typedef {{ id: string, provider: string, providerDisplayName: string, action: Action, collectionId?: string, targetCollectionId?: string,
 *   requested: number, createdAt: string, finishedAt?: string, status: JobStatus, progress: JobProgress,
 *   result?: JobResult, error?: ApiErrorBody, resumable: boolean, reconcilable: boolean }} JobView
 */

/** Shown for a 401: the cookie is gone (a new launch has a new secret) or was never set. */
export const UNAUTHORIZED_MESSAGE = 'This studio link has expired or is missing its secret: use the URL the studio printed.';

/** An API failure: `.code` is the server's error code (or NETWORK / STUDIO_BAD_ANSWER from here). */
export class ApiError extends Error {
  /** @param {string} code @param {string} message @param {number} [status] */
  constructor(code, message, status) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

/** A path from segments, each encoded: ids may hold `/`, `?`, `#` or anything else. */
const path = (/** @type {string[]} */ ...parts) => `/api/${parts.map(encodeURIComponent).join('/')}`;

/**
 * @param {string} url
 * @param {{ method?: 'GET' | 'POST', body?: unknown, signal?: AbortSignal }} [options]
 * @returns {Promise<any>}
 */
export async function request(url, { method = 'GET', body, signal } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (method === 'POST') headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('NETWORK', 'The studio did not answer: is it still running in the terminal?');
  }
  if (response.status === 401) throw new ApiError('STUDIO_UNAUTHORIZED', UNAUTHORIZED_MESSAGE, 401);
  let data;
  try {
    data = await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('STUDIO_BAD_ANSWER', `The studio answered ${response.status} without JSON.`, response.status);
  }
  if (!response.ok) {
    const detail = data?.error;
    throw new ApiError(String(detail?.code ?? 'STUDIO_ERROR'), String(detail?.message ?? `HTTP ${response.status}`), response.status);
  }
  return data;
}

/** @type {Promise<ProviderOverview[]> | undefined} */
let overviewCache;

/**
 * Every provider with its collections. Listing costs vendor requests (and quota), so the views
 * other than the overview reuse the last answer; the overview and finished actions refresh it.
 * The request is shared, so it takes no view's AbortSignal: leaving one view must not fail the
 * answer the next view is already waiting for.
 * @param {{ fresh?: boolean }} [options]
 * @returns {Promise<ProviderOverview[]>}
 */
export function overview({ fresh = false } = {}) {
  if (fresh || overviewCache === undefined) {
    const pending = request(path('overview')).then((/** @type {any} */ data) => data.providers);
    // A failed or abandoned answer must not stick.
    pending.catch(() => { if (overviewCache === pending) overviewCache = undefined; });
    overviewCache = pending;
  }
  return overviewCache;
}

/**
 * The overview for display names only (jobs, items): waits briefly, then lets the page show ids
 * rather than hold it up behind a slow or rate-limited listing.
 * @param {number} [ms]
 * @returns {Promise<ProviderOverview[] | undefined>}
 */
export function overviewSoon(ms = 1500) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(undefined), ms); });
  return Promise.race([overview().catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/** The cached overview is stale after a change. */
export function forgetOverview() {
  overviewCache = undefined;
}

/** @param {string} provider @param {string} id @param {AbortSignal} [signal] @returns {Promise<{ collection: CollectionView }>} */
export const getCollection = (provider, id, signal) => request(path('providers', provider, 'collections', id), { signal });

/**
 * @param {string} provider @param {string} id @param {number} offset @param {number} limit @param {AbortSignal} [signal]
 * @returns {Promise<{ items: ItemView[], offset: number, limit: number, hasMore: boolean }>}
 */
export const getItems = (provider, id, offset, limit, signal) =>
  request(`${path('providers', provider, 'collections', id, 'items')}?offset=${offset}&limit=${limit}`, { signal });

/** @param {string} provider @param {string} id @param {AbortSignal} [signal] @returns {Promise<{ item: ItemView, raw: unknown }>} */
export const getItem = (provider, id, signal) => request(path('providers', provider, 'items', id), { signal });

/**
 * Nothing is written: the server keeps the plan for one confirmed run. Aborting (the dialog
 * closed) drops the connection, which tells the server to stop reading for it.
 * @param {PlanRequest} plan @param {AbortSignal} [signal] @returns {Promise<PlanView>}
 */
export const createPlan = (plan, signal) => request(path('plans'), { method: 'POST', body: plan, signal });

/** @param {string} planId @param {true | string} confirm @returns {Promise<{ job: JobView }>} */
export const startJob = (planId, confirm) => request(path('jobs'), { method: 'POST', body: { planId, confirm } });

/** @param {AbortSignal} [signal] @returns {Promise<{ jobs: JobView[] }>} */
export const listJobs = (signal) => request(path('jobs'), { signal });

/** @param {string} id @param {AbortSignal} [signal] @returns {Promise<{ job: JobView }>} */
export const getJob = (id, signal) => request(path('jobs', id), { signal });

/** @param {string} id @param {'cancel' | 'resume' | 'reconcile'} what @returns {Promise<{ job: JobView }>} */
export const jobCommand = (id, what) => request(path('jobs', id, what), { method: 'POST', body: {} });

/** The job's server-sent events URL. @param {string} id */
export const jobEventsUrl = (id) => path('jobs', id, 'events');
