// delta.mjs — a delta that rebuilds one file from a similar one (web/delta.js applies it; its
// header has the format). scripts/offline.mjs uses it for the engine without wasm SIMD, which
// differs from the one with it only in the heatmap's loops.
//
// Greedy: at each place of the target, the longest run found in the base through an index of
// its 8-byte sequences (the last 64 places of each); runs under 12 bytes stay literal.

const KEY = 8;
const MIN_RUN = 12;
const CANDIDATES = 64;

/** @param {number[]} out @param {number} value appended as an unsigned LEB128 */
function pushNumber(out, value) {
  while (value >= 128) {
    out.push((value % 128) | 128);
    value = Math.floor(value / 128);
  }
  out.push(value);
}

/** @param {Uint8Array} base @param {Uint8Array} target @returns {Uint8Array} the delta */
export function makeDelta(base, target) {
  const key = (/** @type {Uint8Array} */ b, /** @type {number} */ i) => Buffer.from(b.subarray(i, i + KEY)).toString('latin1');
  /** @type {Map<string, number[]>} */
  const index = new Map();
  for (let i = 0; i + KEY <= base.length; i++) {
    const k = key(base, i);
    const places = index.get(k);
    if (places) places.push(i); else index.set(k, [i]);
  }
  /** @type {number[]} */
  const out = [];
  pushNumber(out, target.length);
  /** @type {number[]} */
  let literal = [];
  const record = (/** @type {number} */ from, /** @type {number} */ run) => {
    pushNumber(out, literal.length);
    out.push(...literal);
    pushNumber(out, from);
    pushNumber(out, run);
    literal = [];
  };
  for (let i = 0; i < target.length;) {
    let run = 0;
    let from = 0;
    for (const o of (i + KEY <= target.length && index.get(key(target, i))?.slice(-CANDIDATES)) || []) {
      let n = 0;
      while (i + n < target.length && o + n < base.length && base[o + n] === target[i + n]) n++;
      if (n > run) { run = n; from = o; }
    }
    if (run >= MIN_RUN) {
      record(from, run);
      i += run;
    } else {
      literal.push(target[i++]);
    }
  }
  if (literal.length > 0) record(0, 0);
  return Uint8Array.from(out);
}
