// training-controls.js — the second row of the top bar: what the lecture adds to TFP's training.
// Optimiser (SGD, momentum, RMSprop, Adam) with only the chosen one's hyperparameters shown,
// weight initialisation, dropout rate and loss. Each is a URL parameter of the same name.
//
// A control that does not apply (Adam's β₁ under SGD, the loss under regression) gets the class
// `not-applicable`; `hidden` stays the controller's, for `<name>_hide=true`.

import { el } from './dom.js';
import { t } from './i18n.js';

/** @typedef {[string, string][]} Options value (as the engine writes it) and label (a string key, i18n.js) */

/** @param {number[]} vs @returns {Options} */
const nums = (vs) => vs.map((v) => [String(v), String(v)]);

export const OPTIMIZERS = /** @type {Options} */ ([['sgd', 'SGD'], ['momentum', 'Momentum'], ['rmsprop', 'RMSprop'], ['adam', 'Adam']]);
export const INITS = /** @type {Options} */ ([['uniform', 'option.uniform'], ['zeros', 'option.zeros'], ['xavier', 'Xavier'], ['he', 'He']]);
export const LOSSES = /** @type {Options} */ ([['square', 'option.square'], ['crossentropy', 'option.crossentropy']]);
export const DROPOUTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * Every control of the row: URL name, label, menu, and when it applies.
 * @type {{name: string, label: string, title: string, options: Options,
 *   applies: (s: import('./types.js').EngineState) => boolean}[]}
 */
const CONTROLS = [
  { name: 'optimizer', label: 'training.optimizer', title: 'training.optimizerTitle', options: OPTIMIZERS, applies: () => true },
  { name: 'momentum', label: 'training.momentum', title: 'training.momentumTitle', options: nums([0, 0.5, 0.8, 0.9, 0.95, 0.99]),
    applies: (s) => s.optimizer === 'momentum' },
  { name: 'rho', label: 'training.rho', title: 'training.rhoTitle', options: nums([0.5, 0.8, 0.9, 0.95, 0.99, 0.999]),
    applies: (s) => s.optimizer === 'rmsprop' },
  { name: 'beta1', label: 'β₁', title: 'training.beta1Title', options: nums([0.5, 0.8, 0.9, 0.95, 0.99]),
    applies: (s) => s.optimizer === 'adam' },
  { name: 'beta2', label: 'β₂', title: 'training.beta2Title', options: nums([0.9, 0.99, 0.999, 0.9999]),
    applies: (s) => s.optimizer === 'adam' },
  { name: 'epsilon', label: 'ε', title: 'training.epsilonTitle', options: nums([1e-8, 1e-7, 1e-6, 1e-4, 0.001, 0.01, 0.1]),
    applies: (s) => s.optimizer === 'rmsprop' || s.optimizer === 'adam' },
  { name: 'init', label: 'training.init', title: 'training.initTitle', options: INITS, applies: () => true },
  { name: 'dropout', label: 'training.dropout', title: 'training.dropoutTitle', options: nums(DROPOUTS),
    applies: (s) => s.networkShape.length > 0 },
  { name: 'loss', label: 'training.loss', title: 'training.lossTitle', options: LOSSES,
    applies: (s) => s.problem === 'classification' },
];

export class TrainingControls {
  /**
   * @param {HTMLElement} container the top bar
   * @param {(values: Record<string, string | null>) => void} set rewrites URL parameters
   */
  constructor(container, set) {
    this.root = el('div', 'controls training-controls', container);
    /** @type {Map<string, {box: HTMLElement, select: HTMLSelectElement, applies: (s: any) => boolean}>} */
    this.items = new Map();
    for (const c of CONTROLS) {
      const box = el('div', 'control', this.root);
      box.dataset.control = c.name;
      box.title = t(c.title);
      const lab = el('label', '', box);
      el('span', 'label', lab, t(c.label));
      const select = /** @type {HTMLSelectElement} */ (el('select', '', lab));
      select.name = c.name;
      for (const [value, text] of c.options) {
        const o = /** @type {HTMLOptionElement} */ (el('option', '', select, t(text)));
        o.value = value;
      }
      // init=zeros is written as initZero=true: drop that too, or zeros would win the conflict.
      select.addEventListener('change', () => set(c.name === 'init' ? { init: select.value, initZero: null } : { [c.name]: select.value }));
      this.items.set(c.name, { box, select, applies: c.applies });
    }
  }

  /** Shows the experiment's values. @param {import('./types.js').EngineState} state */
  update(state) {
    for (const [name, { box, select, applies }] of this.items) {
      const value = String(state[name]);
      let found = false;
      for (const o of Array.from(select.options)) {
        if (o.value === value) found = true;
        if (o.classList.contains('custom') && o.value !== value) o.remove();
      }
      if (!found) {
        // A value from a link that is not on the menu: shown as it is (text only).
        const o = /** @type {HTMLOptionElement} */ (el('option', 'custom', select, value));
        o.value = value;
      }
      select.value = value;
      box.classList.toggle('not-applicable', !applies(state)); // model=perceptron: modes.js
    }
  }
}
