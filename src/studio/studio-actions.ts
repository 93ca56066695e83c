import { z } from 'zod';
import type { BatchProgress, BatchResult, CollectionProvider, OperationPlan } from '../index.js';
import { StudioHttpError } from './studio-http.js';

/**
 * What the studio can do to a provider's data, as the page asks for it. `addItems` on a provider
 * whose items live in one collection at a time (`membership: 'exclusive'`) moves them; `moveItems`
 * is the two-step move of providers where an item can be in several (add to the target, then
 * remove from the collection shown).
 */
export const STUDIO_ACTIONS = ['addItems', 'moveItems', 'removeItems', 'deleteItems', 'deleteCollection'] as const;
export type StudioAction = typeof STUDIO_ACTIONS[number];

export interface ActionRequest {
  provider: string;
  action: StudioAction;
  collectionId?: string;
  targetCollectionId?: string;
  ids: string[];
}

/** One library batch call of an action (a move has two). */
export interface ActionStep {
  operation: 'addItems' | 'removeItems' | 'deleteItems';
  collectionId?: string;
}

const id = z.string().min(1).max(1024);

const requestSchema = z.object({
  provider: id,
  action: z.enum(STUDIO_ACTIONS),
  collectionId: id.optional(),
  targetCollectionId: id.optional(),
  ids: z.array(id).max(100_000).optional(),
}).strict();

/** The page's request, checked before anything is read or planned (a bad one is a 400 naming the field). */
export function parseActionRequest(body: unknown): ActionRequest {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'request' : issue.path.join('.');
    throw new StudioHttpError(400, 'STUDIO_BAD_REQUEST', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  const { ids, ...rest } = parsed.data;
  // The page never sends an id twice, but a script might: each id is one outcome.
  const request: ActionRequest = { ...rest, ids: [...new Set(ids ?? [])] };
  const needs = (field: 'collectionId' | 'targetCollectionId') => {
    if (request[field] === undefined) throw new StudioHttpError(400, 'STUDIO_BAD_REQUEST', `${request.action} needs ${field}`);
  };
  if (request.action === 'deleteCollection' || request.action === 'removeItems' || request.action === 'moveItems') needs('collectionId');
  if (request.action === 'addItems' || request.action === 'moveItems') needs('targetCollectionId');
  if (request.action !== 'deleteCollection' && request.ids.length === 0) {
    throw new StudioHttpError(400, 'STUDIO_BAD_REQUEST', `${request.action} needs at least one id`);
  }
  if (request.action === 'moveItems' && request.collectionId === request.targetCollectionId) {
    throw new StudioHttpError(400, 'STUDIO_BAD_REQUEST', 'moveItems needs a target other than the collection the items are in');
  }
  return request;
}

/** The batch calls an action makes, in order (empty for a collection delete, which is one call). */
export function actionSteps(request: ActionRequest): ActionStep[] {
  switch (request.action) {
    case 'addItems': return [{ operation: 'addItems', collectionId: request.targetCollectionId! }];
    case 'moveItems': return [
      { operation: 'addItems', collectionId: request.targetCollectionId! },
      { operation: 'removeItems', collectionId: request.collectionId! },
    ];
    case 'removeItems': return [{ operation: 'removeItems', collectionId: request.collectionId! }];
    case 'deleteItems': return [{ operation: 'deleteItems' }];
    case 'deleteCollection': return [];
  }
}

/**
 * The library's dry runs of the action: one plan per step (reads only, nothing is written). Its
 * reads wait out an exhausted quota like the run does (the page shows it planning; closing the
 * dialog aborts the request, and with it `signal`).
 */
export async function planAction(client: CollectionProvider, request: ActionRequest, signal?: AbortSignal): Promise<OperationPlan[]> {
  const call = signal === undefined ? {} : { signal };
  if (request.action === 'deleteCollection') return [await client.deleteCollection(request.collectionId!, { ...call, dryRun: true })];
  const options = { ...call, dryRun: true as const, waitForQuota: true as const };
  const plans: OperationPlan[] = [];
  for (const step of actionSteps(request)) plans.push(await runDryStep(client, step, request.ids, options));
  return plans;
}

function runDryStep(
  client: CollectionProvider, step: ActionStep, ids: string[], options: { dryRun: true; waitForQuota: true; signal?: AbortSignal },
): Promise<OperationPlan> {
  switch (step.operation) {
    case 'addItems': return client.addItems(step.collectionId!, ids, options);
    case 'removeItems': return client.removeItems(step.collectionId!, ids, options);
    case 'deleteItems': return client.deleteItems(ids, options);
  }
}

export interface StepRunOptions {
  signal: AbortSignal;
  journalPath: string;
  onProgress: (progress: BatchProgress) => void;
}

/**
 * Runs one step for real. Always journaled and resumable (`resume: true` creates the journal
 * when it is missing), and it waits out rate-limit windows however long, reporting each wait
 * through `onProgress`: a person watching the page can stop it.
 */
export function runStep(client: CollectionProvider, step: ActionStep, ids: string[], options: StepRunOptions): Promise<BatchResult> {
  const call = {
    signal: options.signal,
    onProgress: options.onProgress,
    waitForQuota: true,
    journal: { path: options.journalPath, resume: true },
  };
  switch (step.operation) {
    case 'addItems': return client.addItems(step.collectionId!, ids, call);
    case 'removeItems': return client.removeItems(step.collectionId!, ids, call);
    case 'deleteItems': return client.deleteItems(ids, call);
  }
}
