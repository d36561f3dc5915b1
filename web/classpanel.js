// classpanel.js — "Use it in class": a teacher ticks the controls to hide and copies a link
// (or an iframe snippet) that opens this experiment with them hidden, or downloads the
// playground as one file for a room without a network; its last row takes the results away
// (pictures, model, points) and imports a model, through window.nnplay (takeaway.js); the
// one-file page, without model files, says that the served page has them instead.
// controller.js makes the panel's <details> and imports this module when a teacher first opens it.

import { FEATURES, setParams, isHidden } from './urlstate.js';
import { el } from './dom.js';
import { modelFiles } from './assets.js';
import { t, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/** Controls a `<name>_hide=true` parameter can hide, with the key of the label the class panel shows (i18n.js). */
const HIDABLE_CONTROLS = /** @type {const} */ ([
  ['showTestData', 'output.showTestData'],
  ['discretize', 'output.discretize'],
  ['playButton', 'hide.playButton'],
  ['stepButton', 'hide.stepButton'],
  ['resetButton', 'hide.resetButton'],
  ['learningRate', 'controls.learningRate'],
  ['activation', 'controls.activation'],
  ['regularization', 'controls.regularization'],
  ['regularizationRate', 'controls.regularizationRate'],
  ['problem', 'controls.problem'],
  ['dataset', 'hide.dataset'],
  ['percTrainData', 'hide.percTrainData'],
  ['noise', 'hide.noise'],
  ['batchSize', 'data.batchSize'],
  ['numHiddenLayers', 'hide.numHiddenLayers'],
  // nnplay's own (training-controls.js, speed.js, accuracy.js)
  ['optimizer', 'training.optimizer'],
  ['momentum', 'training.momentum'],
  ['rho', 'hide.rho'],
  ['beta1', 'hide.beta1'],
  ['beta2', 'hide.beta2'],
  ['epsilon', 'hide.epsilon'],
  ['init', 'training.init'],
  ['dropout', 'training.dropout'],
  ['loss', 'training.loss'],
  ['speed', 'speed.label'],
  ['showAccuracy', 'accuracy.show'],
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
export function withHides(hash, hidden, hideText) {
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
    el('p', '', this.root, t('class.intro'));
    const grid = el('div', 'hide-grid', this.root);
    /** @type {Map<string, HTMLInputElement>} */
    this.boxes = new Map();
    for (const [name, label] of [...HIDABLE_CONTROLS, ...FEATURES.map((f) => [f[0], t('network.feature', f[1])])]) {
      const lab = el('label', '', grid);
      const input = /** @type {HTMLInputElement} */ (el('input', '', lab));
      input.type = 'checkbox';
      input.name = `${name}_hide`;
      lab.append(` ${t(label)}`);
      input.addEventListener('change', () => this.render());
      this.boxes.set(name, input);
    }
    const lab = el('label', 'hide-text', this.root);
    this.hideText = /** @type {HTMLInputElement} */ (el('input', '', lab));
    this.hideText.type = 'checkbox';
    this.hideText.name = 'hideText';
    lab.append(t('class.hideText'));
    this.hideText.addEventListener('change', () => this.render());

    const row = el('div', 'link-row', this.root);
    this.link = /** @type {HTMLInputElement} */ (el('input', 'class-link', row));
    this.link.readOnly = true;
    this.link.setAttribute('aria-label', t('class.link'));
    const copy = /** @type {HTMLButtonElement} */ (el('button', 'text-button', row, t('class.copy')));
    copy.addEventListener('click', () => this.copy(this.link));
    this.open = /** @type {HTMLAnchorElement} */ (el('a', 'text-button', row, t('class.open')));
    this.open.target = '_blank';
    this.open.rel = 'noopener';
    this.copied = el('span', 'copy-status', row);
    this.copied.setAttribute('role', 'status');
    const embedRow = el('div', 'link-row', this.root);
    this.embed = /** @type {HTMLInputElement} */ (el('input', 'class-embed', embedRow));
    this.embed.readOnly = true;
    this.embed.setAttribute('aria-label', t('class.embed'));
    const copyEmbed = /** @type {HTMLButtonElement} */ (el('button', 'text-button', embedRow, t('class.copyCode')));
    copyEmbed.addEventListener('click', () => this.copy(this.embed));
    // The one-file page (dist/nnplay.html, beside index.html): for rooms without a network.
    const offline = el('p', 'offline-download', this.root, t('class.offline'));
    const download = /** @type {HTMLAnchorElement} */ (el('a', '', offline, t('class.download')));
    download.href = 'nnplay.html';
    download.download = 'nnplay.html';
    offline.append(t('class.offlineTail'));
    takeawayRow(this.root);
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
    this.embed.value = embedCode(url.href);
  }

  /** Copies a field's text, or leaves it selected and says to copy it: on a page served over
   * plain http there is no navigator.clipboard, and execCommand('copy') may be refused too.
   * @param {HTMLInputElement} field */
  copy(field) {
    field.select();
    const shown = (/** @type {boolean} */ ok) => {
      this.copied.textContent = ok ? t('class.copied') : t('class.copyByHand');
    };
    const byCommand = () => {
      field.select();
      try { return document.execCommand('copy'); } catch { return false; }
    };
    if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(() => shown(true), () => shown(byCommand()));
    else shown(byCommand());
  }
}

/**
 * The HTML that embeds the page at `href`: a titled 970×700 iframe that may go full screen.
 * @param {string} href @returns {string}
 */
export function embedCode(href) {
  // A URL never holds '"' or '<' (the URL serializer escapes them); '&' is written as HTML has it.
  const src = href.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  return `<iframe src="${src}" width="970" height="700" title="nnplay: neural network playground" `
    + 'style="border:0" allow="fullscreen" allowfullscreen></iframe>';
}

/** @param {string} name @param {Blob} blob */
function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

/**
 * @typedef {{export(kind: string): Promise<string>, import(model: unknown): Promise<void>,
 *   png(view?: string): Promise<Blob>}} TakeawayApi the part of window.nnplay the buttons use
 */

/**
 * The class panel's row: pictures, model and points to download, and a model to import (where
 * the page has model files: assets.js `modelFiles`; else a line saying where they are).
 * @param {HTMLElement} root
 */
function takeawayRow(root) {
  const api = /** @type {TakeawayApi} */ (/** @type {any} */ (window).nnplay);
  el('h3', 'takeaway-title', root, t('take.title'));
  const row = el('div', 'link-row takeaway', root);
  const status = el('p', 'copy-status takeaway-status', root);
  status.setAttribute('role', 'status');
  /** @param {string} label @param {() => Promise<void>} action */
  const button = (label, action) => {
    const b = /** @type {HTMLButtonElement} */ (el('button', 'text-button', row, t(label)));
    b.type = 'button';
    b.addEventListener('click', () => {
      status.textContent = '';
      action().catch((e) => { status.textContent = t('take.failed', e instanceof Error ? e.message : String(e)); });
    });
    return b;
  };
  const text = (/** @type {string} */ kind, /** @type {string} */ name, /** @type {string} */ type) => () => api.export(kind).then((s) => download(name, new Blob([s], { type })));
  button('take.outputPng', () => api.png('output').then((b) => download('nnplay-output.png', b)));
  button('take.pagePng', () => api.png('page').then((b) => download('nnplay-playground.png', b)));
  if (modelFiles) {
    button('take.json', text('json', 'nnplay-model.json', 'application/json'));
    button('take.python', text('python', 'nnplay_model.py', 'text/x-python'));
  }
  button('take.csv', text('csv', 'nnplay-points.csv', 'text/csv'));
  if (!modelFiles) {
    el('p', 'takeaway-served', root, t('take.servedOnly'));
    return;
  }
  const file = /** @type {HTMLInputElement} */ (el('input', 'takeaway-file', row));
  file.type = 'file';
  file.accept = '.json,application/json';
  file.hidden = true;
  file.tabIndex = -1;
  button('take.import', async () => file.click());
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    chosen.text().then((s) => api.import(s)).then(
      () => { status.textContent = t('take.imported'); },
      (e) => { status.textContent = t('take.failed', e instanceof Error ? e.message : String(e)); });
  });
}
