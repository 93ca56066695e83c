// @ts-check
// Every job of this studio (and of earlier launches with the same jobs folder), newest first.
// While any is running the list re-reads itself; leaving the page stops that.
import { el, replace } from '../dom.js';
import { jobCommand, listJobs, overviewSoon } from '../api.js';
import { badge, errorBox, href, setTitle, table } from '../ui.js';
import { dateTime } from '../format.js';
import { jobSummary } from './job.js';

/** @typedef {import('../api.js').JobView} JobView */

const REFRESH_MS = 2000;

/** @param {HTMLElement} main @param {string[]} _params @param {AbortSignal} signal */
export async function renderJobs(main, _params, signal) {
  setTitle('Jobs');
  const [{ jobs }, providers] = await Promise.all([listJobs(signal), overviewSoon()]);
  if (signal.aborted) return;
  const names = new Map((providers ?? []).map((provider) => [provider.name, provider]));
  const alerts = el('div');
  const box = el('div');
  replace(main, el('h1', { tabindex: '-1' }, 'Jobs'), alerts, box);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  signal.addEventListener('abort', () => clearTimeout(timer));
  let shown = '';
  show(jobs);

  /** @param {JobView[]} list */
  function show(list) {
    const text = JSON.stringify(list);
    if (text !== shown) {
      shown = text;
      // Rebuilt whole, but focus goes back to the same button or link of the same job.
      const key = document.activeElement instanceof HTMLElement && box.contains(document.activeElement)
        ? document.activeElement.dataset.key : undefined;
      replace(box, table('Jobs', ['Job', 'Provider', 'Action', 'Status', 'Progress', 'Started'], list.length === 0
        ? [el('tr', null, el('td', { colspan: '6', class: 'empty' }, 'No jobs yet: run an action from a collection.'))]
        : list.map(row)));
      if (key !== undefined) {
        // A button that went (Stop, once the job ended) hands focus to its row's link.
        const same = box.querySelector(`[data-key="${CSS.escape(key)}"]`)
          ?? box.querySelector(`[data-key="${CSS.escape(`${key.slice(0, key.lastIndexOf(':'))}:link`)}"]`);
        /** @type {HTMLElement | null} */ (same)?.focus();
      }
    }
    if (list.some((job) => job.status === 'running')) timer = setTimeout(refresh, REFRESH_MS);
  }

  async function refresh() {
    try {
      const answer = await listJobs(signal);
      if (signal.aborted) return;
      replace(alerts);
      show(answer.jobs);
    } catch (error) {
      if (signal.aborted) return;
      replace(alerts, errorBox(error));
      timer = setTimeout(refresh, REFRESH_MS * 2);
    }
  }

  /** @param {JobView} job */
  function row(job) {
    const provider = names.get(job.provider);
    return el('tr', null,
      el('td', { class: 'id' }, el('a', { href: href.job(job.id), 'data-key': `${job.id}:link` }, job.id)),
      el('td', null, job.providerDisplayName ?? provider?.displayName ?? job.provider),
      el('td', { class: 'action' }, jobSummary(job, provider)),
      el('td', { class: 'status-cell' },
        badge(job.status, `status-${job.status}`),
        job.resumable ? button(job, 'resume', 'Resume') : null,
        job.status === 'running' ? button(job, 'cancel', 'Stop') : null),
      el('td', { class: 'num' }, `${job.progress.done} / ${job.progress.total}`),
      el('td', { class: 'date' }, dateTime(job.createdAt)));
  }

  /** @param {JobView} job @param {'resume' | 'cancel'} what @param {string} label */
  function button(job, what, label) {
    return el('button', {
      type: 'button', class: what === 'cancel' ? 'danger small' : 'small', 'data-key': `${job.id}:${what}`,
      onclick: async (/** @type {Event} */ event) => {
        const target = /** @type {HTMLButtonElement} */ (event.currentTarget);
        target.disabled = true;
        try {
          await jobCommand(job.id, what);
        } catch (error) {
          if (signal.aborted) return;
          target.disabled = false;
          replace(alerts, errorBox(error));
          return;
        }
        if (signal.aborted) return;
        // A resumed job is worth watching; a stopped one shows its new state in the list.
        if (what === 'resume') location.hash = href.job(job.id);
        else { clearTimeout(timer); void refresh(); }
      },
    }, label);
  }
}
