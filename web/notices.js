// notices.js — what the URL asked for that the engine ignored or corrected, and why, in a
// visible, dismissible banner. Every string from the URL goes in through textContent only.

import { el } from './dom.js';
import { t, addEnglish, wordReason } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

export class NoticesView {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.root = el('div', 'notices', container);
    this.root.setAttribute('role', 'status');
    this.root.hidden = true;
    const head = el('div', 'notices-head', this.root);
    el('strong', '', head, t('notices.head'));
    const close = /** @type {HTMLButtonElement} */ (el('button', 'notices-close', head, '×'));
    close.title = t('notices.dismiss');
    close.setAttribute('aria-label', t('notices.dismiss'));
    close.addEventListener('click', () => { this.root.hidden = true; });
    this.list = el('ul', '', this.root);
  }

  /** @param {import('./types.js').Notice[]} notices */
  update(notices) {
    this.list.replaceChildren();
    for (const n of notices) {
      const li = el('li', '', this.list);
      el('code', '', li, n.value === undefined || n.value === null ? String(n.param) : `${n.param}=${n.value}`);
      li.append(`: ${wordReason(n.reason)}`);
    }
    this.root.hidden = notices.length === 0;
  }
}
