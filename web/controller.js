// controller.js — the controller: builds the experiment a link describes and coordinates the
// parts of the page around it — the views (views.js), the link (link.js), the frame loop
// (frame-loop.js), what a redraw paints (scene.js) and hand edits (edits.js). main.js loads the
// engine and exposes window.nnplay, whose calls land here.
//
// State lives in the engine. The link is the serialized state, and reproduces the screen: the
// settings at epoch 0, the epoch, and each change made on the way (the engine's hash). A change
// of a live setting (learning rate, regularization, optimiser, dropout, batch size) or a hand
// edit goes on from the current network and epoch, logged by the engine; any other control
// change starts a new experiment from the settings now shown. The display switches
// (showTestData, discretize) and the speed change only the page's part of the link. While
// paused the address bar is the link; while playing it follows about once a second.

import { createViews } from './views.js';
import { Link } from './link.js';
import { FrameLoop } from './frame-loop.js';
import { Scene } from './scene.js';
import { Edits } from './edits.js';
import { datasetPoints, featureGrids } from './reference-data.js';
import { speedFromState, speedValue } from './speed.js';
import { isHidden, setParams } from './urlstate.js';
import { setPalette } from './palette.js';
import { t, languageNotices } from './i18n.js';
import { panelStyles } from './assets.js';

/** Grid cells per side of the big heatmap while playing (TFP's 100) and of the feature grids. */
const DENSITY = 100;
/** Least time between two writes of the address bar, ms, paused and playing: Chromium ignores
 * more than 200 history changes in 10 s. */
const LINK_INTERVAL_MS = [100, 1000];

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
    this.loading = false; // load() is rebuilding the views
    /** @type {Promise<void> | null} the move to the lab engine (useLab) */
    this.toLab = null;
    /** The page's own display switches (in the link, not in the experiment). */
    this.display = { showTestData: false, discretize: false };
    /** @type {Record<string, string | null>} panels' parameters changed since the link (downhill) */
    this.panelParams = {};
    /** @type {Partial<EngineState>} the state those parameters give */
    this.panelState = {};
    this.link = new Link((hash) => this.load(hash, true));
    /** @type {{cancel(): void, cancelled: boolean} | null} training to the link's epoch (catchup.js) */
    this.catchUp = null;
    /** @type {Promise<void>} settled once the page shows the epoch the link asked for */
    this.caughtUp = Promise.resolve();
    this.linkTime = 0;
    /** @type {import('./compare.js').ComparePanel | undefined} compare=: its panel (compare.js) */
    this.compare = undefined;
    /** @type {import('./types.js').Notice[]} what the page refused of the link (compare.js) */
    this.refused = [];
    /** @type {ReturnType<typeof setTimeout> | 0} */
    this.linkTimer = 0;
    this.edits = new Edits({
      experiment: () => this.live(),
      before: () => this.settle(),
      after: () => { this.checkDivergence(); this.views.output.clearLoss(); this.loop.draw(); },
    });
    this.views = createViews(this);
    const views = this.views;
    this.scene = new Scene(views, featureGrids(engine, DENSITY), DENSITY);
    this.loop = new FrameLoop({
      experiment: () => this.live(),
      every: () => views.output.chart.stride,
      trained: () => this.checkDivergence(),
      draw: (text, chart, playing) => { this.compare?.draw(playing); this.scene.draw(this.live(), text, chart, playing, playing && this.loop.speed > 0); this.followLink(); },
      playingChanged: (playing) => { views.controls.setPlaying(playing); if (!playing) views.summary.announce(); },
      failed: (e) => views.notices.update([{ param: 'engine', value: '', reason: e instanceof Error ? e.message : String(e) }]),
    });
    views.dataPanel.setThumbnails(datasetPoints(engine));
  }

  /** Opens the link the page was loaded with and, once its panels are in and it shows the
   * link's epoch, starts the frames. */
  async start() {
    this.load(Link.read(), true);
    await this.views.lecture.pending;
    await this.compareReady;
    this.loop.start();
    await this.caughtUp;
  }

  /** @returns {Experiment} */
  live() {
    if (!this.ex) throw new Error('nnplay: no experiment');
    return this.ex;
  }

  /** @returns {EngineState} the experiment's state with the page's own parameters */
  state() {
    const speed = this.loop.speed;
    return { ...this.live().state(), ...this.panelState, ...this.display, speed: speed === 0 ? 'max' : speed };
  }

  get playing() {
    return this.loop.playing;
  }

  /** @returns {[string, EngineState]} the link's hash and the state it shows */
  current() {
    return [this.hash(), this.state()];
  }

  /** @returns {string} the hash of the screen: the engine's, with the page's own parameters */
  hash() {
    return setParams(this.live().hash(), {
      ...(this.refused.length && { compare: null }),
      showTestData: String(this.display.showTestData),
      discretize: String(this.display.discretize),
      speed: this.loop.speed === 1 ? null : speedValue(this.loop.speed),
      ...this.panelParams,
    });
  }

  /**
   * A panel's own parameters (the downhill panel's): written to the link, the experiment
   * untouched. @param {Record<string, string | null>} values null removes one
   */
  setPanelParams(values) {
    Object.assign(this.panelParams, values);
    const st = this.engine.parseHash(this.hash()).state;
    this.panelState = Object.fromEntries(Object.entries(st).filter(([k]) => k.startsWith('downhill')));
    this.writeLink();
    this.views.lecture.panelsChanged(this.state());
  }

  /** @returns {string} the link that reproduces the screen */
  fullLink() {
    return `${location.href.split('#')[0]}#${this.hash()}`;
  }

  /** @param {number} index @returns {number} the live experiment's parameter at `index` */
  param(index) {
    return this.live().params()[index];
  }

  /** The views of classes (classes-view.js, loaded on first use): K classes' heatmap and
   * legend, the confusion tables. @param {boolean} [toggle] open or close the tables */
  showClasses(toggle) {
    /** @param {import('./classes-view.js').ClassesView} view */
    const show = (view) => {
      if (toggle) view.toggle();
      this.redraw();
    };
    // Once imported, at once (a click answers in the same task).
    if (this.scene.classes) show(this.scene.classes);
    else Promise.all([import('./classes-view.js'), panelStyles()]).then(([m]) => show(this.scene.classes ??= new m.ClassesView(this.views.output, this.views.accuracy.confusion)));
  }

  /** Redraw at the next frame. */
  redraw() {
    this.loop.invalidate();
  }

  /** The lab engine, for panels that need it: the page moves to it once (lab.js).
   * @returns {Promise<void>} */
  useLab() {
    return (this.toLab ??= import('./lab.js').then((m) => m.moveToLab(this)));
  }

  /**
   * Builds the experiment a hash describes and shows it.
   * @param {string} hash without '#' @param {boolean} fromUrl show its notices even if none
   * @param {Experiment} [ready] that experiment, already built (lab.js)
   */
  load(hash, fromUrl, ready) {
    // Views rebuilt below may send events on the way (a focused neuron removed blurs): they
    // draw once load() has given every view the new experiment, not halfway.
    this.loading = true;
    try {
      this.build(hash, fromUrl, ready);
    } finally {
      this.loading = false;
    }
    this.loop.draw();
  }

  /** @param {string} hash @param {boolean} fromUrl @param {Experiment} [ready] */
  build(hash, fromUrl, ready) {
    this.settle();
    /** @type {Experiment} */
    let ex;
    /** @type {import('./types.js').Notice[]} */
    const extra = [];
    try {
      ex = ready ?? this.engine.experiment(hash);
    } catch (e) {
      extra.push({ param: 'link', value: '', reason: t('page.linkFailed', e instanceof Error ? e.message : e) });
      ex = this.engine.experiment('');
    }
    this.ex?.dispose();
    this.ex = ex;
    // A new link carries the panels' parameters; the same experiment on the lab engine keeps them.
    if (!ready) this.panelParams = {}, this.panelState = {};
    const st = { ...ex.state(), ...this.panelState };
    const v = this.views;
    setPalette(st.palette);
    this.display = { showTestData: !!st.showTestData, discretize: !!st.discretize };
    this.loop.load(speedFromState(st.speed), st.model !== 'perceptron');
    const notices = [...extra, ...languageNotices(st.lang), ...ex.notices()];
    if (fromUrl || notices.length > 0) v.notices.update(notices);
    this.refused = [];

    document.body.classList.toggle('hide-text', !!st.hideText);
    this.showSettings(st);
    v.speedControl.update(this.loop.speed);
    v.accuracy.setApplies(st.problem === 'classification');
    v.divergence.clear();
    v.divergence.check(ex);
    v.network.build(ex.layout(), st, DENSITY, this.scene.featureGrids);
    v.output.setDisplay(this.display);
    v.output.heatmap.setPoints(ex.data(), this.display.showTestData);
    if (ex.classes > 2 || this.scene.classes) this.showClasses();
    v.output.clearLoss();
    v.classPanel.update();
    for (const node of document.querySelectorAll('[data-control]')) {
      const e = /** @type {HTMLElement} */ (node);
      e.hidden = isHidden(st.hide, /** @type {string} */ (e.dataset.control));
    }
    v.lecture.load(ex, st);
    this.openCompare(ex);
    this.scene.load({ discretize: this.display.discretize, dropoutOn: st.dropout > 0 });
    if (ex.targetEpoch() > ex.epoch) this.trainToLink(ex);
    else this.writeLink();
  }

  /** compare=: its panel, imported on first use (compare.js). @param {Experiment} ex */
  openCompare(ex) {
    if (ex.hash().includes('compare=') || this.compare) this.compareReady = import('./compare.js').then((m) => m.openCompare(this, ex));
  }

  /** The controls show the experiment's settings now. @param {EngineState} st */
  showSettings(st) {
    this.views.controls.update(st);
    this.views.training.update(st);
    this.views.dataPanel.update(st);
    this.scene.dropoutOn = st.dropout > 0;
  }

  /** A link's `epoch`: trained to in chunks, a frame at a time, with progress (catchup.js).
   * @param {Experiment} ex */
  trainToLink(ex) {
    const job = { cancel() { job.cancelled = true; }, cancelled: false };
    this.catchUp = job;
    this.caughtUp = import('./catchup.js').then((m) => m.trainTo(this, ex, job));
  }

  /** Before anything changes the experiment: a worker's or a link's training stops where it is. */
  settle() {
    this.loop.stopTraining();
    this.catchUp?.cancel();
    this.catchUp = null;
  }

  /** The link of the screen into the address bar now. */
  writeLink() {
    clearTimeout(this.linkTimer);
    this.linkTimer = 0;
    this.linkTime = performance.now();
    this.link.write(this.hash());
  }

  /** After a redraw: the address bar follows, at most every LINK_INTERVAL_MS (not while a link's
   * epoch is being trained to: it still shows that link). */
  followLink() {
    if (this.linkTimer || this.catchUp) return;
    const wait = this.linkTime + LINK_INTERVAL_MS[+this.loop.playing] - performance.now();
    this.linkTimer = setTimeout(() => { if (!this.catchUp) this.writeLink(); this.linkTimer = 0; }, Math.max(0, wait));
  }

  /**
   * Parameters changed together by one control (null removes one). One live setting goes on
   * from the current network (ex.change); anything else builds a new experiment from the
   * settings now shown with these values.
   * @param {Record<string, string | null>} values
   */
  changeParams(values) {
    const names = Object.keys(values);
    const value = values[names[0]];
    this.settle();
    const ex = this.live();
    if (names.length === 1 && value !== null) {
      try {
        const fresh = ex.epoch === 0 && !ex.hash().includes('@');
        ex.change(names[0], value);
        if (fresh) ex.reset(); // nothing trained or edited yet: the change is the link's base
        if (fresh) this.openCompare(ex); // the variants' links follow the base
        this.showSettings(ex.state());
        this.writeLink();
        this.loop.draw();
        return;
      } catch (e) {
        if (!(e instanceof RangeError)) throw e; // not live, or refused: a new experiment
      }
    }
    this.setPlaying(false);
    ex.reset(); // the settings now become the new experiment's base
    this.load(setParams(this.hash(), values), false);
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
    if (!this.loading) this.loop.draw();
  }

  /** @param {boolean} playing */
  setPlaying(playing) {
    if (playing) this.settle();
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
    this.showSettings(this.live().state());
    this.views.divergence.check(this.live());
    this.views.output.clearLoss();
    this.loop.draw();
  }

  /** @param {number} n */
  step(n) {
    this.settle();
    this.live().train(n);
    this.checkDivergence();
    this.loop.draw();
    this.views.summary.announce();
  }

  reset() {
    this.setPlaying(false);
    this.settle();
    this.live().reset();
    this.views.divergence.check(this.live());
    this.views.output.clearLoss();
    this.loop.draw();
  }

  regenerate() {
    this.setPlaying(false);
    this.settle();
    this.live().regenerate();
    this.openCompare(this.live());
    this.views.divergence.check(this.live());
    this.writeLink();
    this.views.classPanel.update();
    this.views.output.heatmap.setPoints(this.live().data(), this.display.showTestData);
    this.views.output.clearLoss();
    this.loop.draw();
  }

  /** "Edit data": the points editor over the output, loaded on first use. */
  editData() {
    Promise.all([import('./data-editor.js'), panelStyles()]).then(([m]) => m.openDataEditor(this));
  }
}
