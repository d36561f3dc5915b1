// catchup.js — opening a link at epoch N: the page trains to it a chunk per animation frame, so
// it stays responsive, and when that takes more than half a second it says how far it is. The
// controller imports this module only for such a link. Every epoch's losses are evaluated, so
// the curves are those of training step by step.

import { el, byId } from './dom.js';
import { t, languageCode, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';

addEnglish(panelWords);

/** Training time per frame, ms: the page answers input between chunks. */
const BUDGET_MS = 25;
/** Progress shows once training to the link has taken this long, ms. */
const QUIET_MS = 500;

/**
 * Trains `ex`, the controller's experiment, to its link's epoch (ex.targetEpoch()), then shows it.
 * @param {import('./controller.js').Controller} ctrl
 * @param {import('./types.js').Experiment} ex
 * @param {{cancel(): void, cancelled: boolean}} job the controller's handle: cancel() stops
 *   the training where it is (the page goes on from there)
 * @returns {Promise<void>} resolved at the link's epoch, or when cancelled
 */
export function trainTo(ctrl, ex, job) {
  if (job.cancelled) return Promise.resolve();
  const target = ex.targetEpoch();
  const start = performance.now();
  const line = el('p', 'catch-up');
  line.setAttribute('role', 'status');
  let msPerEpoch = 0;
  let chunk = 1;
  /** @type {() => void} */
  let finish = () => {};
  const done = /** @type {Promise<void>} */ (new Promise((resolve) => { finish = () => { job.cancelled = true; line.remove(); resolve(undefined); }; }));
  job.cancel = finish;
  const frame = () => {
    if (job.cancelled) return;
    const t0 = performance.now();
    try {
      while (ex.epoch < target && performance.now() - t0 < BUDGET_MS) {
        const left = BUDGET_MS - (performance.now() - t0);
        const k = Math.min(target - ex.epoch, msPerEpoch > 0 ? Math.max(1, Math.floor(left / msPerEpoch)) : chunk);
        const t1 = performance.now();
        ex.train(k, 1);
        const ms = performance.now() - t1;
        // Timers are coarse: only a long enough call tells the cost; until then the chunk doubles.
        if (ms >= 1) msPerEpoch = ms / k;
        else chunk *= 2;
      }
    } catch (e) {
      finish(); // the page goes on from where training stopped; the error is the frame's
      throw e;
    }
    ctrl.views.controls.setEpoch(ex.epoch);
    if (ex.epoch >= target) {
      finish();
      ctrl.catchUp = null;
      ctrl.checkDivergence();
      ctrl.views.output.clearLoss();
      ctrl.loop.draw();
      return;
    }
    if (performance.now() - start > QUIET_MS) {
      line.textContent = t('catchup.progress', target.toLocaleString(languageCode()), Math.floor(100 * ex.epoch / target));
      if (!line.isConnected) byId('notices').prepend(line);
    }
    requestAnimationFrame(frame);
  };
  frame();
  return done;
}
