// speed.js — how many epochs each animation frame trains: the Speed menu (the `speed` URL
// parameter: one of SPEEDS epochs per frame, or "max"), and each frame's training: `speed`
// epochs, or at "max" in a worker (background-training.js) or, where "max" cannot train in a
// worker (perceptron mode, no workers), as many epochs as the pacer (pacer.js) fits in the frame.
// Both are imported the first time "max" plays, out of a first load.

import { t, tn } from './i18n.js';

/** The menu's steps; 0 stands for "max" (config.h: NN_SPEED_MAX). */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 0];

/** @param {number} speed epochs per frame, 0 = max @returns {string} the URL value */
export function speedValue(speed) {
  return speed === 0 ? 'max' : String(speed);
}

/** @param {unknown} v the state's `speed` (a number or 'max') @returns {number} 0 = max */
export function speedFromState(v) {
  return v === 'max' ? 0 : typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 1;
}

/** The Speed menu, placed by the controller (beside the epoch counter). */
export class SpeedControl {
  /** @param {(speed: number) => void} onChange */
  constructor(onChange) {
    this.root = document.createElement('div');
    this.root.className = 'control';
    this.root.dataset.control = 'speed';
    const lab = document.createElement('label');
    const text = document.createElement('span');
    text.className = 'label';
    text.textContent = t('speed.label');
    this.select = document.createElement('select');
    this.select.name = 'speed';
    this.select.title = t('speed.title');
    for (const s of SPEEDS) {
      const o = document.createElement('option');
      o.value = speedValue(s);
      o.textContent = s === 0 ? t('speed.max') : tn('speed.steps', s);
      this.select.appendChild(o);
    }
    this.select.addEventListener('change', () => onChange(speedFromState(this.select.value === 'max' ? 'max' : Number(this.select.value))));
    lab.append(text, this.select);
    this.root.appendChild(lab);
  }

  /** @param {number} speed 0 = max */
  update(speed) {
    this.select.value = speedValue(speed);
  }
}

/**
 * How a playing page trains each frame: `speed` epochs, or at max in a Web Worker
 * (background-training.js, imported on first use) while the page only draws, or, where no
 * worker can run and in perceptron mode (whose rule reads every epoch's errors), as many epochs
 * as the pacer's budget allows.
 */
export class FrameTraining {
  /** @param {() => void} onProgress a worker's state was loaded into the page's experiment */
  constructor(onProgress) {
    this.onProgress = onProgress;
    /** @type {import('./pacer.js').Pacer | null} */
    this.pacer = null;
    /** @type {Promise<void> | null} */
    this.pacerImport = null;
    /** @type {import('./background-training.js').BackgroundTraining | null} */
    this.background = null;
    /** @type {Promise<void> | null} */
    this.backgroundImport = null;
  }

  /**
   * One frame's training.
   * @param {import('./types.js').Experiment} ex @param {number} speed epochs per frame, 0 = max
   * @param {number} every evaluate the losses every `every` epochs (what the chart keeps)
   * @param {boolean} inWorker whether max may train in a worker @param {number} now the frame's time
   * @returns {boolean} whether ex changed now (a worker's changes arrive through onProgress)
   */
  frame(ex, speed, every, inWorker, now) {
    if (speed > 0) {
      ex.train(speed, every);
      return true;
    }
    if (inWorker && this.runInWorker(ex, every)) return false;
    if (!this.pacer) {
      this.pacerImport ??= import('./pacer.js').then(({ Pacer }) => { this.pacer = new Pacer(); });
      return false;
    }
    this.pacer.frame(now);
    this.pacer.train(ex, every, () => ex.divergedAt() >= 0);
    return true;
  }

  /** Keeps ex training in the worker; false (train here) until it is imported, or without one.
   * @param {import('./types.js').Experiment} ex @param {number} every */
  runInWorker(ex, every) {
    if (this.background) return this.background.run(ex, every);
    this.backgroundImport ??= import('./background-training.js').then(({ BackgroundTraining }) => {
      this.background = new BackgroundTraining(this.onProgress);
    });
    return false;
  }

  /** Stops a worker's training: the page's experiment keeps the last state it loaded. Call it
   * before anything else changes the experiment (a step, an edit, a new experiment, a pause). */
  stop() {
    this.background?.stop();
  }

  /** Play pressed again, a new speed or a new experiment: the pacer measures afresh. */
  restart() {
    this.pacer?.restart();
  }

  /** @param {number} ms how long the frame's drawing took */
  drew(ms) {
    this.pacer?.drew(ms);
  }
}
