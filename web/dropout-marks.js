// dropout-marks.js — marks the neurons dropout switched off in the last training step: their
// thumbnails are greyed and crossed, and their node elements get the class `dropped`. Drawn
// over the network view's thumbnail canvas right after it painted the frame's thumbnails (which
// overwrite every thumbnail, so a mark lasts exactly one frame unless drawn again).

import { t, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/** The thumbnail's size on the canvas, CSS px (network.js: NODE - 2). */
const SIZE = 28;

export class DropoutMarks {
  /** @param {import('./network.js').NetworkView} network */
  constructor(network) {
    this.network = network;
    /** Which nodes carry the class now. */
    this.marked = new Uint8Array(0);
    /** @type {(HTMLElement | undefined)[]} node elements by network-order index */
    this.elements = [];
    /** @type {unknown} the network view's `placed` list the elements were taken from */
    this.builtFrom = null;
  }

  /**
   * Marks the nodes whose factor in `mask` is 0; with `mask` null, marks none.
   * @param {Float64Array | null} mask the experiment's dropoutMask(), nodes in network order
   */
  update(mask) {
    const net = this.network;
    const n = net.nodeXY.length / 2;
    if (this.builtFrom !== net.placed || this.marked.length !== n) {
      this.builtFrom = net.placed;
      this.marked = new Uint8Array(n);
      this.elements = [];
      for (const p of net.placed) if (p.index >= 0) this.elements[p.index] = p.el;
    }
    const g = net.thumbsCtx;
    let styled = false;
    // The output node is never dropped; only hidden neurons can be.
    for (let k = net.firstLive; k < n; k++) {
      const dropped = mask !== null && k < mask.length && mask[k] === 0 ? 1 : 0;
      if (dropped) {
        if (!styled) {
          g.fillStyle = 'rgba(255, 255, 255, 0.7)';
          g.strokeStyle = '#555';
          g.lineWidth = 2;
          styled = true;
        }
        const x = net.nodeXY[2 * k], y = net.nodeXY[2 * k + 1];
        g.fillRect(x, y, SIZE, SIZE);
        g.beginPath();
        g.moveTo(x + 4, y + 4);
        g.lineTo(x + SIZE - 4, y + SIZE - 4);
        g.moveTo(x + SIZE - 4, y + 4);
        g.lineTo(x + 4, y + SIZE - 4);
        g.stroke();
      }
      if (this.marked[k] !== dropped) {
        this.marked[k] = dropped;
        const e = this.elements[k];
        if (e) {
          e.classList.toggle('dropped', dropped === 1);
          if (dropped) e.title = t('network.dropped');
          else e.removeAttribute('title');
        }
      }
    }
  }
}
