// network.js — an experiment's network as the API shows it: its layout numbers, its nodes and
// their parameters (core/network.h). Small copies, never views of wasm memory.

/**
 * @typedef {import('./runtime.js').Runtime} Runtime
 * @typedef {import('./types.js').Layout} Layout
 * @typedef {import('./types.js').NetworkNode} NetworkNode
 */

/**
 * The network's pointers and layout numbers, which the Experiment keeps while the network
 * stays put.
 * @typedef {{net: number, params: number, sizes: number[], nodeOffset: number[],
 *   weightOffset: number[], biasOffset: number[], numNodes: number, numParams: number}} NetShape
 */

/** @param {Runtime} rt @param {number} net nn_network* @param {number} params its parameter block
 * @returns {NetShape} */
export function readShape(rt, net, params) {
  const m = rt.m;
  const numLayers = m._nnw_net_num_layers(net);
  const ints = (/** @type {number} */ p) => Array.from(rt.i32(p, numLayers));
  return {
    net,
    params,
    sizes: ints(m._nnw_net_sizes(net)),
    nodeOffset: ints(m._nnw_net_node_offset(net)),
    weightOffset: ints(m._nnw_net_weight_offset(net)),
    biasOffset: ints(m._nnw_net_bias_offset(net)),
    numNodes: m._nnw_net_num_nodes(net),
    numParams: m._nnw_net_num_params(net),
  };
}

/** Per layer after the input layer, its nodes in order. @param {Runtime} rt @param {NetShape} shape
 * @returns {NetworkNode[][]} */
export function readNetwork(rt, { net, sizes, weightOffset, biasOffset, numParams }) {
  const m = rt.m;
  const params = rt.f64(m._nnw_net_params(net), numParams);
  const dead = rt.u8(m._nnw_net_dead(net), numParams);
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
export function readLayout(rt, { net, sizes, nodeOffset, weightOffset, biasOffset, numNodes, numParams }) {
  const inputIds = [];
  for (let i = 0; i < sizes[0]; i++) inputIds.push(/** @type {string} */ (rt.string(rt.m._nnw_net_input_feature(net, i))));
  const nodeIds = [...inputIds];
  for (let k = 1; k <= numNodes - sizes[0]; k++) nodeIds.push(String(k));
  return {
    layerSizes: [...sizes], nodeIds, inputIds, nodeOffset: [...nodeOffset], weightOffset: [...weightOffset],
    biasOffset: [...biasOffset], numNodes, numParams,
    hiddenActivation: /** @type {string} */ (rt.string(rt.m._nnw_net_hidden_activation(net))),
    outputActivation: /** @type {string} */ (rt.string(rt.m._nnw_net_output_activation(net))),
  };
}
