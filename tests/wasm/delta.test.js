// The delta that carries the engine without wasm SIMD in the one-file page (scripts/delta.mjs
// makes it, web/delta.js applies it): it rebuilds its target byte for byte, for the two engine
// modules and for unrelated bytes, is a small fraction of the module, and a damaged delta throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { makeDelta } from '../../scripts/delta.mjs';
import { applyDelta } from '../../web/delta.js';
import { engineDir } from './support/env.js';

test('the engine without SIMD is rebuilt byte for byte from the one with it, from a delta under a tenth of its size', () => {
  for (const name of ['nnplay-wasm', 'nnplay-wasm-lab']) {
    const base = readFileSync(join(engineDir, `${name}.wasm`));
    const target = readFileSync(join(engineDir, `${name}-nosimd.wasm`));
    const delta = makeDelta(base, target);
    assert.ok(Buffer.from(applyDelta(base, delta)).equals(target), name);
    assert.ok(delta.length < target.length / 10, `${name}: ${delta.length} bytes of delta for ${target.length}`);
  }
});

test('unrelated, empty and repeated bytes are rebuilt byte for byte', () => {
  let seed = 7;
  const random = (/** @type {number} */ n) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 255);
  const a = random(5000);
  const b = Uint8Array.from([...a.subarray(100, 2000), ...random(300), ...a.subarray(0, 50), ...a.subarray(4000)]);
  for (const [base, target] of [[a, b], [b, a], [a, new Uint8Array(0)], [new Uint8Array(0), a], [a, a], [a, new Uint8Array(20000).fill(9)]]) {
    assert.deepEqual(applyDelta(base, makeDelta(base, target)), target);
  }
});

test('a delta cut short or pointing outside its base throws instead of building wrong bytes', () => {
  const base = Uint8Array.from({ length: 64 }, (_, i) => i);
  const delta = makeDelta(base, base.subarray(8, 60));
  assert.throws(() => applyDelta(base, delta.subarray(0, delta.length - 1)), /delta/);
  assert.throws(() => applyDelta(base.subarray(0, 30), delta), /delta/);
});
