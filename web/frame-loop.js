// frame-loop.js — the animation frames: while playing, each frame trains (speed.js:
// FrameTraining) and then redraws once if anything changed. Owns whether the page plays and the
// speed; how often the numbers and the chart follow while it does is redraw-rates.js's, and
// what a redraw paints the caller's (scene.js).

import { FrameTraining } from './speed.js';
import { RedrawRates } from './redraw-rates.js';

/**
 * @typedef {import('./types.js').Experiment} Experiment
 * @typedef {{
 *   experiment(): Experiment,
 *   every(): number,
 *   trained(): void,
 *   draw(text: boolean, chart: boolean, playing: boolean): void,
 *   playingChanged(playing: boolean): void,
 *   failed(error: unknown): void
 * }} FrameHooks
 *   experiment: the live experiment; every: evaluate the losses every `every` epochs (what the
 *   chart keeps); trained: after a frame's training (divergence); draw: one redraw, numbers only
 *   when `text`, the chart only when `chart`; failed: a frame threw (the loop pauses first)
 */

export class FrameLoop {
  /** @param {FrameHooks} hooks */
  constructor(hooks) {
    this.hooks = hooks;
    this.trainer = new FrameTraining(() => { this.dirty = true; });
    this.playing = false;
    /** Something changed since the last redraw. */
    this.dirty = true;
    /** Epochs per frame (the `speed` parameter); 0 = as many as fit. */
    this.speed = 1;
    /** Whether "max" may train in a worker (not in perceptron mode). */
    this.workerAllowed = false;
    this.rates = new RedrawRates();
    this.tick = this.tick.bind(this);
    // A hidden page trains no more at "max" than at other speeds (no frames, no training).
    document.addEventListener('visibilitychange', () => { if (document.hidden) this.trainer.stop(); });
  }

  /** Starts the frames (once). */
  start() {
    requestAnimationFrame(this.tick);
  }

  /** @param {boolean} playing */
  setPlaying(playing) {
    if (!playing) this.trainer.stop();
    if (this.playing && !playing) this.dirty = true; // show the exact numbers once stopped
    if (!this.playing && playing) { this.trainer.restart(); this.rates.restart(); }
    this.playing = playing;
    this.hooks.playingChanged(playing);
  }

  /** Epochs per frame, 0 = max; training goes on. @param {number} speed */
  setSpeed(speed) {
    if (speed !== 0) this.trainer.stop();
    this.speed = speed;
    this.trainer.restart();
  }

  /**
   * A new experiment: what "max" may do with it, and the pacer measures afresh.
   * @param {number} speed @param {boolean} workerAllowed
   */
  load(speed, workerAllowed) {
    this.trainer.stop();
    this.speed = speed;
    this.workerAllowed = workerAllowed;
    this.trainer.restart();
  }

  /** Stops a worker's training: call it before anything else changes the experiment (a step,
   * an edit, a new experiment); the experiment keeps the last state the worker reached. */
  stopTraining() {
    this.trainer.stop();
  }

  /** Redraw at the next frame. */
  invalidate() {
    this.dirty = true;
  }

  /** Redraws now. While playing the numbers and the chart follow at their rates (redraw-rates.js). */
  draw() {
    this.dirty = false;
    const { text, chart } = this.playing ? this.rates.due(performance.now()) : { text: true, chart: true };
    this.hooks.draw(text, chart, this.playing);
  }

  /**
   * The animation frame: when playing, `speed` epochs (at max: a worker trains, or without one
   * as many epochs as the pacer's budget allows), then one redraw if anything changed — the
   * heatmaps once per frame.
   * @param {number} now the frame's timestamp
   */
  tick(now) {
    requestAnimationFrame(this.tick);
    try {
      if (this.playing && !document.hidden) { // (a hidden page gets no frames anyway)
        this.rates.frame(now);
        // The losses of epochs the chart would not keep are not evaluated: the same training,
        // and the same chart, for less than half the work of an epoch on big networks.
        if (this.trainer.frame(this.hooks.experiment(), this.speed, this.hooks.every(), this.workerAllowed, now)) this.dirty = true;
        this.hooks.trained();
      }
      if (this.dirty) {
        const t0 = performance.now();
        this.draw();
        this.trainer.drew(performance.now() - t0);
      }
    } catch (e) {
      this.setPlaying(false);
      this.hooks.failed(e);
      throw e;
    }
  }
}
