// engine.js — the nnplay engine for JavaScript: one class per C handle, explicit dispose().
//
// CONTRACT (to be implemented; the page and the tests program against exactly this):
//
//   import { loadEngine } from './engine.js';
//   const engine = await loadEngine();            // instantiates the wasm module once
//
//   engine.parseHash(hash)  -> { state, notices, hash }   // no experiment built
//       hash: location.hash without '#'. state: plain object, TFP's names as in the fixtures'
//       `state` (plus `hide` map); notices: [{param, value, reason}]; hash: the canonical
//       serialization of the parsed state (seed left out when none was given).
//
//   const ex = engine.experiment(hash, { unseededRandom })   // -> Experiment
//       unseededRandom: number in [0,1) used when the hash has no seed (seed = toFixed(5));
//       defaults to Math.random().
//
//   class Experiment
//     epoch                       number of epochs trained since create/reset
//     train(epochs = 1)           trains; epochs must be an integer >= 0 (else RangeError)
//     loss()                      {train, test}
//     lossCurve()                 [[train, test], ...] rows 0..epoch
//     lossCurveView()             Float64Array view [train0, test0, train1, ...] (zero-copy)
//     data()                      {train: [[x, y, label], ...], test: [...]}
//     network()                   [[{id, bias, weights: [...]}, ...], ...] per layer after input
//     state()                     as engine.parseHash(...).state, with the seed actually used
//     hash()                      the canonical URL hash of this experiment (seed included)
//     notices()                   [{param, value, reason}] from parsing the hash
//     derived()                   {input_ids, layer_sizes, output_activation, num_samples,
//                                  generator_noise_argument, split_index, num_train, num_test,
//                                  math_random_draws: {generator, shuffle, weights}}
//     layout()                    {layerSizes, nodeIds, inputIds, weightOffset, biasOffset,
//                                  numNodes, numParams}   (see core/network.h)
//     params()                    Float64Array view of all parameters (zero-copy, writable:
//                                  write then call refreshLoss())
//     dead()                      Uint8Array view of dead flags, parallel to params()
//     nodeOutputs()               Float64Array view of every node's last output
//     evaluateGrid(density)       Float32Array view: numNodes slices of density*density,
//                                  row 0 at y = +6; 2 <= density <= 200 (else RangeError)
//     setWeight(layer, from, to, value), setBias(layer, node, value)   hand edits; losses refreshed
//     refreshLoss()               recompute current losses after writing params()
//     reset()                     back to the link's initial state (epoch 0)
//     regenerate()                new seed from the running stream, rebuilt (TFP's regenerate)
//     dispose()                   frees the C side; any later use throws Error('... disposed')
//
//   Views are re-taken on every call (memory growth detaches old ones): never cache them
//   across a call that can allocate (train, evaluateGrid, reset, regenerate, experiment()).
//   Errors from C become exceptions with the engine's message (one funnel).
export async function loadEngine() {
  throw new Error('engine.js: not implemented yet');
}
