// takeaway.js — taking the results away, and bringing a model back: window.nnplay's export(),
// import() and png(), which main.js imports on their first call (the class panel's buttons call
// them too: classpanel.js). The one-file page has takeaway-offline.js in its place (no model
// files there).

import { readModel, modelHash, refuse } from './model-import.js';
import { picture } from './snapshot.js';

/**
 * @typedef {import('./controller.js').Controller} Controller
 */

/**
 * The text of an export: 'csv' (the points), 'json' (the model) or 'python' (predict(x1, x2)),
 * each from the engine's own writer; the model files are the lab engine's (the page moves there
 * first), the same text `nnplay run --export` prints.
 * @param {Controller} ctrl @param {unknown} kind @returns {Promise<string>}
 */
export async function exportText(ctrl, kind) {
  if (kind === 'csv') return ctrl.live().pointsCsv();
  if (kind !== 'json' && kind !== 'python') {
    throw new RangeError(`export(kind): kind must be 'csv', 'json' or 'python', not ${JSON.stringify(kind)}`);
  }
  await ctrl.useLab();
  return ctrl.live().modelFile(kind);
}

/**
 * Opens a model (its JSON text, or the parsed object): checked first, then built and compared
 * with the model, weight by weight; refused (RangeError, the page unchanged) at any difference.
 * @param {Controller} ctrl @param {unknown} input @returns {Promise<void>} once the page shows it
 */
export async function importModel(ctrl, input) {
  const model = readModel(input);
  const hash = modelHash(model);
  const ex = ctrl.engine.experiment(hash);
  try {
    const layout = ex.layout();
    const sizes = layout.layerSizes.join(',');
    if (sizes !== model.layers.join(',')) {
      refuse(`this page builds layers of ${sizes} nodes for it, not ${model.layers.join(',')}`);
    }
    if (layout.inputIds.join(',') !== model.features.join(',')) refuse(`this page gives it the features ${layout.inputIds.join(', ')}`);
    if (layout.hiddenActivation !== model.hiddenActivation) refuse(`this page gives it the activation ${layout.hiddenActivation}`);
    ex.network().forEach((layer, l) => layer.forEach((node, j) => {
      const same = Object.is(node.bias, model.biases[l][j]) && node.weights.every((w, i) => Object.is(w, model.weights[l][j][i]));
      if (!same) refuse(`node ${j} of layer ${l + 1} did not take the model's parameters`);
    }));
  } finally {
    ex.dispose();
  }
  ctrl.setPlaying(false);
  ctrl.load(hash, false);
  await ctrl.caughtUp;
}

// Under window.nnplay's names, which main.js calls them by.
export { exportText as export, importModel as import, picture as png };
