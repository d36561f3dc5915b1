// divergence.js — when a loss or a parameter becomes Infinity or NaN, say so in words and offer
// to go back to the last finite state (experiment.restoreFinite()). The controller pauses
// training when check() reports a new divergence.

import { t, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

export class DivergenceView {
  /**
   * @param {HTMLElement} container where the banner goes (first child)
   * @param {() => void} restore go back to the last finite state
   */
  constructor(container, restore) {
    this.root = document.createElement('div');
    this.root.className = 'divergence';
    this.root.setAttribute('role', 'alert');
    this.root.hidden = true;
    this.text = document.createElement('p');
    this.button = document.createElement('button');
    this.button.className = 'text-button restore-finite';
    this.button.addEventListener('click', restore);
    this.root.append(this.text, this.button);
    container.prepend(this.root);
    /** The divergence epoch shown, or -1. */
    this.shown = -1;
  }

  /** Forget what was shown (a new experiment). */
  clear() {
    this.shown = -1;
    this.root.hidden = true;
  }

  /**
   * Shows or hides the banner for the experiment's current divergence.
   * @param {{divergedAt(): number, lastFiniteEpoch(): number}} ex
   * @returns {boolean} true when the experiment has just diverged (not shown before)
   */
  check(ex) {
    const at = ex.divergedAt();
    if (at === this.shown) return false;
    this.shown = at;
    this.root.hidden = at < 0;
    if (at < 0) return false;
    const back = ex.lastFiniteEpoch();
    this.text.textContent = t('divergence.text', at);
    this.button.textContent = t('divergence.back', back);
    return true;
  }
}
