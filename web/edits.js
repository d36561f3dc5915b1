// edits.js — what the user changes by hand. Two kinds:
// - in place, on the live experiment (a weight, a bias, every parameter at once from the
//   backprop step-through): training stops first, then the page checks for divergence and
//   redraws; the engine logs each edit at the current epoch, so the link reproduces it;
// - through the link, as new parameter values to rebuild from (the network's shape, a feature
//   switched on or off): pure functions of the current state.

import { MAX_LAYERS, MAX_NEURONS } from './urlstate.js';

/**
 * @typedef {import('./types.js').Experiment} Experiment
 * @typedef {import('./types.js').EngineState} EngineState
 * @typedef {{experiment(): Experiment, before(): void, after(): void}} EditHooks
 *   experiment: the live one; before: stop training; after: divergence, chart, redraw
 */

export class Edits {
  /** @param {EditHooks} hooks */
  constructor(hooks) {
    this.hooks = hooks;
  }

  /** @param {(ex: Experiment) => void} change one edit of the live experiment */
  apply(change) {
    this.hooks.before(); // a worker starts again from the edited state
    change(this.hooks.experiment());
    this.hooks.after();
  }

  /**
   * The weight of the link from node `from` of layer `layer - 1` to node `to` of `layer`.
   * @param {number} layer @param {number} from @param {number} to @param {number} value
   */
  setWeight(layer, from, to, value) {
    this.apply((ex) => ex.setWeight(layer, from, to, value));
  }

  /** @param {number} layer @param {number} node @param {number} value */
  setBias(layer, node, value) {
    this.apply((ex) => ex.setBias(layer, node, value));
  }

  /**
   * Every parameter at once (network order, as ex.params()): each one that changes is a logged
   * edit, so the link reproduces it.
   * @param {number[]} values
   */
  setParams(values) {
    this.apply((ex) => {
      const { layerSizes: sizes, weightOffset, biasOffset } = ex.layout();
      for (let l = 1; l < sizes.length; l++) {
        for (let j = 0; j < sizes[l]; j++) {
          for (let i = 0; i < sizes[l - 1]; i++) {
            const k = weightOffset[l] + j * sizes[l - 1] + i;
            if (!Object.is(ex.params()[k], values[k])) ex.setWeight(l, i, j, values[k]);
          }
          const k = biasOffset[l] + j;
          if (!Object.is(ex.params()[k], values[k])) ex.setBias(l, j, values[k]);
        }
      }
    });
  }
}

/** @param {EngineState} state @returns {Record<string, string>} one hidden layer more (of 2) */
export function addLayer(state) {
  const shape = [...state.networkShape];
  if (shape.length < MAX_LAYERS) shape.push(2);
  return { networkShape: shape.join(',') };
}

/** @param {EngineState} state @returns {Record<string, string>} the last hidden layer removed */
export function removeLayer(state) {
  return { networkShape: state.networkShape.slice(0, -1).join(',') };
}

/**
 * @param {EngineState} state @param {number} layer hidden layer, from 0 @param {number} delta
 * @returns {Record<string, string>} that layer with `delta` neurons more, at least 1; "+" adds none
 *   past MAX_NEURONS (TFP's button), "−" removes one from however many a link gave
 */
export function changeNeurons(state, layer, delta) {
  const shape = [...state.networkShape];
  const n = shape[layer];
  shape[layer] = Math.max(1, delta > 0 ? Math.max(n, Math.min(MAX_NEURONS, n + delta)) : n + delta);
  return { networkShape: shape.join(',') };
}

/** @param {EngineState} state @param {string} feature @returns {Record<string, string>} it switched */
export function toggleFeature(state, feature) {
  return { [feature]: String(!state[feature]) };
}
