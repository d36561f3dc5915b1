// goals.js — the link's goals (goalTrainLoss, goalTestLoss): a line under the losses that says
// each goal ("Goal: test loss ≤ 0.05") and, once, the epoch at which it was first reached. In an
// iframe it also tells the host page (`nnplay:goal`, README "Embedding"). lecture.js imports this
// module for the first experiment that has a goal, so a plain link does not fetch it.

import { el } from './dom.js';
import { t, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/** The goals: URL parameter, loss curve column (0 train, 1 test), words (a string key), name in messages. */
const GOALS = /** @type {const} */ ([
  ['goalTrainLoss', 0, 'goals.train', 'trainLoss'],
  ['goalTestLoss', 1, 'goals.test', 'testLoss'],
]);

/**
 * @typedef {import('./types.js').Experiment} Experiment
 * @typedef {{name: string, column: number, threshold: number, line: HTMLElement, text: string,
 *   reached: number}} Goal reached: the first epoch whose loss was at most `threshold`, or -1
 */

export class Goals {
  /** Puts the goals' line under the loss numbers of the output column. */
  constructor() {
    // Styled as the loss numbers are: no stylesheet rule of its own.
    this.root = el('div', 'losses goals');
    this.root.setAttribute('role', 'status');
    /** @type {HTMLElement} */ (document.querySelector('.output-panel .losses')).after(this.root);
    /** @type {Goal[]} */
    this.goals = [];
    /** The first loss curve row to look at (the last row is looked at again: a hand edit
     * rewrites it). */
    this.next = 0;
  }

  /** A new experiment: its goals, none reached. @param {import('./types.js').EngineState} state */
  load(state) {
    this.root.replaceChildren();
    this.goals = [];
    for (const [param, column, words, name] of GOALS) {
      const threshold = state[param];
      if (typeof threshold !== 'number') continue;
      const text = t('goals.goal', t(words), threshold);
      this.goals.push({ name, column, threshold, text, line: el('div', 'goal', this.root, text), reached: -1 });
    }
    this.root.hidden = this.goals.length === 0;
    this.next = 0;
  }

  /**
   * After a redraw: looks at the loss curve's rows since the last look (rows not evaluated are
   * skipped) and says when a goal is first reached. A reset or a return to an earlier epoch
   * forgets what was reached after it.
   * @param {Experiment} ex
   */
  check(ex) {
    if (this.goals.length === 0) return;
    const epoch = ex.epoch;
    if (epoch < this.next) {
      this.next = epoch;
      for (const g of this.goals) if (g.reached > epoch) this.show(g, -1);
    }
    const curve = ex.lossCurveView();
    for (const g of this.goals) {
      if (g.reached >= 0) continue;
      for (let row = this.next; row <= epoch; row++) {
        const loss = curve[2 * row + g.column];
        // -1: a row training did not evaluate (losses are never negative)
        if (loss >= 0 && loss <= g.threshold) {
          this.show(g, row);
          break;
        }
      }
    }
    this.next = epoch;
  }

  /** @param {Goal} g @param {number} epoch the epoch it was reached at, or -1 (not reached) */
  show(g, epoch) {
    g.reached = epoch;
    g.line.textContent = epoch < 0 ? g.text : t('goals.reached', g.text, epoch);
    g.line.classList.toggle('reached', epoch >= 0);
    if (epoch >= 0 && window.parent !== window) {
      // The link's own numbers, public to whoever has the link: any origin may hear them.
      window.parent.postMessage({ type: 'nnplay:goal', goal: g.name, threshold: g.threshold, epoch }, '*');
    }
  }
}
