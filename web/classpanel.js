// classpanel.js — "Use it in class": a teacher ticks the controls to hide and copies a link
// (or an iframe snippet) that opens this experiment with them hidden. controller.js makes the
// panel's <details> and imports this module when a teacher first opens it.

import { FEATURES, setParams, isHidden } from './urlstate.js';
import { el } from './dom.js';

/** Controls a `<name>_hide=true` parameter can hide, with the label the class panel shows. */
const HIDABLE_CONTROLS = /** @type {const} */ ([
  ['showTestData', 'Show test data'],
  ['discretize', 'Discretize output'],
  ['playButton', 'Play button'],
  ['stepButton', 'Step button'],
  ['resetButton', 'Reset button'],
  ['learningRate', 'Learning rate'],
  ['activation', 'Activation'],
  ['regularization', 'Regularization'],
  ['regularizationRate', 'Regularization rate'],
  ['problem', 'Problem type'],
  ['dataset', 'Which dataset'],
  ['percTrainData', 'Ratio train data'],
  ['noise', 'Noise level'],
  ['batchSize', 'Batch size'],
  ['numHiddenLayers', '# of hidden layers'],
  // nnplay's own (training-controls.js, speed.js, accuracy.js)
  ['optimizer', 'Optimizer'],
  ['momentum', 'Momentum μ'],
  ['rho', 'RMSprop decay ρ'],
  ['beta1', 'Adam β₁'],
  ['beta2', 'Adam β₂'],
  ['epsilon', 'ε (RMSprop, Adam)'],
  ['init', 'Initialization'],
  ['dropout', 'Dropout'],
  ['loss', 'Loss'],
  ['speed', 'Speed'],
  ['showAccuracy', 'Show accuracy'],
]);

/**
 * Every hideable name: the controls, then the features.
 * @returns {string[]}
 */
function hideableNames() {
  return [...HIDABLE_CONTROLS.map((c) => c[0]), ...FEATURES.map((f) => f[0])];
}

/**
 * `hash` with exactly the given controls hidden (`<name>_hide=true`) and no other `_hide` of a
 * hideable name; `hideText` set as given.
 * @param {string} hash @param {Set<string>} hidden @param {boolean} hideText @returns {string}
 */
function withHides(hash, hidden, hideText) {
  /** @type {Record<string, string | null>} */
  const values = {};
  for (const name of hideableNames()) values[`${name}_hide`] = hidden.has(name) ? 'true' : null;
  values.hideText = hideText ? 'true' : 'false';
  return setParams(hash, values);
}

export class ClassPanel {
  /** @param {HTMLDetailsElement} root the panel's <details>, its <summary> already in it */
  constructor(root) {
    this.root = root;
    el('p', '', this.root, 'Tick what to hide from your students, then copy the link or embed it in a page (970×700).');
    const grid = el('div', 'hide-grid', this.root);
    /** @type {Map<string, HTMLInputElement>} */
    this.boxes = new Map();
    for (const [name, label] of [...HIDABLE_CONTROLS, ...FEATURES.map((f) => [f[0], `Feature ${f[1]}`])]) {
      const lab = el('label', '', grid);
      const input = /** @type {HTMLInputElement} */ (el('input', '', lab));
      input.type = 'checkbox';
      input.name = `${name}_hide`;
      lab.append(` ${label}`);
      input.addEventListener('change', () => this.render());
      this.boxes.set(name, input);
    }
    const lab = el('label', 'hide-text', this.root);
    this.hideText = /** @type {HTMLInputElement} */ (el('input', '', lab));
    this.hideText.type = 'checkbox';
    this.hideText.name = 'hideText';
    lab.append(' Hide the explanatory text');
    this.hideText.addEventListener('change', () => this.render());

    const row = el('div', 'link-row', this.root);
    this.link = /** @type {HTMLInputElement} */ (el('input', 'class-link', row));
    this.link.readOnly = true;
    this.link.setAttribute('aria-label', 'Link for your class');
    const copy = /** @type {HTMLButtonElement} */ (el('button', 'text-button', row, 'Copy link'));
    copy.addEventListener('click', () => this.copy());
    this.open = /** @type {HTMLAnchorElement} */ (el('a', 'text-button', row, 'Open'));
    this.open.target = '_blank';
    this.open.rel = 'noopener';
    this.copied = el('span', 'copy-status', row);
    this.copied.setAttribute('role', 'status');
    this.embed = /** @type {HTMLInputElement} */ (el('input', 'class-embed', this.root));
    this.embed.readOnly = true;
    this.embed.setAttribute('aria-label', 'Embed code');
    this.hash = '';
  }

  /**
   * A new experiment: tick what its link hides and rebuild the class link from its hash.
   * @param {string} hash @param {import('./types.js').EngineState} state
   */
  update(hash, state) {
    this.hash = hash;
    for (const [name, box] of this.boxes) box.checked = isHidden(state.hide, name);
    this.hideText.checked = !!state.hideText;
    this.render();
  }

  render() {
    const hidden = new Set();
    for (const [name, box] of this.boxes) if (box.checked) hidden.add(name);
    const url = new URL(location.href);
    url.hash = withHides(this.hash, hidden, this.hideText.checked);
    this.link.value = url.href;
    this.copied.textContent = '';
    this.open.href = url.href;
    this.embed.value = `<iframe src="${url.href}" width="970" height="700" style="border:0"></iframe>`;
  }

  /** Copies the link, or leaves it selected and says to copy it: on a page served over plain
   * http there is no navigator.clipboard, and execCommand('copy') may be refused too. */
  copy() {
    this.link.select();
    const shown = (/** @type {boolean} */ ok) => {
      this.copied.textContent = ok ? 'Copied' : 'Select and copy the link (Ctrl+C or ⌘C)';
    };
    const byCommand = () => {
      this.link.select();
      try { return document.execCommand('copy'); } catch { return false; }
    };
    if (navigator.clipboard) navigator.clipboard.writeText(this.link.value).then(() => shown(true), () => shown(byCommand()));
    else shown(byCommand());
  }
}
