// worker-grids.js — the worker's side of offthread-heatmap.js: the big heatmap's grid from the
// page's parameters, in an experiment of the same link built here. The same engine on the same
// parameters gives the same bits the page would compute.

/** @typedef {{hash?: string, id: number, params: Float64Array, node: number, density: number}} GridAsk */

export class WorkerGrids {
  constructor() {
    /** @type {import('./types.js').Experiment | null} */
    this.ex = null;
  }

  /**
   * @param {import('./types.js').Engine} engine @param {GridAsk} ask a hash comes with the
   *   first ask for a network (its layout and activations; the parameters come every time)
   */
  answer(engine, ask) {
    if (ask.hash !== undefined) {
      this.ex?.dispose();
      this.ex = engine.experiment(ask.hash);
    }
    const ex = this.ex;
    if (!ex || ex.params().length !== ask.params.length) throw new Error('grid: not the page\'s network');
    ex.params().set(ask.params);
    const values = ex.evaluateNode(ask.node, ask.density).slice();
    return { message: { type: 'grid', id: ask.id, node: ask.node, density: ask.density, values }, transfer: [values.buffer] };
  }
}
