// types.js — JSDoc types of the engine contract (wasm-bindings/engine.js) as the page uses it.
// No runtime code: the page loads the engine with a dynamic import, so these typedefs are what
// `tsc --checkJs` checks the views and the controller against.

/**
 * @typedef {{param: string, value: string, reason: string}} Notice
 *
 * @typedef {Record<string, any> & {
 *   activation: string, regularization: string, batchSize: number, dataset: string,
 *   regDataset: string, learningRate: number, regularizationRate: number, noise: number,
 *   networkShape: number[], seed: string, showTestData: boolean, discretize: boolean,
 *   percTrainData: number, problem: string, initZero: boolean, hideText: boolean,
 *   hide: Record<string, boolean>
 * }} EngineState
 *
 * @typedef {{
 *   layerSizes: number[], nodeIds: string[], inputIds: string[], weightOffset: number[],
 *   biasOffset: number[], numNodes: number, numParams: number
 * }} Layout
 *
 * @typedef {{
 *   epoch: number,
 *   train(epochs?: number, every?: number): void,
 *   loss(): {train: number, test: number},
 *   lossCurve(): (number | null)[][],
 *   lossCurveView(): Float64Array,
 *   data(): {train: number[][], test: number[][]},
 *   network(): Array<Array<{id: string, bias: number, weights: number[]}>>,
 *   state(): EngineState,
 *   hash(): string,
 *   notices(): Notice[],
 *   derived(): Record<string, any>,
 *   layout(): Layout,
 *   params(): Float64Array,
 *   dead(): Uint8Array,
 *   nodeOutputs(): Float64Array,
 *   evaluateGrid(density: number): Float32Array,
 *   setWeight(layer: number, from: number, to: number, value: number): void,
 *   setBias(layer: number, node: number, value: number): void,
 *   refreshLoss(): void,
 *   accuracy(): {train: number, test: number},
 *   accuracyCurve(): (number | null)[][],
 *   accuracyCurveView(): Float64Array,
 *   divergedAt(): number,
 *   lastFiniteEpoch(): number,
 *   restoreFinite(): void,
 *   dropoutMask(): Float64Array,
 *   saveState(since?: number): Uint8Array,
 *   loadState(bytes: Uint8Array): void,
 *   reset(): void,
 *   regenerate(): void,
 *   dispose(): void
 * }} Experiment
 *
 * @typedef {{
 *   parseHash(hash: string): {state: EngineState, notices: Notice[], hash: string},
 *   experiment(hash: string, opts?: {unseededRandom?: number}): Experiment
 * }} Engine
 */

export {};
