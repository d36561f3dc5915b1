// The engine's classes keep their names in the shipped, minified engine.js (stack traces and the
// console show them; engine.js restores them after minification renames them).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { importEngine } from './support/env.js';

test('Engine, Experiment and EngineError are named as in the source', async () => {
  const mod = await importEngine();
  assert.equal(mod.Engine.name, 'Engine');
  assert.equal(mod.Experiment.name, 'Experiment');
  assert.equal(mod.EngineError.name, 'EngineError');
  const engine = await mod.loadEngine();
  const ex = engine.experiment('seed=0.5');
  assert.equal(engine.constructor.name, 'Engine');
  assert.equal(ex.constructor.name, 'Experiment');
  assert.equal(new mod.EngineError('m', 1).name, 'EngineError');
  ex.dispose();
});
