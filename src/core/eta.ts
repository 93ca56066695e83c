import type { QuotaSnapshot } from '../spec/quota.js';

export interface EtaInput {
  /** Requests the job still has to send. */
  requestsLeft: number;
  now: number;
  /** The rate-limit window, when known. */
  quota?: QuotaSnapshot | undefined;
  /** Observed wall time per request at the job's concurrency (elapsed / requests done), when known. */
  msPerRequest?: number | undefined;
}

/**
 * How long the rest of a job should take: the longer of what the pace so far implies and what
 * the quota allows (the requests beyond this window's remainder wait for the next windows).
 * Undefined when neither is known (nothing done yet and no window known).
 */
export function estimateEtaMs(input: EtaInput): number | undefined {
  const { requestsLeft, now, quota, msPerRequest } = input;
  if (requestsLeft <= 0) return 0;
  const byPace = msPerRequest === undefined ? undefined : requestsLeft * msPerRequest;
  const byQuota = quotaBoundMs(requestsLeft, now, quota, msPerRequest ?? 0);
  if (byPace === undefined) return byQuota;
  return byQuota === undefined ? Math.round(byPace) : Math.round(Math.max(byPace, byQuota));
}

/** The earliest the last request can go out under the quota, plus its own time. */
function quotaBoundMs(requestsLeft: number, now: number, quota: QuotaSnapshot | undefined, msPerRequest: number): number | undefined {
  if (quota === undefined || quota.limit <= 0) return undefined;
  const remaining = Math.max(0, quota.remaining);
  if (requestsLeft <= remaining) return undefined;
  const beyond = requestsLeft - remaining;
  const fullWindows = Math.ceil(beyond / quota.limit);
  const untilReset = quota.resetAt === undefined ? quota.windowMs : Math.max(0, quota.resetAt - now);
  if (untilReset === undefined) return undefined;
  // The first extra window starts at the reset; each further one needs a whole window more.
  if (fullWindows > 1 && quota.windowMs === undefined) return undefined;
  const lastWindowRequests = beyond - (fullWindows - 1) * quota.limit;
  return Math.round(untilReset + (fullWindows - 1) * (quota.windowMs ?? 0) + lastWindowRequests * msPerRequest);
}
