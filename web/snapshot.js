// snapshot.js — pictures to take away: the output view (heatmap, points and axes) and the whole
// playground (every canvas of the main panels, the loss chart's SVG and the panels' titles and
// numbers), each drawn into one canvas and saved as PNG. No library: the canvases are copied
// with drawImage, the SVG through an <img> of its markup with its computed styles written in.

import { DOMAIN, fromLeft } from './plane.js';

/** @param {HTMLCanvasElement} canvas @returns {Promise<Blob>} */
function png(canvas) {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the picture could not be made'))), 'image/png'));
}

/** @param {number} w @param {number} h @returns {[HTMLCanvasElement, CanvasRenderingContext2D]} */
function blank(w, h) {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(w));
  canvas.height = Math.max(1, Math.round(h));
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return [canvas, ctx];
}

/**
 * The output view as a PNG: the heatmap, its points over it, a frame and the axes' numbers.
 * @param {{grid: HTMLCanvasElement, overlay: HTMLCanvasElement}} heatmap (heatmap.js)
 * @returns {Promise<Blob>}
 */
export function outputPng(heatmap) {
  const side = Math.max(heatmap.overlay.width, 400);
  const scale = side / 400;
  const margin = Math.round(30 * scale);
  const [canvas, ctx] = blank(margin + side + margin / 2, margin / 2 + side + margin);
  const top = margin / 2;
  ctx.imageSmoothingEnabled = heatmap.grid.width < side / 4; // a coarse grid is smoothed, as on the page
  if (heatmap.grid.width > 0) ctx.drawImage(heatmap.grid, margin, top, side, side);
  if (heatmap.overlay.width > 0) ctx.drawImage(heatmap.overlay, margin, top, side, side);
  ctx.strokeStyle = '#888';
  ctx.lineWidth = scale;
  ctx.strokeRect(margin, top, side, side);
  ctx.fillStyle = '#333';
  ctx.font = `${Math.round(11 * scale)}px sans-serif`;
  for (let v = -DOMAIN; v <= DOMAIN; v += 2) {
    const at = fromLeft(v) * side;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(String(v), margin + at, top + side + 6 * scale);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(String(v), margin - 6 * scale, top + side - at);
  }
  return png(canvas);
}

/** Styles an SVG needs to look as on the page once outside it. */
const SVG_STYLES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-size', 'font-family', 'display'];

/** @param {SVGSVGElement} svg @returns {Promise<HTMLImageElement>} the SVG as an image */
function svgImage(svg) {
  const copy = /** @type {SVGSVGElement} */ (svg.cloneNode(true));
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((node, i) => {
    const style = getComputedStyle(node);
    for (const name of SVG_STYLES) to[i].setAttribute(name, style.getPropertyValue(name));
    to[i].removeAttribute('class');
    to[i].removeAttribute('style');
  });
  const r = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(r.width));
  copy.setAttribute('height', String(r.height));
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  return img.decode().then(() => img);
}

/** Text of the panels worth keeping in the picture: titles, losses, the epoch, the heatmap's axes. */
const TEXT = 'h2, .loss, .epoch, .heatmap .tick';

/**
 * The whole playground as a PNG, at the screen's pixel ratio.
 * @param {HTMLElement} root the playground (index.html's <main>) @returns {Promise<Blob>}
 */
export async function pagePng(root) {
  const box = root.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const [canvas, ctx] = blank(box.width * dpr, box.height * dpr);
  ctx.scale(dpr, dpr);
  const shown = (/** @type {Element} */ e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  const place = (/** @type {Element} */ e) => {
    const r = e.getBoundingClientRect();
    return [r.left - box.left, r.top - box.top, r.width, r.height];
  };
  for (const c of root.querySelectorAll('canvas')) {
    if (!shown(c) || c.width === 0 || c.height === 0) continue;
    const [x, y, w, h] = place(c);
    ctx.drawImage(c, x, y, w, h);
  }
  for (const svg of root.querySelectorAll('svg')) {
    if (!shown(svg)) continue;
    const [x, y, w, h] = place(svg);
    try {
      ctx.drawImage(await svgImage(/** @type {SVGSVGElement} */ (svg)), x, y, w, h);
    } catch { /* a chart that cannot be drawn leaves its place blank */ }
  }
  for (const e of root.querySelectorAll(TEXT)) {
    const text = (e instanceof HTMLElement ? e.innerText : e.textContent ?? '').trim().replace(/\s+/g, ' ');
    if (!shown(e) || text === '') continue;
    const [x, y, , h] = place(e);
    const style = getComputedStyle(e);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    ctx.fillStyle = style.color;
    ctx.textBaseline = 'middle';
    ctx.fillText(text, x, y + h / 2);
  }
  return png(canvas);
}

/**
 * window.nnplay.png(view): a PNG of the output view ('output') or of the whole playground
 * ('page'); takeaway.js and takeaway-offline.js both give it.
 * @param {import('./controller.js').Controller} ctrl @param {unknown} [view] @returns {Promise<Blob>}
 */
export function picture(ctrl, view = 'output') {
  if (view === 'output') return outputPng(ctrl.views.output.heatmap);
  if (view === 'page') return pagePng(/** @type {HTMLElement} */ (document.querySelector('main.playground')));
  throw new RangeError(`png(view): view must be 'output' or 'page', not ${JSON.stringify(view)}`);
}
