// accuracy.js — test and training accuracy beside the losses (classification only), and the
// check box that adds both accuracy curves to the loss chart (dashed, on a 0–100 % scale).

import { el, setText } from './dom.js';
import { t } from './i18n.js';

/** @param {number} v a fraction @returns {string} */
export function formatAccuracy(v) {
  return Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '–';
}

export class AccuracyView {
  /**
   * @param {HTMLElement} after the element the row follows (the losses)
   * @param {HTMLElement} toggles where the check box goes (beside "Show test data")
   * @param {(show: boolean) => void} showCurve
   * @param {() => void} confusion the confusion matrix button was pressed
   */
  constructor(after, toggles, showCurve, confusion) {
    this.root = document.createElement('div');
    this.root.className = 'losses accuracies';
    after.after(this.root);
    const test = el('div', 'accuracy test', this.root, t('accuracy.test'));
    this.testValue = el('span', 'value', test, '–');
    const train = el('div', 'accuracy train', this.root, t('accuracy.train'));
    this.trainValue = el('span', 'value', train, '–');
    this.confusion = /** @type {HTMLButtonElement} */ (el('button', 'confusion-button', this.root, t('confusion.show')));
    this.confusion.setAttribute('aria-expanded', 'false');
    this.confusion.addEventListener('click', confusion);
    const box = el('div', 'control checkbox', toggles);
    this.toggle = box;
    box.dataset.control = 'showAccuracy';
    const lab = el('label', '', box);
    this.box = /** @type {HTMLInputElement} */ (el('input', '', lab));
    this.box.type = 'checkbox';
    this.box.name = 'showAccuracy';
    el('span', 'label', lab, t('accuracy.show'));
    lab.title = t('accuracy.showTitle');
    this.box.addEventListener('change', () => showCurve(this.box.checked));
    this.lastTrain = NaN;
    this.lastTest = NaN;
  }

  /** Classification has accuracies; regression hides the row. @param {boolean} applies */
  setApplies(applies) {
    this.root.classList.toggle('not-applicable', !applies);
    this.toggle.classList.toggle('not-applicable', !applies);
  }

  /** @param {Float64Array} curve the accuracy curve view @param {number} epoch */
  update(curve, epoch) {
    const tr = curve[2 * epoch];
    const te = curve[2 * epoch + 1];
    if (Object.is(tr, this.lastTrain) && Object.is(te, this.lastTest)) return;
    setText(this.trainValue, formatAccuracy(tr));
    setText(this.testValue, formatAccuracy(te));
    this.lastTrain = tr;
    this.lastTest = te;
  }
}
