// @ts-check
// An action's dry-run plan, its confirmation, then the run's live progress and result, in one
// modal dialog. Nothing is written before "Confirm and run": opening the dialog only asks the
// server for a plan, and the server runs only a plan it issued, confirmed the way it asked.
import { el, replace, uid } from '../dom.js';
import { createPlan, startJob } from '../api.js';
import { errorBox, href } from '../ui.js';
import { clockTime, duration, percent, plural } from '../format.js';
import { jobBlock } from './job-progress.js';

/** @typedef {import('../api.js').PlanView} PlanView */
/** @typedef {import('../api.js').JobView} JobView */

/** The plan lists this many affected ids; the rest are counted. */
const SHOWN_IDS = 20;
/** Skipped ids each carry a reason worth reading, so more of them are listed. */
const SHOWN_SKIPPED = 200;

/**
 * @param {{
 *   request: import('../api.js').PlanRequest,
 *   title: string,
 *   destructive: boolean,
 *   signal: AbortSignal,
 *   onClose: (job: JobView | undefined) => void,
 * }} options
 * `title`: the action in words ("delete 250 items"); `onClose` is called once the dialog has
 * closed by the user's hand (not when the page is left), with the job if one was started.
 */
export function openActionDialog({ request, title, destructive, signal, onClose }) {
  const headingId = uid('dialog-heading');
  const local = new AbortController();
  /** @type {'planning' | 'plan' | 'starting' | 'running' | 'done'} */
  let state = 'planning';
  /** @type {ReturnType<typeof jobBlock> | undefined} */
  let block;

  const body = el('div', { class: 'dialog-body' }, el('p', { class: 'loading' }, 'Planning… (nothing is changed yet)'));
  const cancel = el('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel');
  const confirm = el('button', { type: 'submit', class: destructive ? 'danger solid' : 'primary', disabled: true }, 'Confirm and run');
  const footer = el('div', { class: 'dialog-footer' }, cancel, confirm);
  /** @type {HTMLInputElement | undefined} */
  let typed;
  /** What "Confirm and run" does; nothing until a plan is shown. @type {() => Promise<void>} */
  let run = async () => undefined;
  // A form so Enter in the confirmation field runs it, like the button (form-action 'none' in the
  // CSP is fine: submission never leaves the page).
  const form = el('form', { onsubmit: (/** @type {Event} */ event) => { event.preventDefault(); void run(); } }, body, footer);
  const dialog = el('dialog', { class: 'action-dialog', 'aria-labelledby': headingId },
    el('h2', { id: headingId }, `Plan: ${title}`), form);

  // Escape (the dialog's cancel) must not hide a running job's only progress view.
  dialog.addEventListener('cancel', (event) => { if (state === 'starting' || state === 'running') event.preventDefault(); });
  dialog.addEventListener('close', () => {
    local.abort();
    dialog.remove();
    if (!signal.aborted) onClose(block?.job);
  });
  // Leaving the page takes the dialog (and its event stream) with it.
  signal.addEventListener('abort', () => { if (dialog.open) dialog.close(); });

  document.body.append(dialog);
  dialog.showModal();
  void plan();

  async function plan() {
    /** @type {PlanView} */
    let planView;
    try {
      planView = await createPlan(request, local.signal);
    } catch (error) {
      if (local.signal.aborted) return;
      replace(body, errorBox(error));
      confirm.hidden = true;
      return;
    }
    if (local.signal.aborted) return;
    state = 'plan';
    replace(body, ...planDetails(planView));
    const confirmation = planView.confirmation;
    if (confirmation.kind === 'type-id') {
      const inputId = uid('confirm-id');
      typed = el('input', {
        id: inputId, type: 'text', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
        oninput: () => { confirm.disabled = typed?.value !== confirmation.expected; },
      });
      body.append(el('div', { class: 'field confirm-field' },
        el('label', { for: inputId }, 'Type the collection id to confirm'),
        el('p', { class: 'hint' }, 'The id is ', el('code', null, confirmation.expected)),
        typed));
      typed.focus();
    } else {
      confirm.disabled = false;
    }
    run = async () => {
      if (confirm.disabled || state !== 'plan') return;
      await start(planView.planId, confirmation.kind === 'type-id' ? (typed?.value ?? '') : true);
    };
  }

  /** @param {string} planId @param {true | string} value */
  async function start(planId, value) {
    state = 'starting';
    confirm.disabled = true;
    cancel.disabled = true;
    let job;
    try {
      job = (await startJob(planId, value)).job;
    } catch (error) {
      if (local.signal.aborted) return;
      state = 'plan';
      cancel.disabled = false;
      body.prepend(errorBox(error));
      // A used or expired plan can't be run again: close and preview anew.
      /** @type {any} */
      const code = error;
      confirm.disabled = code?.code === 'STUDIO_PLAN_EXPIRED';
      if (confirm.disabled) cancel.focus();
      return;
    }
    if (local.signal.aborted) return;
    state = 'running';
    const close = el('button', { type: 'button', class: 'primary', onclick: () => dialog.close() }, 'Close');
    block = jobBlock(job, {
      signal: local.signal,
      heading: 'h3',
      onChange: (current) => {
        state = current.status === 'running' ? 'running' : 'done';
        close.hidden = state === 'running';
      },
    });
    replace(body, block.node);
    replace(footer, el('a', { href: href.job(job.id), class: 'button-link' }, 'Open job'), close);
    block.focus();
  }
}

/** The plan in figures, before anything is written. @param {PlanView} plan */
function planDetails(plan) {
  const skipped = plan.skipped;
  const more = plan.affected.length - SHOWN_IDS;
  const requests = `${plural(plan.writeRequests, 'write request')}, ${plural(plan.readRequests, 'read request')}`;
  /** @type {[string, import('../dom.js').Child][]} */
  const rows = [
    ['Requested', String(plan.requested)],
    ['Affected', String(plan.affected.length)],
    ['Skipped', String(skipped.length)],
    ['Requests', requests],
  ];
  // The library's share is of a whole window (requests ÷ limit); what is left right now is said
  // beside it, since a run that needs more than that waits for the window to reset.
  if (plan.quotaShare !== undefined) {
    const left = plan.quota === undefined ? '' : ` · ${plan.quota.remaining} of ${plan.quota.limit} left now`;
    rows.push(['Quota share', `${percent(plan.quotaShare)} of a window${left}`]);
  }
  const waits = plan.quota !== undefined && plan.writeRequests + plan.readRequests > plan.quota.remaining;
  if (plan.etaMs !== undefined) rows.push(['Estimated time', duration(plan.etaMs)]);
  const cascade = plan.cascade;
  return [
    el('dl', { class: 'details plan' }, rows.map(([term, value]) => el('div', null, el('dt', null, term), el('dd', null, value)))),
    cascade === undefined || plan.action !== 'deleteCollection' ? null : el('p', { class: cascade.deletesItems ? 'warning' : 'note' },
      cascade.deletesItems
        ? `Deleting this collection deletes its ${cascade.items === undefined ? 'items' : plural(cascade.items, 'item')}`
        : 'Deleting this collection keeps its items.'),
    waits ? el('p', { class: 'warning' }, 'This needs more requests than the quota has left: the run waits for the window to reset'
      + `${plan.quota?.resetAt === undefined ? '' : ` (at ${clockTime(plan.quota.resetAt)})`}, and you can stop it meanwhile.`) : null,
    plan.affected.length === 0 && plan.action !== 'deleteCollection'
      ? el('p', { class: 'note' }, 'Nothing would change: every id is skipped.') : null,
    skipped.length === 0 ? null : [
      el('h3', null, 'Skipped'),
      el('ul', { class: 'ids' }, skipped.slice(0, SHOWN_SKIPPED).map((entry) => el('li', null, el('code', null, entry.id), ` — ${entry.reason}`))),
      skipped.length > SHOWN_SKIPPED ? el('p', { class: 'note' }, `and ${skipped.length - SHOWN_SKIPPED} more`) : null,
    ],
    plan.affected.length === 0 ? null : [
      el('h3', null, plan.action === 'deleteCollection' ? 'Affected' : 'Affected ids'),
      el('ul', { class: 'ids' }, plan.affected.slice(0, SHOWN_IDS).map((id) => el('li', null, el('code', null, id)))),
      more > 0 ? el('p', { class: 'note' }, `and ${more} more`) : null,
    ],
  ];
}
