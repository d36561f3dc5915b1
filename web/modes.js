// modes.js — the model (MLP or perceptron) and the page mode (simplified or complete): the
// switches in the lecture bar, and which controls each choice shows.
//
// mode=simplified keeps the essentials — data, features, layers, learning rate, play — and
// hides every other control; complete shows everything (a link's own `<name>_hide` choices
// still apply). model=perceptron hides what a single step neuron does not use.

import { FEATURES } from './urlstate.js';
import { el } from './dom.js';
import { t } from './i18n.js';

/** What simplified mode keeps: `data-control` names. Every other control is hidden. */
export const ESSENTIAL = new Set(['dataset', 'percTrainData', 'noise', 'playButton', 'stepButton', 'resetButton',
  'learningRate', 'numHiddenLayers', ...FEATURES.map((f) => f[0])]);

/** Controls that do nothing for the perceptron (it has no hidden layer, activation, batches,
 * regulariser or optimiser, and only classifies). */
export const NOT_FOR_PERCEPTRON = new Set(['numHiddenLayers', 'activation', 'regularization', 'regularizationRate',
  'batchSize', 'problem', 'optimizer', 'momentum', 'rho', 'beta1', 'beta2', 'epsilon', 'init', 'dropout', 'loss']);

/**
 * Shows the controls the model and mode call for: toggles `lecture-off` on every
 * `[data-control]` under root, and the body classes `mode-simplified` / `model-perceptron`
 * (which hide the page's own complete-only and mlp-only parts).
 * @param {ParentNode} root @param {{mode?: string, model?: string}} state
 */
export function applyModes(root, state) {
  const simplified = state.mode === 'simplified';
  const perceptron = state.model === 'perceptron';
  document.body.classList.toggle('mode-simplified', simplified);
  document.body.classList.toggle('model-perceptron', perceptron);
  for (const node of root.querySelectorAll('[data-control]')) {
    const e = /** @type {HTMLElement} */ (node);
    const name = e.dataset.control ?? '';
    e.classList.toggle('lecture-off', (simplified && !ESSENTIAL.has(name)) || (perceptron && NOT_FOR_PERCEPTRON.has(name)));
  }
}

export class ModeBar {
  /** @param {HTMLElement} container @param {{set(name: string, value: string): void}} handlers */
  constructor(container, handlers) {
    this.root = el('div', 'modebar', container);
    const lab = el('label', 'model-select', this.root);
    el('span', 'label', lab, t('modes.model'));
    this.model = /** @type {HTMLSelectElement} */ (el('select', '', lab));
    this.model.name = 'model';
    for (const [value, text] of [['mlp', t('modes.mlp')], ['perceptron', t('modes.perceptron')]]) {
      const o = /** @type {HTMLOptionElement} */ (el('option', '', this.model, text));
      o.value = value;
    }
    this.model.addEventListener('change', () => handlers.set('model', this.model.value));

    const group = el('div', 'mode-toggle', this.root);
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', t('modes.group'));
    /** @type {Map<string, HTMLButtonElement>} */
    this.buttons = new Map();
    for (const [mode, text, title] of [
      ['simplified', t('modes.simplified'), t('modes.simplifiedTitle')],
      ['complete', t('modes.complete'), t('modes.completeTitle')],
    ]) {
      const b = /** @type {HTMLButtonElement} */ (el('button', 'mode-button', group, text));
      b.type = 'button';
      b.dataset.mode = mode;
      b.title = title;
      b.addEventListener('click', () => { if (b.getAttribute('aria-pressed') !== 'true') handlers.set('mode', mode); });
      this.buttons.set(mode, b);
    }
  }

  /** @param {import('./types.js').EngineState} state */
  update(state) {
    this.model.value = state.model === 'perceptron' ? 'perceptron' : 'mlp';
    // The perceptron is a classifier: not offered for regression.
    /** @type {HTMLOptionElement} */ (this.model.options[1]).disabled = state.problem === 'regression';
    for (const [mode, b] of this.buttons) b.setAttribute('aria-pressed', String((state.mode ?? 'complete') === mode));
  }
}
