// network.js — an experiment's network as the API shows it: its layout numbers, its nodes and
// their parameters (core/network.h). Small copies, never views of wasm memory.

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').Layout} Layout
 * @typedef {import('./types.js').NetworkNode} NetworkNode
 */

/** How many int32s bindings.c's nnw_net_read writes, and where the pointers to params, then dead
 * and output, are. */
export const NET_FIELDS = 12;
export const NET_PARAMS = 7;

/**
 * The network's pointers and layout numbers, which the Experiment keeps while the network
 * stays put.
 * @typedef {{net: number, params: number, dead: number, output: number, sizes: number[],
 *   nodeOffset: number[], weightOffset: number[], biasOffset: number[], numNodes: number,
 *   numParams: number, hiddenActivation: string, outputActivation: string}} NetShape
 */

/** @param {Runtime} rt @param {number} net nn_network* @param {Int32Array} block its nnw_net_read
 * @returns {NetShape} */
export function readShape(rt, net, block) {
  const [numLayers, numNodes, numParams, sizes, nodeOffset, weightOffset, biasOffset, params, dead, output, hidden, out] = block;
  const ints = (/** @type {number} */ p) => Array.from(rt.i32(p, numLayers));
  const str = (/** @type {number} */ p) => /** @type {string} */ (rt.string(p));
  return {
    net, params, dead, output,
    sizes: ints(sizes), nodeOffset: ints(nodeOffset), weightOffset: ints(weightOffset), biasOffset: ints(biasOffset),
    numNodes, numParams, hiddenActivation: str(hidden), outputActivation: str(out),
  };
}

/** Per layer after the input layer, its nodes in order. @param {Runtime} rt @param {NetShape} shape
 * @returns {NetworkNode[][]} */
export function readNetwork(rt, shape) {
  const { sizes, weightOffset, biasOffset, numParams } = shape;
  const params = rt.f64(shape.params, numParams);
  const dead = rt.u8(shape.dead, numParams);
  const layers = [];
  let id = 1;
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1];
    const nodes = [];
    for (let j = 0; j < sizes[l]; j++, id++) {
      const w0 = weightOffset[l] + j * fanIn;
      /** @type {NetworkNode} */
      const node = { id: String(id), bias: params[biasOffset[l] + j], weights: Array.from(params.subarray(w0, w0 + fanIn)) };
      const deadLinks = Array.from(dead.subarray(w0, w0 + fanIn), (d) => d !== 0);
      if (deadLinks.includes(true)) node.dead = deadLinks;
      nodes.push(node);
    }
    layers.push(nodes);
  }
  return layers;
}

/** @param {Runtime} rt @param {NetShape} shape @returns {Layout} */
export function readLayout(rt, { net, sizes, nodeOffset, weightOffset, biasOffset, numNodes, numParams, hiddenActivation, outputActivation }) {
  const inputIds = [];
  for (let i = 0; i < sizes[0]; i++) inputIds.push(/** @type {string} */ (rt.string(rt.m._nnw_net_input_feature(net, i))));
  const nodeIds = [...inputIds];
  for (let k = 1; k <= numNodes - sizes[0]; k++) nodeIds.push(String(k));
  return {
    layerSizes: [...sizes], nodeIds, inputIds, nodeOffset: [...nodeOffset], weightOffset: [...weightOffset],
    biasOffset: [...biasOffset], numNodes, numParams,
    hiddenActivation, outputActivation,
  };
}
