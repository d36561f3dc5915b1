// delta.js — a file rebuilt from a similar one and a delta (scripts/delta.mjs makes deltas). The
// one-file page, dist/nnplay.html, carries the engine without wasm SIMD as a delta from the one
// with it: the two differ only in the heatmap's loops, and a delta is a tenth of a module.
//
// A delta is: the target's length, then records of [n, n literal bytes, offset, length] (copy
// `length` bytes of the base from `offset`), every number an unsigned LEB128.

/**
 * @param {Uint8Array} base @param {Uint8Array} delta (scripts/delta.mjs)
 * @returns {Uint8Array} the target the delta was made for
 */
export function applyDelta(base, delta) {
  let p = 0;
  const number = () => {
    let value = 0;
    for (let shift = 1, byte = 128; byte & 128; shift *= 128) {
      if (p >= delta.length) throw new Error('the delta ends early');
      byte = delta[p++];
      value += (byte & 127) * shift;
    }
    return value;
  };
  const out = new Uint8Array(number());
  let o = 0;
  while (o < out.length) {
    const n = number();
    if (p + n > delta.length) throw new Error('the delta ends early');
    out.set(delta.subarray(p, p + n), o);
    p += n;
    const from = number();
    const length = number();
    if (n + length === 0 || from + length > base.length) throw new Error('a malformed delta');
    out.set(base.subarray(from, from + length), o + n);
    o += n + length;
  }
  return out;
}
