// types.js — the shapes of the values the engine's JS API takes and gives: the one source of its
// types. The classes Engine and Experiment (engine.js, experiment.js) are typed with these, the
// page imports them (web/types.js names them for web/), and README's tables ("The JS engine
// API") list the members, which tests/browser/readme-api.test.js holds to the classes.
// No runtime code.

/**
 * What the hash asked for that was ignored or corrected.
 * @typedef {object} Notice
 * @property {string} param
 * @property {string} value  cut to 64 bytes, ending in "..."
 * @property {string} reason  one English sentence
 */

/**
 * An experiment's parameters under TFP's names (as in the fixtures' `state`), nnplay's own
 * (core/config.h) and the lecture's. Nullable strings are null when the hash sets none.
 * @typedef {object} State
 * @property {string} activation
 * @property {string} regularization
 * @property {number} batchSize
 * @property {string} dataset
 * @property {string} regDataset
 * @property {number} learningRate
 * @property {number} regularizationRate
 * @property {number} noise
 * @property {number[]} networkShape  neurons per hidden layer
 * @property {string | null} seed  null in parseHash() when the hash has no usable seed
 * @property {boolean} showTestData
 * @property {boolean} discretize
 * @property {number} percTrainData
 * @property {boolean} x
 * @property {boolean} y
 * @property {boolean} xTimesY
 * @property {boolean} xSquared
 * @property {boolean} ySquared
 * @property {boolean} cosX
 * @property {boolean} sinX
 * @property {boolean} cosY
 * @property {boolean} sinY
 * @property {boolean} collectStats
 * @property {string | null} tutorial
 * @property {string} problem  'classification' or 'regression'
 * @property {boolean} initZero
 * @property {boolean} hideText
 * @property {Record<string, boolean>} hide  each `<name>_hide` parameter's value
 * @property {string} optimizer
 * @property {number} momentum
 * @property {number} rho
 * @property {number} beta1
 * @property {number} beta2
 * @property {number} epsilon
 * @property {string} init
 * @property {number} dropout
 * @property {string} loss
 * @property {number | 'max'} speed  epochs per frame, or 'max' (a worker trains at full speed)
 * @property {string} palette  'default' (TFP's orange/blue) or 'viridis'
 * @property {string} model  'mlp' or 'perceptron'
 * @property {string} mode  'complete' or 'simplified'
 * @property {string | null} lesson
 * @property {number | null} goalTrainLoss  the loss to reach, or null for no goal
 * @property {number | null} goalTestLoss
 * @property {string | null} lang  the page's language code (null: the browser's)
 * @property {number} classes  2 (TFP's two classes) or 3..6 (one output node per class, softmax)
 * @property {string} rule  the perceptron's learning rule: 'rosenblatt' or 'hebb'
 * @property {string} downhill  the downhill panel's surface: 'none' (closed), 'bowl', 'valley', 'saddle'
 * @property {number | null} downhillX  its start point (null: the surface's own)
 * @property {number | null} downhillY
 * @property {number | null} downhillSgd  each optimiser's learning rate there (null: the surface's own)
 * @property {number | null} downhillMomentum
 * @property {number | null} downhillRmsprop
 * @property {number | null} downhillAdam
 * @property {string | null} data  own points, as the link's data= carries them (null: the
 *   dataset's generated points)
 */

/**
 * A surface's own start and each optimiser's learning rate (core/downhill.h).
 * @typedef {{x: number, y: number, rates: Record<DownhillOptimizer, number>}} DownhillSettings
 * @typedef {'sgd' | 'momentum' | 'rmsprop' | 'adam'} DownhillOptimizer
 */

/**
 * One optimiser's run on a surface (engine.downhillPath). Hyperparameters default to the
 * link's defaults (momentum 0.9, rho 0.9, beta1 0.9, beta2 0.999, epsilon 1e-8).
 * @typedef {object} DownhillRun
 * @property {string} surface  'bowl', 'valley', 'saddle' (or 'none': flat)
 * @property {DownhillOptimizer} optimizer
 * @property {number} rate  the learning rate, > 0
 * @property {number} x  the start point
 * @property {number} y
 * @property {number} steps  0..100000
 * @property {number} [momentum]
 * @property {number} [rho]
 * @property {number} [beta1]
 * @property {number} [beta2]
 * @property {number} [epsilon]
 */

/**
 * engine.parseHash()'s answer.
 * @typedef {object} ParsedHash
 * @property {State} state
 * @property {Notice[]} notices
 * @property {string} hash  the canonical link: base parameters (no seed when none was given), `epoch=` and the changes
 */

/**
 * engine.experiment()'s options.
 * @typedef {object} ExperimentOptions
 * @property {number} [unseededRandom]  in [0, 1): the unseeded Math.random() draw that names
 *   the seed (toFixed(5)) when the hash has none; default Math.random()
 */

/**
 * Quantities TFP derives from the state (as in the fixtures' `derived`).
 * @typedef {object} Derived
 * @property {string[]} input_ids
 * @property {number[]} layer_sizes
 * @property {string} output_activation
 * @property {number} num_samples
 * @property {number} generator_noise_argument
 * @property {number} split_index
 * @property {number} num_train
 * @property {number} num_test
 * @property {{generator: number, shuffle: number, weights: number}} math_random_draws
 */

/**
 * Where each layer's nodes and parameters sit (core/network.h). Layer 0 is the input layer;
 * offsets are indexed by layer ([0] unused for weights and biases).
 * @typedef {object} Layout
 * @property {number[]} layerSizes
 * @property {string[]} nodeIds  input feature ids, then TFP's "1", "2", ...
 * @property {string[]} inputIds
 * @property {number[]} nodeOffset  first node index of each layer
 * @property {number[]} weightOffset
 * @property {number[]} biasOffset
 * @property {number} numNodes
 * @property {number} numParams
 * @property {string} hiddenActivation
 * @property {string} outputActivation
 */

/**
 * One node of experiment.network(): `dead` (parallel to `weights`) only when L1 has killed one
 * of its links, as in the fixtures' `network_after_1`.
 * @typedef {{id: string, bias: number, weights: number[], dead?: boolean[]}} NetworkNode
 */

/** A pair of losses or accuracies. @typedef {{train: number, test: number}} TrainTest */

/** Confusion matrices now: K x K counts each, rows the true class, columns the predicted one
 * (two classes: 0 is -1, 1 is +1). @typedef {{train: number[][], test: number[][]}} Confusion */

/** A curve as rows [train, test] for epochs 0..epoch; [null, null] where not evaluated.
 * @typedef {(number | null)[][]} CurveRows */

/** Points as [x, y, label] in TFP's order. @typedef {{train: number[][], test: number[][]}} Points */

/**
 * Own points read from a file, a script's array or a link's data= text (core/points_file.h):
 * the points kept, on the engine's grid, in their order; the labels' kind and class count
 * (binary 2, values 0); rows read, rows dropped, the first dropped row's line (item, point;
 * 0: none) and why (or why nothing was read); the link text that carries them (data=).
 * @typedef {{points: number[][], labels: 'binary' | 'classes' | 'values', classes: number,
 *   rows: number, dropped: number, firstBad: number, why: string, data: string}} PointsRead
 */

/**
 * One lesson of the course (core/lessons.h); `hash`: its parameters, no '#'. Its words
 * (core/lesson_words.h: `title`, `goal`, `try`, what to try) come from the lab engine only.
 * @typedef {{id: string, hash: string, title?: string, goal?: string, try?: string}} Lesson
 */

/**
 * The perceptron's verdict so far (core/perceptron.h).
 * @typedef {object} PerceptronReport
 * @property {'undecided' | 'converged' | 'not-separable'} verdict
 * @property {number} convergedEpoch  first epoch with no misclassified training point, or -1
 * @property {number} misclassified  at the last epoch (-1 in mlp mode)
 * @property {string} text  one English sentence for the page
 */

/**
 * Every number of one batch-1 training step on one training point (core/backprop_trace.h).
 * @typedef {object} BackpropTrace
 * @property {number} point  its index in data().train
 * @property {number} x
 * @property {number} y
 * @property {number} target  its label
 * @property {number} prediction  the output node's output
 * @property {number} error  E(prediction, target)
 * @property {number} errorDer  dE/d prediction
 * @property {number} learningRate
 * @property {number[]} total  per node: pre-activation (inputs: the feature value)
 * @property {number[]} output  per node: activation(total)
 * @property {number[]} outputDer  per node: dE/d output (0 for inputs)
 * @property {number[]} inputDer  per node: dE/d total, the error signal (0 for inputs)
 * @property {number[]} params  per parameter, before the update
 * @property {number[]} grad  per parameter: dE/d parameter
 * @property {number[]} paramsAfter  per parameter, after the update
 */

/**
 * One layer after the inputs (hidden layers, then the output layer) over the training points
 * (core/layer_stats.h): its sizes × numPoints activations and error signals dE/d total.
 * @typedef {object} LayerSummary
 * @property {number} size  neurons
 * @property {number[]} activations  quantiles of the outputs at LayerStats.levels (NaN left out)
 * @property {number[]} gradients  quantiles of dE/d total at LayerStats.levels
 * @property {{lo: number, hi: number, counts: number[]}} histogram  the outputs in equal bins
 *   over [lo, hi] (tanh [-1, 1], sigmoid [0, 1], else the values' range)
 * @property {boolean} identical  more than one neuron, all with the same activation and
 *   gradient at every point (zero initialisation's symmetry)
 */

/**
 * experiment.layerStats()'s answer.
 * @typedef {object} LayerStats
 * @property {number} numPoints  training points summarised
 * @property {number[]} levels  the quantile levels: 0, 0.1, 0.25, 0.5, 0.75, 0.9, 1
 * @property {LayerSummary[]} layers  as network(): per layer after the input layer
 */

export {};
