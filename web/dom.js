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

/**
 * Sets `e`'s text in place: its one text node's data changes, so no node is removed or inserted
 * (a number redrawn every frame restyles nothing); nothing is written when the text is the same.
 * @param {HTMLElement} e @param {string} text
 */
export function setText(e, text) {
  const t = e.firstChild;
  if (t && t.nodeType === Node.TEXT_NODE && !t.nextSibling) {
    const node = /** @type {Text} */ (t);
    if (node.data !== text) node.data = text;
  } else {
    e.textContent = text;
  }
}

/** @param {string} id @returns {HTMLElement} the page's element with that id */
export function byId(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}
