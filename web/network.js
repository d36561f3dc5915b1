// network.js — the network diagram: input features (click to toggle), hidden layers with their
// +/- controls, every neuron's live heatmap thumbnail, links and biases (links.js), and a
// hovercard (hovercard.js) that shows a weight or bias and lets the user type a new one. From
// the keyboard, Enter on a neuron opens the card on its bias and incoming weights. The card is
// imported when the pointer or the focus first enters the diagram, out of a first load.

import { makeLut, paintSlice } from './palette.js';
import { LinksLayer, STROKES_PER_FRAME } from './links.js';
import { FEATURES, MAX_LAYERS, MAX_NEURONS, isHidden } from './urlstate.js';
import { el } from './dom.js';
import { panelStyles } from './assets.js';
// `t` names sizes and targets in this file, so the string lookup is `tr`.
import { t as tr, tn } from './i18n.js';

const NODE = 30;      // node size, CSS px
const PITCH = 40;     // vertical distance between nodes
const TOP = 38;       // room for the per-layer +/- controls
const LEFT = 50;      // room for the feature labels
const MIN_STEP = 60;  // least distance between two columns: their +/- controls must not overlap
/** Thumbnail resolution (cells per side): the density of the grid the live thumbnails are
 * painted from, cell for cell. */
export const THUMB = 20;

/**
 * @typedef {{kind: 'node', index: number} | {kind: 'feature', name: string}} HoverTarget
 * @typedef {{
 *   toggleFeature(name: string): void,
 *   hover(target: HoverTarget | null): void,
 *   setWeight(layer: number, from: number, to: number, value: number): void,
 *   setBias(layer: number, node: number, value: number): void,
 *   addLayer(): void, removeLayer(): void,
 *   changeNeurons(hiddenLayer: number, delta: number): void,
 *   paramValue(index: number): number,
 *   redraw(): void
 * }} NetworkHandlers
 */

export class NetworkView {
  /** @param {HTMLElement} container @param {NetworkHandlers} handlers */
  constructor(container, handlers) {
    this.h = handlers;
    this.root = el('div', 'network', container);
    const header = el('div', 'network-header', this.root);
    el('div', 'col-title features-title', header, tr('network.features'));
    const count = el('div', 'layer-count', header);
    count.dataset.control = 'numHiddenLayers';
    this.addLayerBtn = /** @type {HTMLButtonElement} */ (el('button', 'round', count, '+'));
    this.addLayerBtn.title = tr('network.addLayer');
    this.addLayerBtn.setAttribute('aria-label', this.addLayerBtn.title);
    this.removeLayerBtn = /** @type {HTMLButtonElement} */ (el('button', 'round', count, '−'));
    this.removeLayerBtn.title = tr('network.removeLayer');
    this.removeLayerBtn.setAttribute('aria-label', this.removeLayerBtn.title);
    this.layerLabel = el('span', 'col-title', count);
    this.addLayerBtn.addEventListener('click', () => this.h.addLayer());
    this.removeLayerBtn.addEventListener('click', () => this.h.removeLayer());

    this.body = el('div', 'network-body', this.root);
    this.links = new LinksLayer(this.body);
    // Live thumbnails get their own canvas above the links: they change every frame, the links
    // only when a colour or width step changes.
    this.thumbs = document.createElement('canvas');
    this.thumbs.className = 'links thumbs';
    this.thumbs.setAttribute('aria-hidden', 'true'); // the neurons name themselves
    this.body.appendChild(this.thumbs);
    this.thumbsCtx = /** @type {CanvasRenderingContext2D} */ (this.thumbs.getContext('2d'));
    this.nodesBox = el('div', 'nodes', this.body);
    /** The hovercard, once imported (withCard). @type {import('./hovercard.js').HoverCard | null} */
    this.card = null;
    /** @type {Promise<import('./hovercard.js').HoverCard> | null} */
    this.cardLoading = null;
    /** The link or bias under the pointer, if any. @type {import('./links.js').LinkTarget | null} */
    this.hovered = null;
    this.lut = makeLut(160);
    this.thumbImage = new ImageData(THUMB, THUMB);
    this.thumbPixels = new Uint32Array(this.thumbImage.data.buffer);
    // Live thumbnails: every neuron's slice painted into one atlas (a column of thumbnails,
    // one putImageData per frame), then scaled onto the thumbnails canvas with drawImage, each
    // on its square cleared (scaling leaves its edges part transparent: they would blend with
    // the last frame's).
    this.atlas = document.createElement('canvas');
    this.atlasCtx = /** @type {CanvasRenderingContext2D} */ (this.atlas.getContext('2d'));
    this.atlasImage = new ImageData(1, 1);
    this.atlasPixels = new Uint32Array(this.atlasImage.data.buffer);
    /** Top-left corner of every node's thumbnail, in whole device pixels (the thumbnails canvas
     * draws in device pixels), network order; NaN for inputs. */
    this.nodeXY = new Float32Array(0);
    /** A thumbnail's side on the thumbnails canvas, whole device pixels. Whole pixels: clearing
     * a thumbnail's square before drawing it clears every pixel of it, so the picture does not
     * depend on what was there before (no edge blended with an older frame's). */
    this.thumbPx = NODE - 2;
    this.firstLive = 0;
    /** @type {import('./types.js').Layout | null} */
    this.layout = null;
    /** Every positioned element: its column, its row, and for neurons and active inputs the
     * slot in `centres` (links) and the network-order index (thumbnails; -1 for inputs).
     * @type {{el: HTMLElement, layer: number, row: number, slot: number, index: number}[]} */
    this.placed = [];
    this.stride = 1;
    this.thumbSize = THUMB;
    /** While playing, whose turn it is: the thumbnails' (0) or the links' (1); see update(). */
    this.turn = 0;
    /** A frame skipped one of the two and asked for the next to draw it. */
    this.owed = false;

    this.body.addEventListener('mousemove', (e) => this.onMove(e));
    this.body.addEventListener('mouseleave', () => { this.hovered = null; this.card?.leave(); });
    // Imported as the pointer or the focus comes near, so it is there when a link is reached.
    for (const type of ['pointerenter', 'focusin']) this.body.addEventListener(type, () => this.withCard(() => {}));
    new ResizeObserver(() => this.relayout()).observe(this.body);
  }

  /**
   * Rebuilds the diagram for a new experiment (new shape or new features).
   * @param {import('./types.js').Layout} layout @param {import('./types.js').EngineState} state
   * @param {number} density the features' grid density (a multiple of THUMB samples evenly)
   * @param {Map<string, Float32Array>} features every feature over that grid (reference-data.js)
   */
  build(layout, state, density, features) {
    this.layout = layout;
    this.card?.hide();
    this.nodesBox.replaceChildren();
    this.placed = [];
    this.stride = Math.max(1, Math.round(density / THUMB));
    this.thumbSize = Math.min(THUMB, Math.floor((density - 1) / this.stride) + 1);
    if (this.thumbImage.width !== this.thumbSize) {
      this.thumbImage = new ImageData(this.thumbSize, this.thumbSize);
      this.thumbPixels = new Uint32Array(this.thumbImage.data.buffer);
    }
    const sizes = layout.layerSizes;
    const hidden = sizes.length - 2;
    this.body.style.minWidth = `${LEFT + NODE + 4 + MIN_STEP * (sizes.length - 1)}px`;
    this.layerLabel.textContent = tn('network.layers', hidden);
    this.addLayerBtn.disabled = hidden >= MAX_LAYERS;
    this.removeLayerBtn.disabled = hidden <= 0;

    let row = 0;
    for (const [name, label] of FEATURES) {
      if (isHidden(state.hide, name)) continue;
      const index = layout.inputIds.indexOf(name);
      const node = this.makeNode(index >= 0 ? 'node input active' : 'node input', label, true);
      node.dataset.control = name;
      node.title = tr(index >= 0 ? 'network.featureRemove' : 'network.featureAdd', label);
      node.tabIndex = 0;
      node.setAttribute('role', 'button');
      node.setAttribute('aria-pressed', String(index >= 0));
      node.setAttribute('aria-label', tr('network.feature', label));
      node.addEventListener('click', () => this.h.toggleFeature(name));
      node.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.h.toggleFeature(name); }
      });
      node.addEventListener('mouseenter', () => this.h.hover({ kind: 'feature', name }));
      node.addEventListener('mouseleave', () => this.h.hover(null));
      const values = features.get(name);
      if (values) this.paintStatic(/** @type {HTMLCanvasElement} */ (node.firstChild), values, density);
      this.placed.push({ el: node, layer: 0, row, slot: index, index: -1 });
      row++;
    }
    const t = this.thumbSize;
    this.firstLive = sizes[0];
    this.nodeXY = new Float32Array(2 * layout.numNodes).fill(NaN);
    this.atlas.width = t;
    this.atlas.height = t * layout.numNodes;
    this.atlasImage = new ImageData(t, t * layout.numNodes);
    this.atlasPixels = new Uint32Array(this.atlasImage.data.buffer);
    let index = sizes[0];
    for (let l = 1; l < sizes.length; l++) {
      for (let j = 0; j < sizes[l]; j++, index++) {
        const output = l === sizes.length - 1;
        const node = this.makeNode(output ? 'node live output' : 'node live', output ? 'output' : '', false);
        const k = index;
        node.addEventListener('mouseenter', () => this.h.hover({ kind: 'node', index: k }));
        node.addEventListener('mouseleave', () => this.h.hover(null));
        // Keyboard and touch: focus (Tab, or a tap) shows the neuron as hovering does.
        node.tabIndex = 0;
        node.setAttribute('role', 'button');
        node.setAttribute('aria-label', `${output ? tr('network.showOutput') : tr('network.showNeuron', layout.nodeIds[k])}; ${tr('network.editHint')}`);
        node.addEventListener('focus', () => this.h.hover({ kind: 'node', index: k }));
        node.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            const list = this.incoming(k);
            this.withCard((card) => card.open(list, node));
          }
        });
        node.addEventListener('blur', () => this.h.hover(null));
        node.dataset.node = String(k);
        this.placed.push({ el: node, layer: l, row: j, slot: j, index: k });
      }
      if (l < sizes.length - 1) this.makeLayerControls(l, sizes[l]);
    }
    this.relayout();
  }

  /** @param {string} cls @param {string} label @param {boolean} canvas @returns {HTMLElement} */
  makeNode(cls, label, canvas) {
    const node = el('div', cls, this.nodesBox);
    if (canvas) el('canvas', 'thumb', node);
    if (label) el('span', 'node-label', node, label);
    return node;
  }

  /** @param {number} l @param {number} n */
  makeLayerControls(l, n) {
    const box = el('div', 'neuron-controls', this.nodesBox);
    const plus = /** @type {HTMLButtonElement} */ (el('button', 'round small', box, '+'));
    const minus = /** @type {HTMLButtonElement} */ (el('button', 'round small', box, '−'));
    plus.title = tr('network.addNeuron');
    minus.title = tr('network.removeNeuron');
    plus.setAttribute('aria-label', tr('network.addNeuronTo', l));
    minus.setAttribute('aria-label', tr('network.removeNeuronFrom', l));
    plus.disabled = n >= MAX_NEURONS;
    minus.disabled = n <= 1;
    plus.addEventListener('click', () => this.h.changeNeurons(l - 1, 1));
    minus.addEventListener('click', () => this.h.changeNeurons(l - 1, -1));
    el('div', 'neuron-count', box, tn('network.neurons', n));
    this.placed.push({ el: box, layer: l, row: -1, slot: -1, index: -1 });
  }

  /**
   * A feature's thumbnail, sampled from its grid as the neurons' are from theirs.
   * @param {HTMLCanvasElement} canvas @param {Float32Array} values @param {number} density
   */
  paintStatic(canvas, values, density) {
    canvas.width = this.thumbSize;
    canvas.height = this.thumbSize;
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    paintSlice(this.thumbPixels, 0, this.thumbSize, values, 0, density, this.stride, this.lut, false);
    ctx.putImageData(this.thumbImage, 0, 0);
  }

  /** Positions nodes and link geometry for the current width. */
  relayout() {
    const layout = this.layout;
    if (!layout) return;
    const sizes = layout.layerSizes;
    const width = this.body.clientWidth;
    if (width === 0) return;
    const rows = Math.max(FEATURES.length, ...sizes);
    const height = TOP + rows * PITCH;
    this.body.style.height = `${height}px`;
    const cols = sizes.length;
    const dpr = window.devicePixelRatio || 1;
    const step = (width - LEFT - NODE - 4) / Math.max(1, cols - 1);
    /** @type {{x: number, y: number}[][]} */
    const centres = sizes.map(() => []);
    for (const p of this.placed) {
      const x = LEFT + p.layer * step;
      if (p.row < 0) { // a layer's +/- controls, above its column
        p.el.style.left = `${x + NODE / 2}px`;
        p.el.style.top = '0px';
        continue;
      }
      const y = TOP + p.row * PITCH;
      p.el.style.left = `${x}px`;
      p.el.style.top = `${y}px`;
      if (p.slot >= 0) centres[p.layer][p.slot] = { x: x + NODE / 2, y: y + NODE / 2 };
      if (p.index >= 0) {
        this.nodeXY[2 * p.index] = Math.round((x + 1) * dpr);
        this.nodeXY[2 * p.index + 1] = Math.round((y + 1) * dpr);
      }
    }
    this.links.setShape(layout, centres, NODE, width, height);
    this.thumbPx = Math.round((NODE - 2) * dpr);
    this.thumbs.style.width = `${width}px`;
    this.thumbs.style.height = `${height}px`;
    this.thumbs.width = Math.round(width * dpr);
    this.thumbs.height = Math.round(height * dpr);
    this.h.redraw(); // resizing cleared both canvases
  }

  /**
   * One frame: every hidden/output neuron's thumbnail from its grid slice, links and biases.
   * While playing, the thumbnails and the links take turns, a frame each (30 times a second at
   * 60 Hz): each is a canvas the size of the network, and every canvas that changes in a frame
   * is copied whole to the compositor; a turn of links strokes their changed strips in turn,
   * within a budget (links.js); and a `quiet` frame, one that redraws the loss chart, draws
   * neither, and the thumbnails' grid is evaluated only for a frame that draws them. Still, both
   * are drawn at once.
   * @param {import('./types.js').Experiment} ex @param {boolean} [playing] @param {boolean} [quiet]
   */
  update(ex, playing = false, quiet = false) {
    if (playing && !quiet) this.turn ^= 1;
    const links = !playing || (!quiet && this.turn === 1);
    const thumbs = !playing || (!quiet && this.turn === 0);
    // What a frame skipped is drawn at the next one, even if nothing else changes by then.
    this.owed = playing && (quiet || !this.owed);
    if (this.owed) this.h.redraw();
    if (thumbs) this.drawThumbnails(ex.evaluateGrid(THUMB));
    const params = ex.params(); // (after the grid: evaluating may grow the engine's memory)
    // the strips left for later are drawn on the next frames, even if training stops
    if (links && this.links.draw(params, ex.dead(), playing ? STROKES_PER_FRAME : Infinity)) this.h.redraw();
    this.card?.refresh(params);
  }

  /** Every hidden/output neuron's thumbnail from its slice of `grid` (evaluateGrid(THUMB)): painted
   * into the atlas, then scaled onto the thumbnails canvas. @param {Float32Array} grid */
  drawThumbnails(grid) {
    const t = this.thumbSize;
    const slice = THUMB * THUMB;
    const n = this.nodeXY.length / 2;
    for (let k = this.firstLive; k < n; k++) {
      paintSlice(this.atlasPixels, k * t * t, t, grid, k * slice, THUMB, 1, this.lut, false);
    }
    this.atlasCtx.putImageData(this.atlasImage, 0, 0);
    const g = this.thumbsCtx;
    for (let k = this.firstLive; k < n; k++) {
      const x = this.nodeXY[2 * k], y = this.nodeXY[2 * k + 1];
      g.clearRect(x, y, this.thumbPx, this.thumbPx); // (a scaled image's edges are not opaque)
      g.drawImage(this.atlas, 0, k * t, t, t, x, y, this.thumbPx, this.thumbPx);
    }
  }

  /** Calls `use` with the hovercard, importing hovercard.js (and its styles, panels.css) first if
   * it is not yet.
   * @param {(card: import('./hovercard.js').HoverCard) => void} use */
  withCard(use) {
    if (this.card) { use(this.card); return; }
    this.cardLoading ??= Promise.all([import('./hovercard.js'), panelStyles()]).then(([{ HoverCard }]) => {
      this.card = new HoverCard(this.body, this.h, (target) => this.paramName(target));
      return this.card;
    });
    this.cardLoading.then(use);
  }

  /**
   * Node k's bias, then the weights of its incoming links, as hovercard targets.
   * @param {number} k network-order index of a hidden or output neuron
   * @returns {import('./links.js').LinkTarget[]}
   */
  incoming(k) {
    const L = this.links;
    const b = k - this.firstLive;
    const layer = L.biasMeta[2 * b];
    const node = L.biasMeta[2 * b + 1];
    /** @type {import('./links.js').LinkTarget[]} */
    const list = [{ kind: 'bias', layer, node, param: L.biasParam[b], x: L.biasGeom[2 * b] + 3, y: L.biasGeom[2 * b + 1] + 3 }];
    for (let m = 0; m < L.numLinks; m++) {
      if (L.meta[3 * m] !== layer || L.meta[3 * m + 2] !== node) continue;
      const g = L.geom;
      list.push({ kind: 'weight', layer, from: L.meta[3 * m + 1], to: node, param: L.param[m],
        x: (g[4 * m] + g[4 * m + 2]) / 2, y: (g[4 * m + 1] + g[4 * m + 3]) / 2 });
    }
    return list;
  }

  /** A weight's or bias's name, e.g. "Weight from X₁ to neuron 2". @param {import('./links.js').LinkTarget} target */
  paramName(target) {
    const layout = /** @type {import('./types.js').Layout} */ (this.layout);
    const sizes = layout.layerSizes;
    const at = (/** @type {number} */ l, /** @type {number} */ i) => layout.nodeOffset[l] + i;
    const to = target.kind === 'bias' ? target.node : target.to;
    const output = target.layer === sizes.length - 1;
    const id = layout.nodeIds[at(target.layer, to)];
    if (target.kind === 'bias') return output ? tr('network.biasOfOutput') : tr('network.biasOf', id);
    const from = layout.nodeIds[at(target.layer - 1, target.from)];
    const source = target.layer === 1 ? FEATURES.find((f) => f[0] === from)?.[1] ?? from : tr('network.neuronName', from);
    return output ? tr('network.weightToOutput', source) : tr('network.weightFrom', source, id);
  }

  /** @param {MouseEvent} e */
  onMove(e) {
    if (this.card?.contains(/** @type {Node} */ (e.target))) return;
    const rect = this.body.getBoundingClientRect();
    const target = /** @type {HTMLElement} */ (e.target).closest('.node') ? null
      : this.links.hitTest(e.clientX - rect.left, e.clientY - rect.top);
    this.hovered = target;
    if (target) this.withCard((card) => { if (this.hovered === target) card.show(target); });
    else this.card?.leave();
  }

  /** Highlights the hovered node. @param {number} index network-order node index, or -1 */
  highlight(index) {
    for (const p of this.placed) {
      p.el.classList.toggle('hovered', p.el.dataset.node === String(index));
    }
  }
}
