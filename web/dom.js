// dom.js — the one way the views make elements: text goes in as textContent, never as HTML.

/**
 * A new `tag` element with class `cls`, text `text`, appended to `parent` (each when given).
 * @param {string} tag @param {string} [cls] @param {HTMLElement} [parent] @param {string} [text]
 * @returns {HTMLElement}
 */
export function el(tag, cls, parent, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

/** @param {string} id @returns {HTMLElement} the page's element with that id */
export function byId(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}
