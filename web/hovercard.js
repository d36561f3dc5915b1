// hovercard.js — the network diagram's weight/bias card: shows the value of the link or bias
// under the mouse (or of a neuron's bias and incoming weights, from the keyboard); typing a
// number and Enter sets it.

import { formatParam } from './palette.js';
import { el } from './dom.js';
import { t as tr, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/** @typedef {import('./network.js').NetworkHandlers} NetworkHandlers */

/** The weight/bias hovercard: shows the value; typing a number and Enter sets it. Opened from
 * a neuron with the keyboard, it keeps the focus: ↑ ↓ move through the neuron's bias and
 * incoming weights, Escape gives the focus back to the neuron. */
export class HoverCard {
  /**
   * @param {HTMLElement} parent @param {NetworkHandlers} handlers
   * @param {(target: import('./links.js').LinkTarget) => string} name the field's label
   */
  constructor(parent, handlers, name) {
    this.h = handlers;
    this.name = name;
    this.root = el('div', 'hovercard', parent);
    this.root.hidden = true;
    const label = el('label', '', this.root);
    this.kind = el('span', 'hc-label', label);
    this.input = /** @type {HTMLInputElement} */ (el('input', 'hc-input', label));
    this.input.type = 'text';
    this.input.inputMode = 'decimal';
    this.input.spellcheck = false;
    this.hint = el('div', 'hc-hint', this.root, tr('network.cardHint'));
    this.hint.id = 'hc-hint';
    this.hint.hidden = true;
    /** @type {import('./links.js').LinkTarget | null} */
    this.target = null;
    /** Opened from the keyboard: the neuron's bias and weights, the one shown, the neuron.
     * @type {import('./links.js').LinkTarget[]} */
    this.list = [];
    this.at = 0;
    /** @type {HTMLElement | null} */
    this.returnTo = null;
    this.input.addEventListener('keydown', (e) => {
      const n = this.list.length;
      if (e.key === 'Enter') this.commit();
      else if (e.key === 'Escape') {
        const back = this.returnTo;
        this.hide();
        back?.focus();
      } else if (n > 1 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        this.at = (this.at + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
        this.place(this.list[this.at]);
        this.input.select();
      }
    });
    // From the keyboard the card lives while its field has the focus.
    this.input.addEventListener('blur', () => { if (this.returnTo) this.hide(); });
    // Enter commits and Chrome then fires change too: commit on change only what Enter did not.
    this.dirty = false;
    this.input.addEventListener('input', () => { this.dirty = true; });
    this.input.addEventListener('change', () => { if (this.dirty) this.commit(); });
    this.root.addEventListener('mouseleave', () => this.leave());
  }

  /** @param {Node} node */
  contains(node) { return this.root.contains(node); }

  /** @param {import('./links.js').LinkTarget} target */
  show(target) {
    if (document.activeElement === this.input && this.target) return;
    this.place(target);
  }

  /**
   * Opens the card on a neuron's first target with the focus in its field.
   * @param {import('./links.js').LinkTarget[]} list @param {HTMLElement} from the neuron
   */
  open(list, from) {
    this.list = list;
    this.at = 0;
    this.place(list[0]);
    this.returnTo = from;
    this.hint.hidden = false;
    this.input.setAttribute('aria-describedby', this.hint.id);
    this.input.focus();
    this.input.select();
  }

  /** @param {import('./links.js').LinkTarget} target */
  place(target) {
    const same = this.target && this.target.param === target.param;
    this.target = target;
    this.root.hidden = false;
    this.root.dataset.kind = target.kind;
    this.kind.textContent = tr(target.kind === 'bias' ? 'network.bias' : 'network.weight');
    this.input.setAttribute('aria-label', this.name(target));
    if (!same) {
      this.root.style.left = `${target.x + 8}px`;
      this.root.style.top = `${target.y - 30}px`;
      this.input.classList.remove('invalid');
      this.input.value = formatParam(this.h.paramValue(target.param));
    }
  }

  /** The mouse left the link: hide unless the user is typing. */
  leave() {
    if (document.activeElement !== this.input) this.hide();
  }

  hide() {
    this.root.hidden = true;
    this.target = null;
    this.list = [];
    this.returnTo = null;
    this.hint.hidden = true;
    this.input.removeAttribute('aria-describedby');
    if (document.activeElement === this.input) this.input.blur();
  }

  /** @param {Float64Array} params */
  refresh(params) {
    if (!this.target || document.activeElement === this.input) return;
    const text = formatParam(params[this.target.param]);
    if (this.input.value !== text) this.input.value = text;
  }

  commit() {
    const t = this.target;
    const text = this.input.value.trim();
    const value = Number(text);
    if (!t || text === '' || !Number.isFinite(value)) { this.input.classList.add('invalid'); return; }
    this.input.classList.remove('invalid');
    this.dirty = false;
    if (t.kind === 'bias') this.h.setBias(t.layer, t.node, value);
    else this.h.setWeight(t.layer, t.from, t.to, value);
    if (!this.returnTo) this.input.blur();
  }
}
