// @ts-check
// Every configured provider side by side: quota, credential, and its collections.
import { el, replace } from '../dom.js';
import { overview } from '../api.js';
import { badge, errorBox, href, setTitle, table } from '../ui.js';
import { clockTime, count, dateTime } from '../format.js';

/** @typedef {import('../api.js').ProviderOverview} ProviderOverview */

/** @param {HTMLElement} main @param {string[]} _params @param {AbortSignal} signal */
export async function renderOverview(main, _params, signal) {
  setTitle('Overview');
  // Always fresh here: this is where people come to see the current state.
  const providers = await overview({ fresh: true });
  if (signal.aborted) return;
  replace(main,
    el('h1', { tabindex: '-1' }, 'Collections studio'),
    el('div', { class: 'providers' }, providers.map(providerSection)));
}

/** @param {ProviderOverview} provider */
function providerSection(provider) {
  const { quota, credential } = provider;
  return el('section', { class: 'provider card', 'aria-label': provider.displayName },
    el('div', { class: 'provider-head' },
      el('h2', null, provider.displayName),
      provider.emulator ? badge('emulator', 'emulator') : null),
    quota === undefined ? null : el('p', { class: 'quota' },
      `Quota: ${quota.remaining} of ${quota.limit} left`,
      quota.resetAt === undefined ? '' : ` · resets ${clockTime(quota.resetAt)}`),
    credential?.expiresAt === undefined ? null : el('p', { class: 'credential' },
      `Token expires ${dateTime(credential.expiresAt)} ${credential.renews ? '(renews automatically)' : '(does not renew)'}`),
    provider.error === undefined ? null : errorBox(Object.assign(new Error(provider.error.message), { code: provider.error.code })),
    provider.collections === undefined ? null : collectionsTable(provider));
}

/** @param {ProviderOverview} provider */
function collectionsTable(provider) {
  const collections = provider.collections ?? [];
  const rows = collections.map((collection) => el('tr', null,
    // Flags beside the name and the long ids last, so what matters fits a half-width card.
    el('td', { class: 'name' },
      el('a', { href: href.collection(provider.name, collection.id) }, collection.name || '(unnamed)'),
      collection.isDefault ? badge('default') : null,
      collection.isProtected ? badge('protected', 'protected') : null),
    el('td', { class: 'num' }, count(collection.itemCount)),
    el('td', { class: 'date' }, dateTime(collection.createdAt)),
    el('td', { class: 'date' }, dateTime(collection.updatedAt)),
    el('td', { class: 'id' }, el('code', null, collection.id))));
  if (rows.length === 0) rows.push(el('tr', null, el('td', { colspan: '5', class: 'empty' }, 'No collections.')));
  return table('Collections', ['Name', 'Items', 'Created', 'Updated', 'Id'], rows);
}
