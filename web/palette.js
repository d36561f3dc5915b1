// palette.js — the page's colours as lookup tables, and the pixel loops that use them.
// TFP's orange for negative, near-white at 0, blue for positive, quantised into 31 shades like
// TFP's heatmap (d3.scale.quantize over [-1, 1]); `palette=viridis` swaps the ramp (setPalette)
// and rewrites every table in place, so the views keep theirs. The loops allocate nothing.
// The page's palette is <html data-palette>: a lazily loaded file has its own copy of this
// module (scripts/bundle.mjs), which follows it with setPalette(paletteOfPage()).

/**
 * Colour stops from -1 to 1 per `palette` value. viridis: lightness rises from -1 to 1 and the
 * hues stay apart for every common colour-vision deficiency and in greyscale, which no two-hue
 * ramp through white does.
 * @type {Record<string, string[]>}
 */
export const PALETTES = {
  default: ['#f59322', '#e8eaeb', '#0877bd'],
  viridis: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'],
};
/** Text colours for a negative and a positive value, 4.5:1 or more on white, per palette. */
const INKS = { default: ['#b45309', '#0877bd'], viridis: ['#440154', '#6b6000'] };
export const NUM_SHADES = 31;

let stops = PALETTES.default;
let name = 'default';
/** @type {{lut: Uint32Array, alpha: number}[]} every table makeLut made, refilled by setPalette */
const luts = [];
/** @type {(() => void)[]} */
const painters = [];

/** @param {string} hex @returns {[number, number, number]} */
function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Colour of t in [0, 1] on the palette's ramp (t = 0.5 is 0; white in the default palette).
 * @param {number} t @returns {[number, number, number]}
 */
export function ramp(t) {
  const n = stops.length - 1;
  const seg = Math.min(n - 1, Math.floor(t * n));
  const a = rgb(stops[seg]);
  const b = rgb(stops[seg + 1]);
  const u = t * n - seg;
  /** @param {number} i */
  const mix = (i) => Math.round(a[i] + (b[i] - a[i]) * u);
  return [mix(0), mix(1), mix(2)];
}

/** A value's text colour (sign only), readable on white. @param {number} v */
export function inkOf(v) {
  return INKS[/** @type {'default' | 'viridis'} */ (name)][v < 0 ? 0 : 1];
}

/**
 * Packed RGBA (little-endian Uint32, as ImageData's bytes read through a Uint32Array) per shade,
 * plus one extra entry for NaN (grey): each colour as TFP shows it at opacity `alpha` over the
 * white page, but stored opaque, so a canvas can be overwritten without clearing or blending.
 * @param {number} alpha 0..255
 * @returns {Uint32Array}
 */
export function makeLut(alpha) {
  const lut = new Uint32Array(NUM_SHADES + 1);
  fillLut(lut, alpha);
  luts.push({ lut, alpha });
  return lut;
}

/** @param {Uint32Array} lut @param {number} alpha */
function fillLut(lut, alpha) {
  const over = (/** @type {number} */ c) => Math.round((c * alpha + 255 * (255 - alpha)) / 255);
  const pack = (/** @type {number} */ r, /** @type {number} */ g, /** @type {number} */ b) =>
    ((255 << 24) | (over(b) << 16) | (over(g) << 8) | over(r)) >>> 0;
  for (let i = 0; i < NUM_SHADES; i++) {
    const [r, g, b] = ramp(i / (NUM_SHADES - 1));
    lut[i] = pack(r, g, b);
  }
  lut[NUM_SHADES] = pack(0x99, 0x99, 0x99);
}

/** CSS colour strings per shade, for strokes (links, biases, points). @type {string[]} */
export const SHADE_CSS = [];
fillShades();

function fillShades() {
  for (let i = 0; i < NUM_SHADES; i++) {
    const [r, g, b] = ramp(i / (NUM_SHADES - 1));
    SHADE_CSS[i] = `rgb(${r},${g},${b})`;
  }
}

/**
 * Switches the page's colours (`palette=`; unknown names: the default), rewriting every table in
 * place and repainting what is painted once. @param {string} [next] @returns {boolean} changed
 */
export function setPalette(next) {
  const want = next && PALETTES[next] ? next : 'default';
  if (typeof document !== 'undefined') document.documentElement.dataset.palette = want;
  if (want === name) return false;
  name = want;
  stops = PALETTES[want];
  fillShades();
  for (const { lut, alpha } of luts) fillLut(lut, alpha);
  for (const paint of painters) paint();
  return true;
}

/** @returns {string | undefined} the page's palette (set by the page's setPalette) */
export function paletteOfPage() {
  return typeof document === 'undefined' ? undefined : document.documentElement.dataset.palette;
}

/** Calls `paint` again whenever the palette changes (pictures painted only once). @param {() => void} paint */
export function repaintOnPaletteChange(paint) {
  painters.push(paint);
}

/**
 * Shade index of a value in [-1, 1] (clamped); NUM_SHADES for NaN.
 * @param {number} v @returns {number}
 */
export function shadeOf(v) {
  if (v !== v) return NUM_SHADES;
  let i = Math.floor((v + 1) * 0.5 * NUM_SHADES);
  if (i < 0) i = 0;
  else if (i >= NUM_SHADES) i = NUM_SHADES - 1;
  return i;
}

/**
 * Writes a density×density slice of `values` (starting at `offset`) into `out` (Uint32 pixels of
 * an outSize×outSize image starting at pixel `outOffset`), sampling every `stride`-th cell. With
 * `discretize`, values are reduced to their sign first, as TFP's "Discretize output" does.
 * @param {Uint32Array} out @param {number} outOffset @param {number} outSize
 * @param {Float32Array} values @param {number} offset @param {number} density
 * @param {number} stride @param {Uint32Array} lut @param {boolean} discretize
 */
export function paintSlice(out, outOffset, outSize, values, offset, density, stride, lut, discretize) {
  const scale = 0.5 * NUM_SHADES;
  const top = NUM_SHADES - 1;
  let p = outOffset;
  for (let r = 0; r < outSize; r++) {
    let q = offset + r * stride * density;
    for (let c = 0; c < outSize; c++, q += stride) {
      let v = values[q];
      if (discretize) v = v >= 0 ? 1 : v < 0 ? -1 : v;
      let i;
      if (v !== v) i = NUM_SHADES;
      else {
        i = Math.floor((v + 1) * scale);
        i = i < 0 ? 0 : i > top ? top : i;
      }
      out[p++] = lut[i];
    }
  }
}

/**
 * TFP's loss display: toFixed(3), with "NaN"/"Infinity" as such.
 * @param {number} v @returns {string}
 */
export function formatLoss(v) {
  return Number.isFinite(v) ? v.toFixed(3) : String(v);
}

/**
 * Epoch as TFP shows it: zero-padded to 6 digits with thousands separators ("000,123").
 * @param {number} n @returns {string}
 */
export function formatEpoch(n) {
  const s = String(n).padStart(6, '0');
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A parameter value for a hovercard: short but exact enough to edit.
 * @param {number} v @returns {string}
 */
export function formatParam(v) {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
}
