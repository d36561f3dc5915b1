// points.js — the points module's JS API (over the lab engine's points exports, exports-points.txt,
// loaded on first use: a plain
// link never fetches it): a file of points read (core/points_file.h), a script's points checked,
// a link's data= text decoded. Every point comes back on the engine's exact grid (the grid
// core/points_codec.h describes), with the link text that carries it.
//
//     import { loadPoints } from './engine/points.js';
//     const io = await loadPoints();
//     const read = io.readPoints(await file.arrayBuffer());   // {points, labels, data, ...}

import { INTERNAL, Runtime, describe } from './engine/runtime.js';
import { instantiate, moduleFile, simdSupported } from './engine/instantiate.js';
import { writtenText } from './engine/config.js';

/** @typedef {import('./engine/types.js').PointsRead} PointsRead */

const KINDS = /** @type {const} */ (['binary', 'classes', 'values']);
/** The most points a file, a script or a link gives (core/points_codec.h). */
export const MAX_POINTS = 10000;

/** The heap nn_points_file `f` as a plain object, then freed. @param {Runtime} rt @param {number} f */
function take(rt, f) {
  const m = rt.m;
  try {
    const count = m._nnw_points_count(f);
    const values = rt.f64(m._nnw_points_values(f), 3 * count);
    /** @type {number[][]} */
    const points = [];
    for (let i = 0; i < 3 * count; i += 3) points.push([values[i], values[i + 1], values[i + 2]]);
    return {
      points,
      labels: KINDS[m._nnw_points_kind(f)],
      classes: m._nnw_points_classes(f),
      rows: m._nnw_points_rows(f),
      dropped: m._nnw_points_dropped(f),
      firstBad: m._nnw_points_first_bad(f),
      why: /** @type {string} */ (rt.string(m._nnw_points_why(f))),
      data: writtenText(rt, (out, cap) => m._nnw_points_encode(f, out, cap)),
    };
  } finally {
    m._nnw_points_free(f);
  }
}

/** Bytes (or a string's UTF-8) copied into wasm memory for fn, freed afterwards.
 * @template T @param {Runtime} rt @param {Uint8Array} bytes @param {(ptr: number) => T} fn */
function withBytes(rt, bytes, fn) {
  const ptr = rt.checkPtr(rt.m._malloc(Math.max(1, bytes.length)));
  try {
    rt.m.HEAPU8.set(bytes, ptr);
    return fn(ptr);
  } finally {
    rt.m._free(ptr);
  }
}

/** Reads points; get one from loadPoints(). Each call copies in and frees what it used. */
export class PointsIO {
  #rt;

  /** @param {symbol} token @param {Runtime} rt */
  constructor(token, rt) {
    if (token !== INTERNAL) throw new TypeError('use loadPoints() to get a PointsIO');
    this.#rt = rt;
  }

  /**
   * A file's points (CSV or JSON), as the page imports them.
   * @param {string | Uint8Array | ArrayBuffer} file its bytes, or its text
   * @returns {PointsRead}
   */
  readPoints(file) {
    const rt = this.#rt;
    const bytes = typeof file === 'string' ? new TextEncoder().encode(file)
      : file instanceof ArrayBuffer ? new Uint8Array(file) : file;
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`readPoints(file): a string, Uint8Array or ArrayBuffer, got ${describe(file)}`);
    return take(rt, rt.checkPtr(withBytes(rt, bytes, (p) => rt.m._nnw_points_read(p, bytes.length, 0))));
  }

  /**
   * A script's points [[x, y, label], ...], checked and put on the grid as a file's are (an
   * item that is not three numbers is a dropped row).
   * @param {unknown} points @returns {PointsRead}
   */
  pointsFromArray(points) {
    const rt = this.#rt;
    if (!Array.isArray(points)) throw new TypeError(`points must be an array of [x, y, label], got ${describe(points)}`);
    const flat = new Float64Array(3 * points.length);
    points.forEach((p, i) => {
      const ok = Array.isArray(p) && p.length === 3;
      for (let k = 0; k < 3; k++) flat[3 * i + k] = ok && typeof p[k] === 'number' ? p[k] : NaN;
    });
    const bytes = new Uint8Array(flat.buffer);
    return take(rt, rt.checkPtr(withBytes(rt, bytes, (p) => rt.m._nnw_points_read(p, flat.length, 1))));
  }

  /**
   * The points of a link's data= text; RangeError with the reason when it is damaged.
   * @param {unknown} data @returns {PointsRead}
   */
  decodePoints(data) {
    const rt = this.#rt;
    if (typeof data !== 'string') throw new TypeError(`data must be a string, got ${describe(data)}`);
    const f = rt.withCString(data, (p) => rt.m._nnw_points_decode(p, rt.m.lengthBytesUTF8(data), rt.scratch));
    if (!f) throw new RangeError(`data: ${rt.string(rt.i32(rt.scratch, 1)[0])}`);
    return take(rt, f);
  }

  /** The points module's memory in bytes (it only grows), for leak tests. */
  memoryBytes() {
    return this.#rt.m.HEAPU8.buffer.byteLength;
  }
}

/**
 * Loads the points module: the lab engine's module beside this file (nnplay-wasm-lab.wasm, or
 * its build without SIMD), or `module(fileName)`.
 * @param {{module?: (file: string) => URL | Uint8Array}} [options]
 * @returns {Promise<PointsIO>}
 */
export async function loadPoints({ module = (file) => new URL(file, import.meta.url) } = {}) {
  return new PointsIO(INTERNAL, new Runtime(await instantiate(module(moduleFile({ simd: simdSupported(), lab: true })))));
}
Object.defineProperty(PointsIO, 'name', { value: 'PointsIO' });
