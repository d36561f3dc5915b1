// takeaway-offline.js — takeaway.js for the one-file page, dist/nnplay.html, which
// scripts/offline.mjs bundles with this module in takeaway.js's place: the pictures and the points
// as the served page gives them, but no model files. The page's lab engine is built without their
// writer (exports-model.txt) and without the import's checks, so that the one file stays small:
// export('json' | 'python') and import() reject, saying that the served page has them.

import { picture } from './snapshot.js';
import { t, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/**
 * @typedef {import('./controller.js').Controller} Controller
 */

/** @returns {Error} why not here, in the page's language */
const servedOnly = () => new Error(t('take.servedOnly'));

/**
 * The text of an export: 'csv' (the points, from the engine's writer, as takeaway.js gives
 * them); the model files are refused.
 * @param {Controller} ctrl @param {unknown} kind @returns {Promise<string>}
 */
export async function exportText(ctrl, kind) {
  if (kind === 'csv') return ctrl.live().pointsCsv();
  if (kind === 'json' || kind === 'python') throw servedOnly();
  throw new RangeError(`export(kind): kind must be 'csv', 'json' or 'python', not ${JSON.stringify(kind)}`);
}

/** A model is refused, whatever it holds. @returns {Promise<void>} */
export async function importModel() {
  throw servedOnly();
}

// Under window.nnplay's names, which main.js calls them by.
export { exportText as export, importModel as import, picture as png };
