import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCollectionError } from '../index.js';
import { parseActionRequest, planAction } from './studio-actions.js';
import { streamJob } from './studio-events.js';
import { readJsonBody, sendError, sendJson, StudioHttpError } from './studio-http.js';
import type { StudioJobs } from './studio-jobs.js';
import type { PendingPlans } from './studio-plans.js';
import type { StudioProvider } from './studio-provider.js';
import { itemsPage, overview } from './studio-reads.js';
import { collectionView, itemView } from './studio-views.js';

export interface StudioApiContext {
  providers: ReadonlyMap<string, StudioProvider>;
  plans: PendingPlans;
  jobs: StudioJobs;
  /** Told of errors that are not the library's (bugs); the page gets a generic message. */
  onError: (error: unknown) => void;
}

/** The library's error codes as HTTP statuses (the page shows the message; the status is for tools). */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  UNSUPPORTED: 400,
  PROTECTED_COLLECTION: 409,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  TIMEOUT: 504,
};

/** Answers one `/api/…` request (already past the security gate). */
export async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL, context: StudioApiContext): Promise<void> {
  try {
    await route(request, response, url, context);
  } catch (error) {
    if (error instanceof StudioHttpError) {
      sendError(response, error.status, error.code, error.message);
    } else if (isCollectionError(error)) {
      // Its message is the library's, already free of credentials.
      sendError(response, STATUS_OF_CODE[error.code] ?? 502, error.code, error.message);
    } else {
      context.onError(error);
      sendError(response, 500, 'STUDIO_INTERNAL', 'unexpected error in the studio (see its terminal)');
    }
  }
}

async function route(request: IncomingMessage, response: ServerResponse, url: URL, context: StudioApiContext): Promise<void> {
  const method = request.method ?? 'GET';
  const parts = segments(url.pathname);
  const [, first, second, third, fourth, fifth] = parts;
  const get = method === 'GET' || method === 'HEAD';

  if (get && parts.length === 2 && first === 'overview') {
    sendJson(response, 200, { providers: await overview(context.providers.values()) });
    return;
  }
  if (first === 'providers' && get) {
    const provider = providerOf(context, second);
    if (third === 'collections' && fourth !== undefined && parts.length === 5) {
      const collection = await provider.client.getCollection(fourth);
      sendJson(response, 200, { collection: collectionView(collection, provider.client) });
      return;
    }
    if (third === 'collections' && fourth !== undefined && fifth === 'items' && parts.length === 6) {
      sendJson(response, 200, await itemsPage(provider.client, fourth, url.searchParams, abortedWhenGone(response)));
      return;
    }
    if (third === 'items' && fourth !== undefined && parts.length === 5) {
      const item = await provider.client.getItem(fourth);
      sendJson(response, 200, { item: itemView(item), raw: item.raw });
      return;
    }
  }
  if (first === 'plans' && method === 'POST' && parts.length === 2) {
    const action = parseActionRequest(await readJsonBody(request));
    const provider = providerOf(context, action.provider);
    if (action.action === 'moveItems' && provider.client.capabilities.membership !== 'multiple') {
      // There, adding to a collection already moves an item; a second step would only misreport.
      throw new StudioHttpError(400, 'STUDIO_BAD_REQUEST', `${provider.displayName} items live in one collection at a time: use addItems, which moves them`);
    }
    // The page gave up (dialog closed, tab gone): stop reading for a plan nobody will see.
    const plans = await planAction(provider.client, action, abortedWhenGone(response));
    sendJson(response, 200, context.plans.add(action, plans));
    return;
  }
  if (first === 'jobs') {
    if (parts.length === 2 && get) {
      sendJson(response, 200, { jobs: context.jobs.list() });
      return;
    }
    if (parts.length === 2 && method === 'POST') {
      const body = await readJsonBody(request) as { planId?: unknown; confirm?: unknown } | null;
      const action = context.plans.take(body?.planId, body?.confirm);
      sendJson(response, 201, { job: await context.jobs.start(action) });
      return;
    }
    if (second !== undefined && parts.length === 3 && get) {
      sendJson(response, 200, { job: context.jobs.view(second) });
      return;
    }
    if (second !== undefined && parts.length === 4 && third === 'events' && get) {
      streamJob(request, response, context.jobs, second);
      return;
    }
    if (second !== undefined && parts.length === 4 && method === 'POST') {
      if (third === 'cancel') return sendJson(response, 200, { job: context.jobs.cancel(second) });
      if (third === 'resume') return sendJson(response, 200, { job: await context.jobs.resume(second) });
      if (third === 'reconcile') return sendJson(response, 200, { job: await context.jobs.reconcile(second) });
    }
  }
  throw new StudioHttpError(404, 'STUDIO_NOT_FOUND', `no such API route: ${method} ${url.pathname}`);
}

/** Aborted when the answer's connection closes before it is sent (the page moved on). */
function abortedWhenGone(response: ServerResponse): AbortSignal {
  const gone = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) gone.abort();
  });
  return gone.signal;
}

/** `/api/a/b%2Fc` → ['api', 'a', 'b/c']: ids may hold any character, encoded. */
function segments(pathname: string): string[] {
  try {
    return pathname.split('/').slice(1).map((part) => decodeURIComponent(part));
  } catch {
    throw new StudioHttpError(400, 'STUDIO_BAD_REQUEST', 'malformed percent-encoding in the path');
  }
}

function providerOf(context: StudioApiContext, name: string | undefined): StudioProvider {
  const provider = name === undefined ? undefined : context.providers.get(name);
  if (provider === undefined) throw new StudioHttpError(404, 'STUDIO_NOT_FOUND', `provider ${JSON.stringify(name ?? '')} is not configured in this studio`);
  return provider;
}
