// @ts-check
// One item: the library's normalized fields, then the vendor's own JSON exactly as it came
// (as text: it is vendor data), for when the normalized view isn't enough.
import { el, replace } from '../dom.js';
import { getItem, overviewSoon } from '../api.js';
import { details, errorBox, href, recent, setTitle } from '../ui.js';
import { dateTime } from '../format.js';

/** @param {HTMLElement} main @param {string[]} params @param {AbortSignal} signal */
export async function renderItem(main, [providerName, itemId], signal) {
  setTitle(itemId);
  // Names for the provider and the item's collections; the item shows without them.
  const providers = await overviewSoon();
  const provider = providers?.find((candidate) => candidate.name === providerName);
  /** @param {string} id */
  const collectionName = (id) => provider?.collections?.find((collection) => collection.id === id)?.name || id;
  const from = recent.collection?.provider === providerName ? recent.collection : undefined;
  const back = from === undefined ? null
    : el('p', { class: 'back' }, el('a', { href: href.collection(providerName, from.id) }, `Back to ${from.name || from.id}`));
  const head = [el('p', { class: 'eyebrow' }, provider?.displayName ?? providerName), el('h1', { tabindex: '-1' }, itemId), back];

  let answer;
  try {
    answer = await getItem(providerName, itemId, signal);
  } catch (error) {
    if (signal.aborted) return;
    replace(main, ...head, errorBox(error));
    return;
  }
  if (signal.aborted) return;
  const { item, raw } = answer;
  const json = JSON.stringify(raw, null, 2);
  replace(main, ...head,
    details([
      ['Type', item.type ?? '—'],
      ['Name', item.name ?? '—'],
      ['Created', dateTime(item.createdAt)],
      ['Collections', item.collectionIds === undefined ? '—' : item.collectionIds.length === 0 ? 'none'
        : el('ul', { class: 'inline-list' }, item.collectionIds.map((id) => el('li', null,
          el('a', { href: href.collection(providerName, id) }, collectionName(id)))))],
    ]),
    el('h2', null, 'Vendor JSON'),
    // Focusable so a keyboard can scroll it sideways; textContent, so it is only ever text.
    el('pre', { class: 'raw', tabindex: '0' }, json === undefined ? '(none)' : json));
}
