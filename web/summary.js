// summary.js — the state in words for screen readers: a visually hidden live region, rewritten
// when training pauses or steps (never while it plays), which a screen reader reads politely.

import { formatLoss } from './palette.js';
import { formatAccuracy } from './accuracy.js';
import { el } from './dom.js';
import { t } from './i18n.js';

/** Cells per side of the grid the predicted share of the plane is counted on. */
const GRID = 20;

/**
 * Epoch, losses, accuracies and what the output predicts, in words.
 * @param {import('./types.js').Experiment} ex @returns {string}
 */
export function describe(ex) {
  const epoch = ex.epoch;
  const { train, test } = ex.loss();
  let text = t('summary.losses', epoch, formatLoss(test), formatLoss(train));
  if (ex.state().problem !== 'classification') return text;
  const acc = ex.accuracy();
  text += ` ${t('summary.accuracy', formatAccuracy(acc.test), formatAccuracy(acc.train))}`;
  const out = ex.evaluateNode(ex.layout().numNodes - 1, GRID);
  let positive = 0;
  for (let i = 0; i < GRID * GRID; i++) if (out[i] >= 0) positive++;
  const share = Math.round((100 * positive) / (GRID * GRID));
  return `${text} ${t('summary.prediction', share, 100 - share)}`;
}

export class StateSummary {
  /**
   * @param {HTMLElement} container
   * @param {() => import('./types.js').Experiment} experiment the live experiment
   */
  constructor(container, experiment) {
    this.root = el('p', 'sr-only state-summary', container);
    this.root.setAttribute('aria-live', 'polite');
    this.experiment = experiment;
    this.queued = false;
  }

  /** Rewrites the summary once the current task is done (a pause may rebuild the experiment). */
  announce() {
    if (this.queued) return;
    this.queued = true;
    setTimeout(() => {
      this.queued = false;
      const text = describe(this.experiment());
      if (this.root.textContent !== text) this.root.textContent = text;
    }, 0);
  }
}
