// @ts-check
// The one way the studio builds DOM. Strings become text nodes, never markup, so vendor data
// (names, ids, messages) can't inject HTML; nothing here parses a string as HTML.

/** @typedef {Node | string | number | null | undefined | false | ChildList} Child */
/** @typedef {Array<Child>} ChildList */

/**
 * `el('a', { href, class: 'x', onclick }, 'text', child)`.
 * Attributes: `class`; `on<event>` functions become listeners; `true` sets an empty attribute,
 * `false`/`null`/`undefined` leave it out; `value`, `checked`, `disabled`, `indeterminate` and
 * `hidden` are set as properties (they are state, not markup). There is no `style`: the CSP
 * forbids style attributes, use classes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    } else if (key === 'class') {
      node.className = String(value);
    } else if (PROPERTIES.has(key)) {
      /** @type {any} */ (node)[key] = value;
    } else if (key === 'style') {
      throw new TypeError('el(): no style attributes (the CSP blocks them); use a class');
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'indeterminate', 'hidden', 'selected']);

/**
 * @param {Node} parent
 * @param {Child[]} children
 */
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/**
 * Replaces a node's children (text stays text).
 * @param {Element} node
 * @param {...Child} children
 */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

let nextId = 0;
/** A document-unique id for aria-labelledby / label-for pairs. @param {string} prefix */
export function uid(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
