// @ts-check
// Pieces several views share: route links, error boxes, badges, tables, definition lists.
import { el } from './dom.js';
import { ApiError } from './api.js';
import { plural } from './format.js';

/** Hash routes (see app.js); every id is encoded, so any character in it is safe in a link. */
export const href = {
  overview: () => '#/',
  collection: (/** @type {string} */ provider, /** @type {string} */ id) => `#/p/${encodeURIComponent(provider)}/c/${encodeURIComponent(id)}`,
  item: (/** @type {string} */ provider, /** @type {string} */ id) => `#/p/${encodeURIComponent(provider)}/i/${encodeURIComponent(id)}`,
  jobs: () => '#/jobs',
  job: (/** @type {string} */ id) => `#/jobs/${encodeURIComponent(id)}`,
};

/** @param {string} page */
export function setTitle(page) {
  document.title = `${page} · Collections studio`;
}

/**
 * An error as the page shows it: the message as text, the code beside it for bug reports.
 * @param {unknown} error
 */
export function errorBox(error) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError || (error instanceof Error && 'code' in error) ? String(/** @type {any} */ (error).code) : undefined;
  return el('div', { role: 'alert', class: 'error' },
    el('p', null, message),
    code === undefined || code === 'STUDIO_UNAUTHORIZED' ? null : el('p', { class: 'code' }, code));
}

/** @param {string} text @param {string} [kind] */
export function badge(text, kind = '') {
  return el('span', { class: `badge ${kind}`.trim() }, text);
}

/**
 * A table whose overflow scrolls inside its box, so a narrow window never scrolls sideways.
 * @param {string} caption @param {import('./dom.js').Child[]} headers @param {Node[]} rows @param {string} [className]
 */
export function table(caption, headers, rows, className = '') {
  return el('div', { class: 'table-wrap' },
    el('table', { class: className || null },
      el('caption', null, caption),
      el('thead', null, el('tr', null, headers.map((header) => el('th', { scope: 'col' }, header)))),
      el('tbody', null, rows)));
}

/**
 * `<dl>` from [term, value] pairs; pairs whose value is undefined are left out.
 * @param {[string, import('./dom.js').Child][]} pairs
 */
export function details(pairs) {
  return el('dl', { class: 'details' },
    pairs.filter(([, value]) => value !== undefined).map(([term, value]) => el('div', null, el('dt', null, term), el('dd', null, value))));
}

/** A line of status text for a table row the server left empty. @param {string} text */
export function note(text) {
  return el('p', { class: 'note' }, text);
}

/**
 * The collection last shown, so an item opened from it can link back (the item route itself
 * names no collection: an item can be in several).
 * @type {{ collection?: { provider: string, id: string, name: string } }}
 */
export const recent = {};

/**
 * What an action does, in words: "delete 250 items", "move 3 items to Archive".
 * @param {import('./api.js').Action} action
 * @param {number} n
 * @param {{ membership?: 'exclusive' | 'multiple', collection?: string, target?: string }} [names]
 */
export function describeAction(action, n, names = {}) {
  const items = plural(n, 'item');
  const target = names.target ?? 'another collection';
  switch (action) {
    case 'deleteItems': return `delete ${items}`;
    case 'removeItems': return `remove ${items} from ${names.collection ?? 'the collection'}`;
    // On an 'exclusive' provider an item lives in one collection: adding it moves it.
    case 'addItems': return `${names.membership === 'exclusive' ? 'move' : 'add'} ${items} to ${target}`;
    case 'moveItems': return `move ${items} to ${target}`;
    case 'deleteCollection': return `delete collection ${names.collection ?? ''}`.trim();
    default: return String(action);
  }
}
