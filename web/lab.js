// lab.js — moves the page to the lab engine the first time a panel that needs it opens (the
// layer view, ...). The page starts on the smaller first engine (the first load stays small);
// the lab engine is the same engine plus those panels' C code (wasm-bindings/CMakeLists.txt).
// The experiment goes across with its whole training state (the training worker's transfer,
// engine/transfer.js), so the screen, the link and every later epoch are exactly as before.

import { importEngine } from './assets.js';

/**
 * @typedef {import('./controller.js').Controller} Controller
 * @typedef {import('./types.js').Experiment} Experiment
 */

/** @param {Controller} ctrl */
export async function moveToLab(ctrl) {
  if (ctrl.engine.lab) return;
  const lab = await (await importEngine()).loadEngine({ lab: true });
  ctrl.settle();
  const old = ctrl.live();
  const moved = lab.experiment(old.hash());
  try {
    moveTraining(old, moved);
  } catch (e) {
    moved.dispose();
    throw e;
  }
  ctrl.engine = lab;
  ctrl.load(ctrl.hash(), false, moved);
}

/** `moved`, built from `old`'s link, brought to `old`'s epoch and state.
 * @param {Experiment} old @param {Experiment} moved */
function moveTraining(old, moved) {
  if (old.epoch === 0) return;
  // The perceptron's error counts do not transfer: it trains again, which takes a moment.
  if (old.state().model === 'perceptron') moved.train(old.epoch);
  else moved.loadState(old.saveState(0));
}
