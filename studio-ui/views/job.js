// @ts-check
// One job, live while it runs (the same progress and result block as the action dialog).
import { el, replace } from '../dom.js';
import { getJob, overviewSoon } from '../api.js';
import { describeAction, details, href, setTitle } from '../ui.js';
import { dateTime } from '../format.js';
import { jobBlock } from './job-progress.js';

/** @typedef {import('../api.js').JobView} JobView */
/** @typedef {import('../api.js').ProviderOverview} ProviderOverview */

/** @param {HTMLElement} main @param {string[]} params @param {AbortSignal} signal */
export async function renderJob(main, [jobId], signal) {
  setTitle(`Job ${jobId}`);
  const [{ job }, providers] = await Promise.all([getJob(jobId, signal), overviewSoon()]);
  if (signal.aborted) return;
  const provider = providers?.find((candidate) => candidate.name === job.provider);
  const summary = el('div');
  let status = '';
  const block = jobBlock(job, {
    signal,
    onChange: (current) => {
      // The facts change only with the status (finished time); progress updates leave them be.
      if (current.status === status) return;
      status = current.status;
      replace(summary, facts(current, provider));
    },
  });
  replace(main, el('h1', { tabindex: '-1' }, `Job ${job.id}`), summary, block.node);
}

/** @param {JobView} job @param {ProviderOverview | undefined} provider */
function facts(job, provider) {
  /** @param {string | undefined} id */
  const collection = (id) => id === undefined ? undefined
    : el('a', { href: href.collection(job.provider, id) }, provider?.collections?.find((c) => c.id === id)?.name || id);
  return details([
    ['Provider', job.providerDisplayName ?? provider?.displayName ?? job.provider],
    ['Action', jobSummary(job, provider)],
    ['Collection', collection(job.collectionId)],
    ['Target', collection(job.targetCollectionId)],
    ['Started', dateTime(job.createdAt)],
    ['Finished', job.finishedAt === undefined ? undefined : dateTime(job.finishedAt)],
  ]);
}

/** "Delete 250 items", in the words of the plan dialog. @param {JobView} job @param {ProviderOverview | undefined} provider */
export function jobSummary(job, provider) {
  /** @param {string | undefined} id */
  const name = (id) => id === undefined ? undefined : provider?.collections?.find((c) => c.id === id)?.name || id;
  const text = describeAction(job.action, job.requested, {
    membership: provider?.capabilities.membership, collection: name(job.collectionId), target: name(job.targetCollectionId),
  });
  return text.charAt(0).toUpperCase() + text.slice(1);
}
