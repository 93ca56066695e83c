// @ts-check
// A job's live progress and then its result: one module for the action dialog and the job page,
// so both say the same thing in the same words. Progress arrives as server-sent events; the
// running part is built once and updated in place, so focus (on Stop) survives each update.
import { el, replace } from '../dom.js';
import { getJob, jobCommand, jobEventsUrl } from '../api.js';
import { badge, errorBox } from '../ui.js';
import { clockTime, duration } from '../format.js';

/** @typedef {import('../api.js').JobView} JobView */

/** Long id lists stay readable (and the page responsive) at this many entries. */
const LIST_LIMIT = 200;
const BUSY = { cancel: 'Stopping…', resume: 'Resuming…', reconcile: 'Reading the unknown ids back…' };
/** When the event stream can't be used, the job is read this often instead. */
const POLL_MS = 1500;

/**
 * @param {JobView} initial
 * @param {{ signal: AbortSignal, heading?: 'h2' | 'h3', onChange?: (job: JobView) => void }} options
 */
export function jobBlock(initial, { signal, heading = 'h2', onChange }) {
  let job = initial;
  /** @type {EventSource | undefined} */
  let source;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let poll;
  /** Stop was pressed: the abort lands a moment later, and progress events may come first. */
  let stopping = false;

  const progress = el('progress', { 'aria-label': 'Progress' });
  const fraction = el('p', { class: 'fraction' });
  const counts = el('p', { class: 'counts' });
  const eta = el('p', { class: 'eta' });
  // A polite live region that exists before its content, so the wait line is announced.
  const waiting = el('div', { 'aria-live': 'polite' });
  const stop = el('button', { type: 'button', class: 'danger', onclick: () => void command('cancel', stop) }, 'Stop');
  const running = el('div', { class: 'running' }, counts, eta, waiting, el('div', { class: 'buttons' }, stop));
  const alerts = el('div', { class: 'alerts' });
  // Says what a button is doing while its request is out (a reconcile reads every unknown id back).
  const busy = el('p', { class: 'note busy', 'aria-live': 'polite' });
  const body = el('div');
  // The bar stays after the end too: a stopped job shows how far it got.
  const node = el('div', { class: 'job-block' }, alerts, progress, fraction, body, busy);

  signal.addEventListener('abort', unwatch);
  show();
  watch();

  function show() {
    const p = job.progress;
    progress.max = Math.max(p.total, 1);
    progress.value = Math.min(p.done, progress.max);
    fraction.textContent = `${p.done} / ${p.total}`;
    if (job.status === 'running') {
      updateRunning();
      if (!body.contains(running)) replace(body, running);
    } else {
      const hadFocus = node.contains(document.activeElement) || document.activeElement === document.body;
      replace(body, result());
      // Stop is gone: focus the result, not the page's top (in a dialog, focus must stay inside).
      if (hadFocus) /** @type {HTMLElement | null} */ (body.querySelector('.result-heading'))?.focus();
    }
    onChange?.(job);
  }

  function updateRunning() {
    const p = job.progress;
    counts.textContent = countsText(p.succeeded, p.failed, p.unknown);
    eta.textContent = p.etaMs === undefined ? '' : `${capitalize(duration(p.etaMs))} left`;
    eta.hidden = p.etaMs === undefined;
    const text = p.waitingUntil === undefined ? '' : `Waiting for the rate-limit window until ${clockTime(p.waitingUntil)}`;
    if (text === '') replace(waiting);
    else if (waiting.textContent !== text) replace(waiting, el('p', { role: 'status', class: 'waiting' }, text));
    stop.disabled = stopping;
  }

  function result() {
    const r = job.result;
    const Heading = heading;
    const Sub = heading === 'h2' ? 'h3' : 'h4';
    const succeeded = r?.succeeded.length ?? job.progress.succeeded;
    const failed = r?.failed ?? [];
    const unknown = r?.unknown ?? [];
    return el('div', { class: 'result' },
      el(Heading, { class: 'result-heading', tabindex: '-1' }, 'Result'),
      el('p', { class: 'status-line' }, 'Status: ', badge(job.status, `status-${job.status}`)),
      el('p', { class: 'counts' }, countsText(succeeded, r?.failed.length ?? job.progress.failed, r?.unknown.length ?? job.progress.unknown)),
      job.error === undefined ? null
        : job.error.code === 'ABORTED' ? el('p', { class: 'note' }, capitalize(job.error.message))
          : errorBox(Object.assign(new Error(job.error.message), { code: job.error.code })),
      failed.length === 0 ? null : [
        el(Sub, null, 'Failed ids'),
        idList(failed.map((f) => [el('code', null, f.id), ` — ${f.reason}`]), failed.length),
      ],
      unknown.length === 0 ? null : [
        el(Sub, null, 'Unknown ids'),
        el('p', { class: 'note' }, 'The vendor did not confirm these: the change may or may not have happened. Reconciling reads them back.'),
        idList(unknown.map((id) => [el('code', null, id)]), unknown.length),
      ],
      el('div', { class: 'buttons' },
        job.reconcilable ? el('button', { type: 'button', onclick: (/** @type {Event} */ e) => void command('reconcile', /** @type {HTMLButtonElement} */ (e.currentTarget)) }, 'Reconcile unknown ids') : null,
        job.resumable ? el('button', { type: 'button', onclick: (/** @type {Event} */ e) => void command('resume', /** @type {HTMLButtonElement} */ (e.currentTarget)) }, 'Resume') : null));
  }

  /** @param {'cancel' | 'resume' | 'reconcile'} what @param {HTMLButtonElement} button */
  async function command(what, button) {
    button.disabled = true;
    replace(alerts);
    busy.textContent = BUSY[what];
    try {
      const answer = await jobCommand(job.id, what);
      busy.textContent = '';
      if (signal.aborted) return;
      // Stop answers with the job still running (the abort lands a moment later, as an event).
      if (what === 'cancel') stopping = true;
      else {
        stopping = false;
        job = answer.job;
        show();
        watch();
      }
    } catch (error) {
      busy.textContent = '';
      if (signal.aborted) return;
      button.disabled = false;
      replace(alerts, errorBox(error));
    }
  }

  function watch() {
    if (job.status !== 'running' || source !== undefined || poll !== undefined || signal.aborted) return;
    source = new EventSource(jobEventsUrl(job.id));
    source.addEventListener('job', (event) => {
      job = JSON.parse(/** @type {MessageEvent} */ (event).data);
      show();
      if (job.status !== 'running') unwatch();
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (the answer was not a
      // stream, e.g. a 401 after a restart): read the job instead, which reports why.
      if (source?.readyState === EventSource.CLOSED) {
        unwatch();
        schedulePoll(0);
      }
    });
  }

  /** @param {number} delay */
  function schedulePoll(delay) {
    poll = setTimeout(async () => {
      try {
        job = (await getJob(job.id, signal)).job;
        if (signal.aborted) return;
        replace(alerts);
        show();
      } catch (error) {
        if (signal.aborted) return;
        replace(alerts, errorBox(error));
      }
      poll = undefined;
      if (job.status === 'running') schedulePoll(POLL_MS);
    }, delay);
  }

  function unwatch() {
    source?.close();
    source = undefined;
    if (poll !== undefined) clearTimeout(poll);
    poll = undefined;
  }

  return {
    node,
    get job() { return job; },
    /** Focus where a keyboard user continues: Stop while running, the result after. */
    focus() {
      /** @type {HTMLElement | null} */ (body.querySelector('.running button, .result-heading'))?.focus();
    },
  };
}

/** @param {number} succeeded @param {number} failed @param {number} unknown */
export function countsText(succeeded, failed, unknown) {
  return `Succeeded ${succeeded} · Failed ${failed} · Unknown ${unknown}`;
}

/** @param {import('../dom.js').Child[][]} entries @param {number} total */
function idList(entries, total) {
  return [
    el('ul', { class: 'ids' }, entries.slice(0, LIST_LIMIT).map((entry) => el('li', null, entry))),
    total > LIST_LIMIT ? el('p', { class: 'note' }, `and ${total - LIST_LIMIT} more`) : null,
  ];
}

/** @param {string} text */
function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
