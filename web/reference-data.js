// reference-data.js — pictures that do not depend on the experiment, computed once by the
// engine from throwaway experiments, so the page never re-implements a formula the engine has:
// each dataset's points (the data panel's thumbnails) and each input feature over the grid (the
// features' thumbnails and the big heatmap when one is hovered).

import { FEATURES, CLASSIFICATION_DATASETS, REGRESSION_DATASETS } from './urlstate.js';

/** @typedef {import('./types.js').Engine} Engine */

/**
 * The first 200 training points of every dataset, as the engine generates them without noise.
 * @param {Engine} engine @returns {Map<string, number[][]>} dataset name -> [x, y, label] points
 */
export function datasetPoints(engine) {
  /** @type {Map<string, number[][]>} */
  const points = new Map();
  const all = [...CLASSIFICATION_DATASETS.map((d) => ['classification', 'dataset', d[0]]),
    ...REGRESSION_DATASETS.map((d) => ['regression', 'regDataset', d[0]])];
  for (const [problem, param, name] of all) {
    const ex = engine.experiment(`problem=${problem}&${param}=${name}&noise=0&networkShape=&seed=thumbnails`);
    try {
      points.set(name, ex.data().train.slice(0, 200));
    } finally {
      ex.dispose();
    }
  }
  return points;
}

/**
 * Every input feature's values over the engine's density×density grid: the input slices of
 * ex.evaluateGrid() for a network fed every feature (core/grid.c).
 * @param {Engine} engine @param {number} density
 * @returns {Map<string, Float32Array>} feature name -> density² values, row 0 at the top
 */
export function featureGrids(engine, density) {
  const every = FEATURES.map((f) => `${f[0]}=true`).join('&');
  const ex = engine.experiment(`${every}&networkShape=&seed=features`);
  try {
    const cells = density * density;
    const grid = ex.evaluateGrid(density);
    /** @type {Map<string, Float32Array>} */
    const grids = new Map();
    ex.layout().inputIds.forEach((name, i) => grids.set(name, grid.slice(i * cells, (i + 1) * cells)));
    return grids;
  } finally {
    ex.dispose();
  }
}
