// @ts-check
// The router: hash routes, so the server serves one page and a reload or a shared link opens the
// same view. Each view gets an AbortSignal that fires when the user leaves it: fetches, event
// streams and dialogs of a view that is no longer shown stop with it.
import { el, replace } from './dom.js';
import { errorBox, setTitle } from './ui.js';
import { renderOverview } from './views/overview.js';
import { renderCollection } from './views/collection.js';
import { renderItem } from './views/item.js';
import { renderJobs } from './views/jobs.js';
import { renderJob } from './views/job.js';

/**
 * @typedef {(main: HTMLElement, params: string[], signal: AbortSignal) => Promise<void>} View
 * @type {[RegExp, View, 'overview' | 'jobs' | null][]}
 */
const ROUTES = [
  [/^#?\/?$/, renderOverview, 'overview'],
  [/^#\/p\/([^/]+)\/c\/([^/]+)$/, renderCollection, null],
  [/^#\/p\/([^/]+)\/i\/([^/]+)$/, renderItem, null],
  [/^#\/jobs\/?$/, renderJobs, 'jobs'],
  [/^#\/jobs\/([^/]+)$/, renderJob, 'jobs'],
];

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
/** @type {AbortController | undefined} */
let current;
let firstRender = true;

async function show() {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const { signal } = controller;
  const hash = location.hash;
  const match = matchRoute(hash);
  markNav(match?.section ?? null);
  replace(main, el('p', { class: 'loading' }, 'Loading…'));
  try {
    if (match === undefined) notFound();
    else await match.view(main, match.params, signal);
  } catch (error) {
    if (signal.aborted) return;
    setTitle('Error');
    replace(main, el('h1', { tabindex: '-1' }, 'Something went wrong'), errorBox(error));
  }
  if (signal.aborted) return;
  // After a navigation, move focus to the new page's heading so keyboard and screen-reader
  // users start at the top of what changed (the first load keeps the browser's default).
  if (!firstRender) main.querySelector('h1')?.focus({ preventScroll: false });
  firstRender = false;
}

/** @param {string} hash */
function matchRoute(hash) {
  for (const [pattern, view, section] of ROUTES) {
    const found = pattern.exec(hash);
    if (found === null) continue;
    try {
      return { view, section, params: found.slice(1).map((part) => decodeURIComponent(part)) };
    } catch {
      return undefined; // malformed %-encoding
    }
  }
  return undefined;
}

function notFound() {
  setTitle('Not found');
  replace(main, el('h1', { tabindex: '-1' }, 'Not found'), el('p', null, 'There is no page at this address. Use the navigation above.'));
}

/** @param {'overview' | 'jobs' | null} section */
function markNav(section) {
  for (const link of document.querySelectorAll('nav a[data-section]')) {
    if (link.getAttribute('data-section') === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

window.addEventListener('hashchange', () => void show());
void show();
