// pacer.js — paces training at speed "max" where it cannot train in a worker (speed.js imports
// it the first time): as many epochs as fit in a time budget while the page keeps the display's
// rate.
//
// The pacer measures every frame: the interval between animation frames gives the display's
// period (the shortest recent interval), a frame that came late (a missed vsync) shrinks the
// training budget and an on-time frame grows it back, capped by the period minus what drawing
// took. Within the budget it trains in chunks sized from the measured cost of an epoch, so a
// frame makes one or two calls into the engine whatever the network.

import { MAX_CHUNK } from './training-limits.js';

/** Least training budget per frame, ms: "max" is never slower than a few epochs per frame. */
const MIN_BUDGET_MS = 1;
/** Most of the display's period training may take ... */
const MAX_SHARE = 0.8;
/** ... leaving at least this much, ms, beside the frame's drawing for the browser's own work
 * (style, layout, paint, compositing), which the page cannot time. */
const BROWSER_MS = 3;
/** A frame later than this many periods missed a vsync. */
const LATE = 1.5;
/** Frame intervals remembered for the period estimate. */
const HISTORY = 30;

/**
 * Paces training at speed=max. Call frame() once per animation frame before training, train()
 * to train, and drew() with the time the frame's drawing took.
 */
export class Pacer {
  constructor() {
    this.intervals = new Float64Array(HISTORY).fill(1000 / 60);
    this.slot = 0;
    /** The display's period, ms (shortest recent frame interval). */
    this.period = 1000 / 60;
    /** Training time allowed this frame, ms. */
    this.budget = 4;
    /** Measured cost of one epoch, ms, once `known`; until then chunks of `probe` epochs. */
    this.msPerEpoch = 0.05;
    this.known = false;
    this.probe = 1;
    /** Drawing time of recent frames, ms (moving average). */
    this.drawMs = 2;
    this.last = -1;
    /** Epochs trained in the last frame. */
    this.epochsLastFrame = 0;
  }

  /** Forget the last frame and the epoch cost (play pressed again, new experiment). */
  restart() {
    this.last = -1;
    this.known = false;
    this.probe = 1;
  }

  /** @param {number} now the frame's timestamp (requestAnimationFrame's argument) */
  frame(now) {
    const dt = now - this.last;
    const first = this.last < 0;
    this.last = now;
    if (first || dt <= 0 || dt > 250) return; // paused, hidden tab, or a debugger stop
    this.intervals[this.slot] = dt;
    this.slot = (this.slot + 1) % HISTORY;
    let p = Infinity;
    for (const v of this.intervals) if (v < p) p = v;
    this.period = Math.min(50, Math.max(4, p));
    const cap = Math.max(MIN_BUDGET_MS, Math.min(MAX_SHARE * this.period, this.period - this.drawMs - BROWSER_MS));
    this.budget = dt > LATE * this.period
      ? Math.max(MIN_BUDGET_MS, this.budget * 0.7)
      : Math.min(cap, this.budget + 0.25);
  }

  /**
   * Trains as many epochs as fit in this frame's budget (at least one).
   * @param {{train(epochs: number, every: number): void}} ex
   * @param {number} every evaluate the losses only every `every` epochs (and at each call's
   *   last one): what the chart keeps
   * @param {() => boolean} stop checked after each engine call (divergence)
   * @returns {number} epochs trained
   */
  train(ex, every, stop) {
    const start = performance.now();
    let done = 0;
    for (;;) {
      const left = this.budget - (performance.now() - start);
      const k = this.known ? Math.max(1, Math.min(MAX_CHUNK, Math.floor(left / this.msPerEpoch))) : this.probe;
      const t0 = performance.now();
      ex.train(k, every);
      const t1 = performance.now();
      done += k;
      // Timers are coarse (0.1 ms in a browser): only a long enough call tells the cost. Until
      // one has, the chunk doubles from 1, so an unknown network never stalls a frame.
      if (t1 - t0 >= 0.5) {
        const cost = (t1 - t0) / k;
        this.msPerEpoch = this.known ? 0.7 * this.msPerEpoch + 0.3 * cost : cost;
        this.known = true;
      } else if (!this.known) {
        this.probe = Math.min(MAX_CHUNK, 2 * this.probe);
      }
      if (stop()) break;
      const rest = this.budget - (t1 - start);
      if (this.known ? rest < this.msPerEpoch : rest <= 0) break;
    }
    this.epochsLastFrame = done;
    return done;
  }

  /** @param {number} ms how long the frame's drawing took */
  drew(ms) {
    this.drawMs = 0.9 * this.drawMs + 0.1 * ms;
  }
}

