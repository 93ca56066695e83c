import { randomBytes } from 'node:crypto';
import type { OperationPlan } from '../index.js';
import type { ActionRequest } from './studio-actions.js';
import { StudioHttpError } from './studio-http.js';
import { planNumbers, type PlanNumbers } from './studio-views.js';

/** How the user confirms a plan: a button, or typing the id of the collection to delete. */
export type Confirmation = { kind: 'button' } | { kind: 'type-id'; expected: string };

export interface PlanView extends PlanNumbers {
  planId: string;
  provider: string;
  action: ActionRequest['action'];
  collectionId?: string;
  targetCollectionId?: string;
  confirmation: Confirmation;
}

interface StoredPlan {
  request: ActionRequest;
  confirmation: Confirmation;
  expiresAt: number;
}

/** A plan shown longer ago than this is stale (the data may have changed): plan again. */
export const PLAN_TTL_MS = 10 * 60_000;

/**
 * Plans shown to the user, waiting for confirmation. A job can only be started from one of
 * these, once, with the confirmation it asked for: the server, not the page, makes sure nothing
 * is written that was not previewed and confirmed.
 */
export class PendingPlans {
  readonly #plans = new Map<string, StoredPlan>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  add(request: ActionRequest, plans: readonly OperationPlan[]): PlanView {
    this.#sweep();
    const planId = randomBytes(16).toString('base64url');
    const confirmation: Confirmation = request.action === 'deleteCollection'
      ? { kind: 'type-id', expected: request.collectionId! }
      : { kind: 'button' };
    this.#plans.set(planId, { request, confirmation, expiresAt: this.#now() + PLAN_TTL_MS });
    return {
      planId,
      provider: request.provider,
      action: request.action,
      ...(request.collectionId === undefined ? {} : { collectionId: request.collectionId }),
      ...(request.targetCollectionId === undefined ? {} : { targetCollectionId: request.targetCollectionId }),
      ...planNumbers(plans),
      confirmation,
    };
  }

  /** The request a confirmed plan stands for; the plan is used up. */
  take(planId: unknown, confirm: unknown): ActionRequest {
    this.#sweep();
    const stored = typeof planId === 'string' ? this.#plans.get(planId) : undefined;
    if (stored === undefined) {
      throw new StudioHttpError(410, 'STUDIO_PLAN_EXPIRED', 'this plan was already run or has expired: preview the action again');
    }
    const { confirmation } = stored;
    const confirmed = confirmation.kind === 'button' ? confirm === true : confirm === confirmation.expected;
    if (!confirmed) {
      const what = confirmation.kind === 'button' ? 'confirm: true' : 'the collection\'s id typed exactly';
      throw new StudioHttpError(400, 'STUDIO_CONFIRMATION_REQUIRED', `not confirmed: running this plan needs ${what}`);
    }
    this.#plans.delete(planId as string);
    return stored.request;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, plan] of this.#plans) if (plan.expiresAt <= now) this.#plans.delete(id);
  }
}
