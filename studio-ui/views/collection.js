// @ts-check
// One collection: its details, a page of its items with selection, and the bulk actions, each of
// which opens the plan dialog (action-dialog.js) rather than changing anything itself.
import { el, replace, uid } from '../dom.js';
import { ApiError, forgetOverview, getCollection, getItems, overview } from '../api.js';
import { badge, describeAction, details, errorBox, href, recent, setTitle, table } from '../ui.js';
import { count, dateTime } from '../format.js';
import { openActionDialog } from './action-dialog.js';

/**
 * @typedef {import('../api.js').ProviderOverview} ProviderOverview
 * @typedef {import('../api.js').CollectionView} CollectionView
 * @typedef {import('../api.js').ItemView} ItemView
 * @typedef {import('../api.js').Action} Action
 */

const PAGE_SIZES = [25, 50, 100, 250, 500];

/** @param {HTMLElement} main @param {string[]} params @param {AbortSignal} signal */
export async function renderCollection(main, [providerName, collectionId], signal) {
  // The selection outlives paging (select on several pages, act once); a finished action clears it.
  /** @type {{ offset: number, limit: number, hasMore: boolean, items: ItemView[], selected: Set<string> }} */
  const state = { offset: 0, limit: 50, hasMore: false, items: [], selected: new Set() };
  await load(false);

  /** @param {boolean} fresh re-read the provider's collections too (after a change) */
  async function load(fresh) {
    const [providers, { collection }] = await Promise.all([
      overview({ fresh }),
      getCollection(providerName, collectionId, signal),
      readPage(),
    ]);
    if (signal.aborted) return;
    const provider = providers.find((candidate) => candidate.name === providerName);
    if (provider === undefined) throw new ApiError('STUDIO_NOT_FOUND', `No provider named "${providerName}" in this studio.`);
    recent.collection = { provider: providerName, id: collection.id, name: collection.name };
    setTitle(collection.name || collection.id);
    render(provider, collection);
  }

  /** Reads the page at state.offset; an emptied last page steps back to the one before. */
  async function readPage() {
    let page = await getItems(providerName, collectionId, state.offset, state.limit, signal);
    while (page.items.length === 0 && state.offset > 0) {
      state.offset = Math.max(0, state.offset - state.limit);
      page = await getItems(providerName, collectionId, state.offset, state.limit, signal);
    }
    state.items = page.items;
    state.hasMore = page.hasMore;
  }

  /** @param {ProviderOverview} provider @param {CollectionView} collection */
  function render(provider, collection) {
    const { capabilities } = provider;
    const others = (provider.collections ?? []).filter((candidate) => candidate.id !== collection.id);

    // --- selection and paging -------------------------------------------------------------
    const selection = el('p', { class: 'selection', 'aria-live': 'polite' });
    const selectAll = el('input', {
      type: 'checkbox', 'aria-label': 'Select all on this page',
      onchange: () => {
        for (const item of state.items) {
          if (selectAll.checked) state.selected.add(item.id);
          else state.selected.delete(item.id);
        }
        for (const box of tbody.querySelectorAll('input[type=checkbox]')) /** @type {HTMLInputElement} */ (box).checked = selectAll.checked;
        selectionChanged();
      },
    });
    const clear = el('button', { type: 'button', class: 'quiet', onclick: () => { state.selected.clear(); showPage(); } }, 'Clear selection');
    const sizeId = uid('page-size');
    const size = el('select', {
      id: sizeId,
      onchange: () => { state.limit = Number(size.value); state.offset = 0; void turnPage(); },
    }, PAGE_SIZES.map((n) => el('option', { value: String(n), selected: n === state.limit }, String(n))));
    const previous = el('button', { type: 'button', onclick: () => { state.offset = Math.max(0, state.offset - state.limit); void turnPage(); } }, 'Previous page');
    const next = el('button', { type: 'button', onclick: () => { state.offset += state.limit; void turnPage(); } }, 'Next page');
    const range = el('span', { class: 'range' });
    const pageError = el('div');
    const tableBox = table('Items', [el('span', { class: 'check' }, selectAll), 'Id', 'Type', 'Name', 'Created'], [], 'items');
    const tbody = /** @type {HTMLTableSectionElement} */ (tableBox.querySelector('tbody'));

    // --- actions ----------------------------------------------------------------------------
    const targetId = uid('target');
    const target = el('select', { id: targetId, disabled: others.length === 0 },
      others.length === 0 ? el('option', { value: '' }, 'No other collection') : others.map((other) => el('option', { value: other.id },
        // Names need not be unique: the id tells two alike apart.
        others.some((o) => o !== other && o.name === other.name) ? `${other.name} (${other.id})` : other.name || other.id)));
    /** @type {HTMLButtonElement[]} */
    const itemButtons = [];
    /** @type {HTMLButtonElement[]} */
    const targetButtons = [];
    /** @param {string} label @param {Action} action @param {string} [className] */
    const itemButton = (label, action, className = '') => {
      const button = el('button', { type: 'button', class: className || null, onclick: () => act(action) }, label);
      itemButtons.push(button);
      return button;
    };
    /** @param {string} label @param {Action} action */
    const targetButton = (label, action) => {
      const button = itemButton(label, action);
      targetButtons.push(button);
      return button;
    };
    const protectedWhy = 'This is the provider\'s protected collection: it cannot be deleted.';
    const toolbar = el('div', { role: 'toolbar', 'aria-label': 'Actions', class: 'toolbar' },
      el('div', { class: 'group' },
        itemButton('Delete items', 'deleteItems', 'danger'),
        capabilities.removeItems === false ? null : itemButton('Remove from collection', 'removeItems')),
      el('div', { class: 'group' },
        el('label', { for: targetId }, 'Target collection'), target,
        capabilities.membership === 'multiple' ? targetButton('Add to collection', 'addItems') : null,
        targetButton('Move to collection', capabilities.membership === 'multiple' ? 'moveItems' : 'addItems')),
      el('div', { class: 'group end' },
        el('button', {
          type: 'button', class: 'danger', disabled: collection.isProtected,
          title: collection.isProtected ? protectedWhy : null, onclick: () => act('deleteCollection'),
        }, 'Delete collection')));

    // --- look up --------------------------------------------------------------------------
    const lookupHeading = uid('lookup');
    const lookupInput = uid('item-id');
    const lookup = el('form', {
      class: 'lookup', 'aria-labelledby': lookupHeading,
      onsubmit: (/** @type {Event} */ event) => {
        event.preventDefault();
        const id = /** @type {HTMLInputElement} */ (lookup.elements.namedItem('item-id')).value.trim();
        if (id !== '') location.hash = href.item(providerName, id);
      },
    },
    el('h2', { id: lookupHeading }, 'Look up an item'),
    el('div', { class: 'inline-field' },
      el('label', { for: lookupInput }, 'Item id'),
      el('input', { id: lookupInput, name: 'item-id', type: 'text', required: true, autocomplete: 'off', spellcheck: 'false' }),
      el('button', { type: 'submit' }, 'Look up')));

    replace(main,
      el('p', { class: 'eyebrow' }, provider.displayName),
      el('h1', { tabindex: '-1' }, collection.name || collection.id),
      el('div', { class: 'collection-head' },
        details([
          ['Id', el('code', null, collection.id)],
          ['Description', collection.description],
          ['Items', count(collection.itemCount)],
          ['Created', dateTime(collection.createdAt)],
          ['Updated', collection.updatedAt === undefined ? undefined : dateTime(collection.updatedAt)],
          ['Flags', collection.isDefault || collection.isProtected
            ? [collection.isDefault ? badge('default') : null, collection.isProtected ? badge('protected', 'protected') : null] : undefined],
        ]),
        lookup),
      toolbar,
      el('div', { class: 'selection-bar' }, selection, clear),
      el('div', { class: 'pager' },
        el('span', { class: 'inline-field' }, el('label', { for: sizeId }, 'Items per page'), size),
        el('span', { class: 'pager-buttons' }, previous, range, next)),
      pageError,
      tableBox);
    showPage();

    async function turnPage() {
      previous.disabled = next.disabled = size.disabled = true;
      // The old range would describe rows that are about to go.
      range.textContent = 'Loading…';
      replace(pageError);
      try {
        await readPage();
      } catch (error) {
        if (signal.aborted) return;
        replace(pageError, errorBox(error));
      }
      if (signal.aborted) return;
      size.disabled = false;
      showPage();
    }

    function showPage() {
      replace(tbody, state.items.length === 0
        ? el('tr', null, el('td', { colspan: '5', class: 'empty' }, 'No items.'))
        : state.items.map((item) => el('tr', null,
          el('td', { class: 'check' }, el('input', {
            type: 'checkbox', 'aria-label': `Select ${item.id}`, checked: state.selected.has(item.id),
            onchange: (/** @type {Event} */ event) => {
              if (/** @type {HTMLInputElement} */ (event.currentTarget).checked) state.selected.add(item.id);
              else state.selected.delete(item.id);
              selectionChanged();
            },
          })),
          el('td', { class: 'id' }, el('a', { href: href.item(providerName, item.id) }, item.id)),
          el('td', null, item.type ?? '—'),
          el('td', { class: 'name' }, item.name ?? '—'),
          el('td', { class: 'date' }, dateTime(item.createdAt)))));
      range.textContent = state.items.length === 0 ? 'No items' : `Items ${state.offset + 1}–${state.offset + state.items.length}`;
      previous.disabled = state.offset === 0;
      next.disabled = !state.hasMore;
      selectionChanged();
    }

    function selectionChanged() {
      const n = state.selected.size;
      selection.textContent = `${n} selected`;
      clear.disabled = n === 0;
      for (const button of itemButtons) button.disabled = n === 0 || (targetButtons.includes(button) && others.length === 0);
      const onPage = state.items.filter((item) => state.selected.has(item.id)).length;
      selectAll.checked = onPage > 0 && onPage === state.items.length;
      selectAll.indeterminate = onPage > 0 && onPage < state.items.length;
      selectAll.disabled = state.items.length === 0;
    }

    /** @param {Action} action */
    function act(action) {
      const ids = [...state.selected];
      const targetCollection = others.find((other) => other.id === target.value);
      const whole = action === 'deleteCollection';
      openActionDialog({
        request: {
          provider: providerName,
          action,
          // The collection shown goes with every action, so the job can link back to it.
          collectionId: collection.id,
          ...(action === 'addItems' || action === 'moveItems' ? { targetCollectionId: target.value } : {}),
          ...(whole ? {} : { ids }),
        },
        title: describeAction(action, ids.length, {
          membership: capabilities.membership, collection: collection.name || collection.id, target: targetCollection?.name,
        }),
        destructive: action === 'deleteItems' || whole,
        signal,
        onClose: (job) => void afterAction(job),
      });
    }
  }

  /** After a run the data changed: re-read it (or leave, when the collection is gone). @param {import('../api.js').JobView | undefined} job */
  async function afterAction(job) {
    if (job === undefined) return;
    forgetOverview();
    if (job.action === 'deleteCollection' && job.status === 'succeeded') {
      location.hash = href.overview();
      return;
    }
    state.selected.clear();
    try {
      await load(true);
    } catch (error) {
      if (signal.aborted) return;
      replace(main, el('h1', { tabindex: '-1' }, 'Collection'), errorBox(error));
    }
    if (!signal.aborted) main.querySelector('h1')?.focus();
  }
}
