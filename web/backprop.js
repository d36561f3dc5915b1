// backprop.js — backpropagation made visible: one training sample followed through one
// training step, a stage per click — forward pass, error at the output, error signal flowing
// back, gradients, update — drawn on the network diagram (labels on the neurons, links coloured
// by gradient or new weight, values on hover) with every number in a table. The sample is marked
// on the output heatmap by the controller. The numbers are the engine's (experiment
// .backpropTrace); the experiment changes only when the user clicks "Apply this update".

import { SHADE_CSS, NUM_SHADES, shadeOf, formatParam, inkOf, setPalette, paletteOfPage } from './palette.js';
import { FEATURES } from './urlstate.js';
import { el } from './dom.js';
import { MatrixView } from './backprop-matrix.js';
// The trace is `t` in this file, so the string lookup is `tr`.
import { t as tr, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/**
 * @typedef {import('./types.js').Layout} Layout
 * @typedef {import('./types.js').BackpropTrace} BackpropTrace
 * @typedef {{trace(point: number): BackpropTrace, apply(params: number[]): void, pause(): void,
 *   changed(): void, batchSize(): number}} BackpropHandlers
 * @typedef {import('./network.js').NetworkView} NetworkView
 */

/** While the network keeps changing (training with the step-through open), the least time
 * between two traces and table rebuilds. */
const RETRACE_MS = 100;

export const STAGES = /** @type {const} */ ([
  ['forward', 'backprop.forward', 'backprop.forwardText'],
  ['error', 'backprop.error', 'backprop.errorText'],
  ['backward', 'backprop.backward', 'backprop.backwardText'],
  ['gradients', 'backprop.gradients', 'backprop.gradientsText'],
  ['update', 'backprop.update', 'backprop.updateText'],
]);

/** A value's colour on the page's ramp (orange negative, blue positive). @param {number} v */
function colour(v) {
  const s = shadeOf(v);
  return s < NUM_SHADES ? SHADE_CSS[s] : '#999';
}

/** A value in 3 significant digits, for labels on the diagram. @param {number} v */
function short(v) {
  return Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v);
}

/** A readable name for node k. @param {Layout} layout @param {number} k */
export function nodeName(layout, k) {
  const id = layout.nodeIds[k];
  if (k < layout.layerSizes[0]) return FEATURES.find((f) => f[0] === id)?.[1] ?? id;
  return k === layout.numNodes - 1 ? 'output' : `neuron ${id}`;
}

/** The parameter index of non-input node k's bias. @param {Layout} layout @param {number} k */
export function biasParam(layout, k) {
  let first = 0;
  for (let l = 0; l < layout.layerSizes.length; l++) {
    if (k < first + layout.layerSizes[l]) return layout.biasOffset[l] + (k - first);
    first += layout.layerSizes[l];
  }
  return -1;
}

/** Every parameter with its name: weights "from → to", then biases, in parameter order.
 * @param {Layout} layout @returns {{param: number, name: string}[]} */
export function paramNames(layout) {
  const out = [];
  const sizes = layout.layerSizes;
  let first = 0;
  for (let l = 1; l < sizes.length; l++) {
    const prev = first;
    first += sizes[l - 1];
    for (let j = 0; j < sizes[l]; j++) {
      for (let i = 0; i < sizes[l - 1]; i++) {
        out.push({ param: layout.weightOffset[l] + j * sizes[l - 1] + i, name: `w ${nodeName(layout, prev + i)} → ${nodeName(layout, first + j)}` });
      }
    }
    for (let j = 0; j < sizes[l]; j++) out.push({ param: layout.biasOffset[l] + j, name: `b ${nodeName(layout, first + j)}` });
  }
  return out.sort((a, b) => a.param - b.param);
}

export class BackpropPanel {
  /**
   * @param {HTMLElement} root the panel, made by lecture.js with its heading and start button
   * @param {HTMLButtonElement} startBtn @param {NetworkView} network @param {BackpropHandlers} handlers
   */
  constructor(root, startBtn, network, handlers) {
    this.h = handlers;
    this.network = network;
    this.root = root;
    this.startBtn = startBtn;
    startBtn.addEventListener('click', () => this.start(this.point));
    this.body = el('div', 'bp-body', this.root);
    this.body.hidden = true;
    const sample = el('div', 'bp-sample', this.body);
    this.sampleText = el('span', '', sample);
    this.button(sample, 'bp-other', tr('backprop.nextSample'), () => this.start((this.point + 1) % Math.max(1, this.numTrain)));
    const bar = el('div', 'bp-bar', this.body);
    this.stageName = el('strong', 'bp-stage', bar);
    this.stageName.setAttribute('aria-live', 'polite');
    this.nextBtn = this.button(bar, 'bp-next', tr('backprop.nextStage'), () => this.next());
    this.applyBtn = this.button(bar, 'bp-apply', tr('backprop.apply'), () => this.apply());
    this.button(bar, 'bp-close', tr('backprop.close'), () => this.close());
    this.matrix = new MatrixView(el('div', 'bp-bar', this.body), () => this.render());
    this.explain = el('p', 'hint bp-explain', this.body);
    this.note = el('p', 'hint bp-note', this.body, tr('backprop.note'));
    this.tableBox = el('div', 'bp-table-box', this.body);
    this.tableBox.tabIndex = 0; // it scrolls: keyboard users must reach it
    this.tableBox.setAttribute('role', 'region');
    this.tableBox.setAttribute('aria-label', tr('backprop.tableLabel'));

    // On the diagram: a canvas for rings and links, labels on top, a tooltip for links.
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'links bp-canvas';
    network.body.appendChild(this.canvas);
    this.ctx = /** @type {CanvasRenderingContext2D} */ (this.canvas.getContext('2d'));
    this.labels = el('div', 'bp-labels', network.body);
    this.tip = el('div', 'bp-tip', network.body);
    this.tip.hidden = true;
    network.body.addEventListener('mousemove', (e) => this.hover(e));
    network.body.addEventListener('mouseleave', () => { this.tip.hidden = true; });

    /** @type {Layout | null} */
    this.layout = null;
    /** @type {BackpropTrace | null} */
    this.trace = null;
    this.point = 0;
    this.numTrain = 0;
    this.stage = 0;
    this.active = false;
    this.width = -1;
    this.traced = -Infinity;
    /** @type {string} */
    this.message = '';
  }

  /** @param {HTMLElement} parent @param {string} cls @param {string} text @param {() => void} fn */
  button(parent, cls, text, fn) {
    const b = /** @type {HTMLButtonElement} */ (el('button', `text-button ${cls}`, parent, text));
    b.type = 'button';
    b.addEventListener('click', fn);
    return b;
  }

  /**
   * A new experiment: the step-through stays open (same sample, same stage) if it can.
   * @param {Layout | null} layout null when backpropagation does not apply (perceptron)
   * @param {number} numTrain
   */
  load(layout, numTrain) {
    this.layout = layout;
    this.numTrain = numTrain;
    this.root.hidden = layout === null;
    this.startBtn.disabled = numTrain === 0;
    if (this.point >= numTrain) this.point = 0;
    if (!layout || numTrain === 0) { this.close(); return; }
    this.width = -1;
    if (this.active) this.retrace();
  }

  /** Opens the step-through on training point `point`, at the first stage. @param {number} point */
  start(point) {
    if (!this.layout || this.numTrain === 0) return;
    this.h.pause();
    this.point = point;
    this.active = true;
    this.stage = 0;
    this.message = '';
    this.body.hidden = false;
    this.startBtn.hidden = true;
    this.retrace();
  }

  next() {
    if (!this.active) return;
    this.stage = Math.min(this.stage + 1, STAGES.length - 1);
    this.render();
  }

  close() {
    this.active = false;
    this.trace = null;
    this.body.hidden = true;
    this.startBtn.hidden = false;
    this.labels.replaceChildren();
    this.tip.hidden = true;
    this.network.links.canvas.style.visibility = '';
    this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.h.changed();
  }

  apply() {
    const t = this.trace;
    if (!t || this.stage !== STAGES.length - 1) return;
    const before = t.error;
    this.h.apply(t.paramsAfter);
    this.stage = 0;
    this.retrace();
    const after = /** @type {BackpropTrace} */ (this.trace).error;
    this.message = tr('backprop.applied', formatParam(before), formatParam(after));
    this.render();
  }

  /** Per frame while open: follow the network if it changed (training, hand edits, resize), at
   * most every RETRACE_MS while it keeps changing (the table is rebuilt each time).
   * @param {Float64Array} params */
  refresh(params) {
    if (!this.active || !this.trace) return;
    const p = this.trace.params;
    let same = p.length === params.length;
    for (let i = 0; same && i < p.length; i++) same = Object.is(p[i], params[i]);
    if (!same) {
      if (performance.now() - this.traced >= RETRACE_MS) this.retrace();
      else this.h.changed(); // come back next frame
    } else if (this.network.body.clientWidth !== this.width) this.render();
  }

  retrace() {
    this.traced = performance.now();
    this.trace = this.h.trace(this.point);
    this.render();
    this.h.changed();
  }

  render() {
    const t = this.trace;
    const layout = this.layout;
    if (!t || !layout) return;
    setPalette(paletteOfPage()); // this file's copy of palette.js follows the page's
    const [id, name, text] = STAGES[this.stage].map((s, i) => (i === 0 ? s : tr(s)));
    this.root.dataset.stage = id;
    this.root.dataset.point = String(this.point);
    this.stageName.textContent = tr('backprop.stage', this.stage + 1, STAGES.length, name);
    this.explain.textContent = this.message && this.stage === 0 ? `${this.message} ${text}` : text;
    const last = this.stage === STAGES.length - 1;
    this.nextBtn.disabled = last;
    this.applyBtn.hidden = !last;
    this.sampleText.textContent = tr('backprop.sample', this.point + 1, this.numTrain, formatParam(t.x),
      formatParam(t.y), t.target > 0 ? '+1' : t.target < 0 ? '−1' : formatParam(t.target));
    this.renderTable(t, layout, id);
    this.renderDiagram(t, layout, id);
  }

  /** @param {BackpropTrace} t @param {Layout} layout @param {string} stage */
  renderTable(t, layout, stage) {
    if (this.matrix.render(this.tableBox, t, layout, stage, () => this.batchTraces())) return;
    const table = document.createElement('table');
    table.className = 'bp-table';
    const row = (/** @type {string[]} */ cells, /** @type {string} */ tag = 'td') => {
      const tr = el('tr', '', table);
      for (const c of cells) el(tag, '', tr, c);
      return tr;
    };
    /** @param {HTMLElement} tr @param {string} key @param {number} v */
    const num = (tr, key, v) => {
      const td = el('td', 'num', tr, formatParam(v));
      td.dataset.key = key;
      td.dataset.value = String(v);
      td.style.color = v === 0 ? '' : inkOf(v);
    };
    const nonInput = layout.layerSizes[0];
    if (stage === 'forward' || stage === 'backward') {
      const forward = stage === 'forward';
      row([tr('backprop.neuron'), forward ? 'total' : 'dE/d output', forward ? 'output' : 'δ = dE/d total'], 'th');
      for (let k = forward ? 0 : nonInput; k < layout.numNodes; k++) {
        const tr = row([nodeName(layout, k)]);
        tr.dataset.node = String(k);
        num(tr, forward ? 'total' : 'outputDer', forward ? t.total[k] : t.outputDer[k]);
        num(tr, forward ? 'output' : 'inputDer', forward ? t.output[k] : t.inputDer[k]);
      }
    } else if (stage === 'error') {
      for (const [label, key, v] of /** @type {[string, string, number][]} */ ([
        [tr('backprop.prediction'), 'prediction', t.prediction], [tr('backprop.label'), 'target', t.target],
        [tr('backprop.errorRow'), 'error', t.error], ['dE/dŷ', 'errorDer', t.errorDer]])) {
        num(row([label]), key, v);
      }
    } else {
      const update = stage === 'update';
      row([tr('backprop.parameter'), tr(update ? 'backprop.before' : 'backprop.value'), tr(update ? 'backprop.after' : 'backprop.gradient')], 'th');
      for (const { param, name } of paramNames(layout)) {
        const tr = row([name]);
        tr.dataset.param = String(param);
        num(tr, 'params', t.params[param]);
        num(tr, update ? 'paramsAfter' : 'grad', update ? t.paramsAfter[param] : t.grad[param]);
      }
      if (update) el('caption', '', table, tr('backprop.rate', formatParam(t.learningRate)));
    }
    this.tableBox.replaceChildren(table);
  }

  /** The traces of the sample's mini-batch: TFP's batches are consecutive training points. */
  batchTraces() {
    const size = Math.max(1, this.h.batchSize()), start = this.point - (this.point % size);
    const out = [];
    for (let p = start; p < Math.min(start + size, this.numTrain); p++) out.push(p === this.point && this.trace ? this.trace : this.h.trace(p));
    return out;
  }

  /** Node centres (CSS px in the network body), network order; NaN where not drawn. */
  centres() {
    const layout = /** @type {Layout} */ (this.layout);
    const xy = new Float64Array(2 * layout.numNodes).fill(NaN);
    for (const p of this.network.placed) {
      if (p.row < 0) continue;
      const k = p.layer === 0 ? p.slot : p.index;
      if (k < 0) continue;
      xy[2 * k] = parseFloat(p.el.style.left) + 15;
      xy[2 * k + 1] = parseFloat(p.el.style.top) + 15;
    }
    return xy;
  }

  /** @param {BackpropTrace} t @param {Layout} layout @param {string} stage */
  renderDiagram(t, layout, stage) {
    const body = this.network.body;
    const width = body.clientWidth, height = body.clientHeight;
    this.width = width;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    const g = this.ctx;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const xy = this.centres();
    const links = this.network.links;
    const byLink = stage === 'gradients' || stage === 'update';
    links.canvas.style.visibility = byLink ? 'hidden' : '';
    if (byLink) {
      const values = stage === 'gradients' ? t.grad : t.paramsAfter;
      let max = 0;
      for (let k = 0; k < links.numLinks; k++) max = Math.max(max, Math.abs(values[links.param[k]]) || 0);
      const scale = stage === 'gradients' ? (max > 0 ? 1 / max : 1) : 1;
      for (let k = 0; k < links.numLinks; k++) {
        const v = values[links.param[k]] * scale;
        g.strokeStyle = colour(v);
        g.lineWidth = 1 + Math.min(1, Math.abs(v) / (stage === 'gradients' ? 1 : 5)) * 7;
        g.beginPath();
        g.moveTo(links.geom[4 * k], links.geom[4 * k + 1]);
        g.lineTo(links.geom[4 * k + 2], links.geom[4 * k + 3]);
        g.stroke();
      }
    }
    // Labels and rings: which value each neuron shows at this stage.
    /** @type {(k: number) => [string, number] | null} */
    const pick = (k) => {
      const input = k < layout.layerSizes[0];
      const out = k === layout.numNodes - 1;
      if (stage === 'forward') return ['', t.output[k]];
      if (stage === 'error') return out ? ['dE/dŷ ', t.errorDer] : ['', t.output[k]];
      if (input) return null;
      if (stage === 'update') return ['b ', t.paramsAfter[biasParam(layout, k)]];
      return ['δ ', t.inputDer[k]];
    };
    this.labels.replaceChildren();
    for (let k = 0; k < layout.numNodes; k++) {
      const x = xy[2 * k], y = xy[2 * k + 1];
      const v = pick(k);
      if (!v || Number.isNaN(x)) continue;
      g.strokeStyle = colour(v[1]);
      g.lineWidth = 3;
      g.strokeRect(x - 17, y - 17, 34, 34);
      const label = el('span', 'bp-label', this.labels, `${v[0]}${short(v[1])}`);
      label.dataset.node = String(k);
      label.dataset.value = String(v[1]);
      label.style.left = `${x}px`;
      label.style.top = `${y}px`;
      label.style.borderColor = colour(v[1]);
      if (stage === 'error' && k !== layout.numNodes - 1) label.classList.add('dim');
    }
  }

  /** A link's value at the gradient and update stages, on hover. @param {MouseEvent} e */
  hover(e) {
    const t = this.trace;
    const stage = STAGES[this.stage][0];
    if (!this.active || !t || !this.layout || (stage !== 'gradients' && stage !== 'update')) { this.tip.hidden = true; return; }
    const rect = this.network.body.getBoundingClientRect();
    const x = e.clientX - rect.left, y = e.clientY - rect.top;
    const hit = this.network.links.hitTest(x, y);
    if (!hit) { this.tip.hidden = true; return; }
    const name = paramNames(this.layout).find((p) => p.param === hit.param)?.name ?? '';
    this.tip.textContent = stage === 'gradients'
      ? `${name}: ∂E/∂${hit.kind === 'bias' ? 'b' : 'w'} = ${formatParam(t.grad[hit.param])}`
      : `${name}: ${formatParam(t.params[hit.param])} → ${formatParam(t.paramsAfter[hit.param])}`;
    this.tip.style.left = `${x + 10}px`;
    this.tip.style.top = `${y + 14}px`;
    this.tip.hidden = false;
  }
}
