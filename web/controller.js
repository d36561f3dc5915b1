// controller.js — the controller: builds the experiment a link describes and coordinates the
// parts of the page around it — the views (views.js), the link (link.js), the frame loop
// (frame-loop.js), what a redraw paints (scene.js) and hand edits (edits.js). main.js loads the
// engine and exposes window.nnplay, whose calls land here.
//
// State lives in the engine. The link is the serialized state: every control change rewrites one
// parameter of the engine's canonical hash and rebuilds the experiment from it, so the address
// bar always reproduces what is on screen. Only the two display switches (showTestData,
// discretize) change the link without rebuilding, as in TFP, and the speed (epochs per frame).

import { createViews } from './views.js';
import { Link } from './link.js';
import { FrameLoop } from './frame-loop.js';
import { Scene } from './scene.js';
import { Edits } from './edits.js';
import { datasetPoints, featureGrids } from './reference-data.js';
import { speedFromState, speedValue } from './speed.js';
import { isHidden } from './urlstate.js';
import { setPalette } from './palette.js';
import { t, languageNotices } from './i18n.js';

/** Grid cells per side of the big heatmap while playing (TFP's 100) and of the feature grids. */
const DENSITY = 100;
/** Parameters whose change TFP applies without resetting training (we rebuild, but keep playing). */
const KEEP_PLAYING = new Set(['learningRate', 'regularizationRate']);

/**
 * @typedef {import('./types.js').Engine} Engine
 * @typedef {import('./types.js').Experiment} Experiment
 * @typedef {import('./types.js').EngineState} EngineState
 * @typedef {import('./network.js').HoverTarget} HoverTarget
 */

export class Controller {
  /** @param {Engine} engine */
  constructor(engine) {
    this.engine = engine;
    /** @type {Experiment | null} */
    this.ex = null;
    /** The page's own display switches (in the link, not in the experiment). */
    this.display = { showTestData: false, discretize: false };
    this.link = new Link((hash) => this.load(hash, true));
    this.edits = new Edits({
      experiment: () => this.live(),
      before: () => this.loop.stopTraining(),
      after: () => { this.checkDivergence(); this.views.output.clearLoss(); this.loop.draw(); },
    });
    this.views = createViews(/** @type {any} */ (engine), this);
    const views = this.views;
    this.scene = new Scene(views, featureGrids(engine, DENSITY), DENSITY);
    this.loop = new FrameLoop({
      experiment: () => this.live(),
      every: () => views.output.chart.stride,
      trained: () => this.checkDivergence(),
      draw: (text, chart, playing) => this.scene.draw(this.live(), text, chart, playing),
      playingChanged: (playing) => { views.controls.setPlaying(playing); if (!playing) views.summary.announce(); },
      failed: (e) => views.notices.update([{ param: 'engine', value: '', reason: e instanceof Error ? e.message : String(e) }]),
    });
    views.dataPanel.setThumbnails(datasetPoints(engine));
  }

  /** Opens the link the page was loaded with and, once its panels are in, starts the frames. */
  async start() {
    this.load(Link.read(), true);
    await this.views.lecture.pending;
    this.loop.start();
  }

  /** @returns {Experiment} */
  live() {
    if (!this.ex) throw new Error('nnplay: no experiment');
    return this.ex;
  }

  /** @returns {EngineState} the experiment's state with the page's own parameters */
  state() {
    const speed = this.loop.speed;
    return { ...this.live().state(), ...this.display, speed: speed === 0 ? 'max' : speed };
  }

  get playing() {
    return this.loop.playing;
  }

  /** @returns {[string, EngineState]} the link's hash and the state it shows */
  current() {
    return [this.link.hash, this.state()];
  }

  /** @param {number} index @returns {number} the live experiment's parameter at `index` */
  param(index) {
    return this.live().params()[index];
  }

  /** Redraw at the next frame. */
  redraw() {
    this.loop.invalidate();
  }

  /**
   * Builds the experiment a hash describes and shows it.
   * @param {string} hash without '#' @param {boolean} fromUrl show its notices even if none
   */
  load(hash, fromUrl) {
    this.loop.stopTraining();
    /** @type {Experiment} */
    let ex;
    /** @type {import('./types.js').Notice[]} */
    const extra = [];
    try {
      ex = this.engine.experiment(hash);
    } catch (e) {
      extra.push({ param: 'link', value: '', reason: t('page.linkFailed', e instanceof Error ? e.message : e) });
      ex = this.engine.experiment('');
    }
    this.ex?.dispose();
    this.ex = ex;
    const st = ex.state();
    const v = this.views;
    setPalette(st.palette);
    this.display = { showTestData: !!st.showTestData, discretize: !!st.discretize };
    this.loop.load(speedFromState(st.speed), st.model !== 'perceptron');
    this.writeLink();
    const notices = [...extra, ...languageNotices(st.lang), ...ex.notices()];
    if (fromUrl || notices.length > 0) v.notices.update(notices);

    document.body.classList.toggle('hide-text', !!st.hideText);
    v.controls.update(st);
    v.training.update(st);
    v.speedControl.update(this.loop.speed);
    v.accuracy.setApplies(st.problem === 'classification');
    v.divergence.clear();
    v.divergence.check(ex);
    v.dataPanel.update(st);
    v.network.build(ex.layout(), st, DENSITY, this.scene.featureGrids);
    v.output.setDisplay(this.display);
    v.output.heatmap.setPoints(ex.data(), this.display.showTestData);
    v.output.clearLoss();
    v.classPanel.update();
    for (const node of document.querySelectorAll('[data-control]')) {
      const e = /** @type {HTMLElement} */ (node);
      e.hidden = isHidden(st.hide, /** @type {string} */ (e.dataset.control));
    }
    v.lecture.load(ex, st);
    this.scene.load({ discretize: this.display.discretize, dropoutOn: st.dropout > 0 });
    this.loop.draw();
  }

  /** The engine's canonical hash plus the page's own parameters, into the address bar. */
  writeLink() {
    this.link.write(this.live().hash(), {
      showTestData: String(this.display.showTestData),
      discretize: String(this.display.discretize),
      speed: this.loop.speed === 1 ? null : speedValue(this.loop.speed),
    });
  }

  /**
   * Parameters changed together by one control (null removes one): rebuild from the new link.
   * @param {Record<string, string | null>} values
   */
  changeParams(values) {
    const keep = this.loop.playing && Object.keys(values).every((name) => KEEP_PLAYING.has(name));
    this.setPlaying(false);
    this.load(this.link.with(values), false);
    if (keep) this.setPlaying(true);
  }

  /** The Speed menu: epochs per frame (0 = max). Written to the link; training goes on. @param {number} speed */
  setSpeed(speed) {
    this.loop.setSpeed(speed);
    this.views.speedControl.update(speed);
    this.writeLink();
    this.views.classPanel.update();
  }

  /** @param {'showTestData' | 'discretize'} name @param {boolean} value */
  setDisplay(name, value) {
    this.display[name] = value;
    this.scene.discretize = this.display.discretize;
    this.writeLink();
    this.views.classPanel.update();
    if (name === 'showTestData') this.views.output.heatmap.setPoints(this.live().data(), value);
    this.loop.draw();
  }

  /** @param {HoverTarget | null} target */
  hover(target) {
    this.scene.hover(target);
    this.loop.draw();
  }

  /** @param {boolean} playing */
  setPlaying(playing) {
    this.loop.setPlaying(playing);
  }

  /** Pauses and shows the message when the experiment has just diverged. */
  checkDivergence() {
    if (this.views.divergence.check(this.live())) this.setPlaying(false);
  }

  /** Back to the last finite state after a divergence (the message's button). */
  restoreFinite() {
    this.setPlaying(false);
    this.live().restoreFinite();
    this.views.divergence.check(this.live());
    this.views.output.clearLoss();
    this.loop.draw();
  }

  /** @param {number} n */
  step(n) {
    this.loop.stopTraining();
    this.live().train(n);
    this.checkDivergence();
    this.loop.draw();
    this.views.summary.announce();
  }

  reset() {
    this.setPlaying(false);
    this.live().reset();
    this.views.divergence.check(this.live());
    this.views.output.clearLoss();
    this.loop.draw();
  }

  regenerate() {
    this.setPlaying(false);
    this.live().regenerate();
    this.views.divergence.check(this.live());
    this.writeLink();
    this.views.classPanel.update();
    this.views.output.heatmap.setPoints(this.live().data(), this.display.showTestData);
    this.views.output.clearLoss();
    this.loop.draw();
  }
}
