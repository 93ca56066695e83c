import type {
  BatchFailure, Collection, CollectionItem, CollectionProvider, CredentialStatus, OperationPlan, QuotaSnapshot,
} from '../index.js';

// The JSON the page receives (docs/studio.md, "Shapes"). Built from an allow-list of fields, so
// nothing a client or a vendor answer carries beyond them (meta, request objects) reaches the
// browser; `raw` goes out only on the item detail, where the page shows it as text.

export interface CollectionView {
  id: string;
  name: string;
  description?: string;
  itemCount?: number;
  createdAt?: string;
  updatedAt?: string;
  isDefault: boolean;
  isProtected: boolean;
}

export interface ItemView {
  id: string;
  type?: string;
  name?: string;
  createdAt?: string;
  collectionIds?: string[];
}

export interface QuotaView {
  limit: number;
  remaining: number;
  resetAt?: string;
  windowMs?: number;
}

export interface CredentialView {
  expiresAt?: string;
  renews: boolean;
}

export interface PlanNumbers {
  requested: number;
  affected: string[];
  skipped: BatchFailure[];
  cascade?: { deletesItems: boolean; items?: number };
  writeRequests: number;
  readRequests: number;
  quota?: QuotaView;
  quotaShare?: number;
  etaMs?: number;
}

const iso = (date: Date | undefined) => (date === undefined || Number.isNaN(date.getTime()) ? undefined : date.toISOString());

/** Copies the defined entries only, so JSON carries no `"x": undefined` noise and types stay exact. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

export function collectionView(collection: Collection, client: CollectionProvider): CollectionView {
  return defined({
    id: collection.id,
    name: collection.name,
    description: collection.description,
    itemCount: collection.itemCount,
    createdAt: iso(collection.createdAt),
    updatedAt: iso(collection.updatedAt),
    isDefault: collection.isDefault,
    isProtected: collection.id === client.capabilities.protectedCollectionId,
  });
}

export function itemView(item: CollectionItem): ItemView {
  return defined({
    id: item.id,
    type: item.type,
    name: item.name,
    createdAt: iso(item.createdAt),
    collectionIds: item.collectionIds === undefined ? undefined : [...item.collectionIds],
  });
}

export function quotaView(quota: QuotaSnapshot | undefined): QuotaView | undefined {
  if (quota === undefined) return undefined;
  return defined({
    limit: quota.limit,
    remaining: quota.remaining,
    resetAt: quota.resetAt === undefined ? undefined : new Date(quota.resetAt).toISOString(),
    windowMs: quota.windowMs,
  });
}

export function credentialView(status: CredentialStatus | undefined): CredentialView | undefined {
  if (status === undefined) return undefined;
  return defined({ expiresAt: iso(status.expiresAt), renews: status.renews });
}

function failures(list: readonly BatchFailure[]): BatchFailure[] {
  return list.map((failure) => defined({ id: failure.id, reason: failure.reason, code: failure.code }));
}

/** The figures of one plan, or of several run one after the other (a move: add, then remove). */
export function planNumbers(plans: readonly OperationPlan[]): PlanNumbers {
  const first = plans[0];
  if (first === undefined) throw new TypeError('planNumbers needs at least one plan');
  const sum = (pick: (plan: OperationPlan) => number | undefined) => {
    const values = plans.map(pick);
    return values.some((value) => value === undefined) ? undefined : values.reduce<number>((a, b) => a + (b ?? 0), 0);
  };
  return defined({
    requested: first.requested,
    affected: [...first.affected],
    skipped: failures(first.skipped),
    cascade: first.cascade === undefined ? undefined : defined({ ...first.cascade }),
    writeRequests: sum((plan) => plan.writeRequests) ?? 0,
    readRequests: sum((plan) => plan.readRequests) ?? 0,
    quota: quotaView(first.quota),
    quotaShare: sum((plan) => plan.quotaShare),
    etaMs: sum((plan) => plan.etaMs),
  });
}

export { failures as failureViews };
