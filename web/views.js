// views.js — the page's views, each in its place in index.html, and which page action each
// one's controls call. The views own their DOM; the actions are the controller's.

import { Controls } from './controls.js';
import { DataPanel } from './datapanel.js';
import { NetworkView } from './network.js';
import { OutputPanel } from './output.js';
import { TrainingControls } from './training-controls.js';
import { SpeedControl } from './speed.js';
import { AccuracyView } from './accuracy.js';
import { lazyNotices, lazyDivergence, lazyDropoutMarks } from './lazy-views.js';
import { Lecture } from './lecture.js';
import { addLayer, removeLayer, changeNeurons, toggleFeature } from './edits.js';
import { byId } from './dom.js';
import { StateSummary } from './summary.js';
import { installShortcuts } from './shortcuts.js';
import { t } from './i18n.js';
import { panelStyles } from './assets.js';

/**
 * What the views ask the page to do.
 * @typedef {import('./types.js').EngineState} EngineState
 * @typedef {{
 *   readonly playing: boolean,
 *   setPlaying(playing: boolean): void,
 *   step(epochs: number): void,
 *   reset(): void,
 *   regenerate(): void,
 *   changeParams(values: Record<string, string | null>): void,
 *   setPanelParams(values: Record<string, string | null>): void,
 *   setSpeed(speed: number): void,
 *   setDisplay(name: 'showTestData' | 'discretize', value: boolean): void,
 *   hover(target: import('./network.js').HoverTarget | null): void,
 *   restoreFinite(): void,
 *   editData(): void,
 *   redraw(): void,
 *   useLab(): Promise<void>,
 *   readonly engine: import('./types.js').Engine,
 *   showClasses(toggle?: boolean): void,
 *   state(): EngineState,
 *   current(): [string, EngineState],
 *   param(index: number): number,
 *   live(): import('./types.js').Experiment,
 *   edits: import('./edits.js').Edits
 * }} PageActions
 *   changeParams: rebuild from the link with these values (null removes one); current: the
 *   link's hash and state; param: the live experiment's parameter at `index`; useLab: the
 *   page on the lab engine, for panels that need it; engine: the one the page is on
 */

/**
 * "Use it in class": its <details> now, its contents (classpanel.js) imported when first opened.
 * Features a first load does not show load on use, to keep that load small.
 * @param {HTMLElement} container
 * @param {() => [string, EngineState]} current the hash and state the panel's link starts from
 * @returns {{update(): void}} refreshes the open panel's link from `current`
 */
function lazyClassPanel(container, current) {
  const root = document.createElement('details');
  root.className = 'class-panel';
  root.append(Object.assign(document.createElement('summary'), { textContent: t('class.summary') }));
  container.appendChild(root);
  /** @type {import('./classpanel.js').ClassPanel | null} */
  let panel = null;
  root.addEventListener('toggle', () => {
    if (!root.open || panel) return;
    Promise.all([import('./classpanel.js'), panelStyles()]).then(([{ ClassPanel }]) => {
      if (panel) return;
      panel = new ClassPanel(root);
      panel.update(...current());
    });
  });
  return { update: () => panel?.update(...current()) };
}

/**
 * Builds every view of the page.
 * @param {PageActions} act
 */
export function createViews(act) {
  const set = (/** @type {string} */ name, /** @type {string} */ value) => act.changeParams({ [name]: value });
  const notices = lazyNotices(byId('notices'));
  const controls = new Controls(byId('topbar'), {
    play: () => act.setPlaying(!act.playing),
    step: () => { act.setPlaying(false); act.step(1); },
    reset: () => act.reset(),
    set,
  });
  installShortcuts(document, { play: controls.playBtn, step: controls.stepBtn });
  const training = new TrainingControls(byId('topbar'), (values) => act.changeParams(values));
  const speedControl = new SpeedControl((speed) => act.setSpeed(speed));
  controls.root.querySelector('.epoch')?.after(speedControl.root);
  const dataPanel = new DataPanel(byId('data'), {
    // a dataset chosen leaves own points
    set: (name, value) => act.changeParams(/dataset/i.test(name) ? { [name]: value, data: null } : { [name]: value }),
    regenerate: () => act.regenerate(),
    editData: () => act.editData(),
  });
  const network = new NetworkView(byId('network'), {
    toggleFeature: (name) => act.changeParams(toggleFeature(act.state(), name)),
    hover: (target) => act.hover(target),
    setWeight: (l, from, to, v) => act.edits.setWeight(l, from, to, v),
    setBias: (l, node, v) => act.edits.setBias(l, node, v),
    addLayer: () => act.changeParams(addLayer(act.state())),
    removeLayer: () => act.changeParams(removeLayer(act.state())),
    changeNeurons: (i, d) => act.changeParams(changeNeurons(act.state(), i, d)),
    paramValue: (index) => act.param(index),
    redraw: () => act.redraw(),
  });
  const output = new OutputPanel(byId('output'), { setDisplay: (name, value) => act.setDisplay(name, value), redraw: () => act.redraw() });
  const summary = new StateSummary(byId('output'), () => act.live());
  const accuracy = new AccuracyView(/** @type {HTMLElement} */ (output.root.querySelector('.losses')),
    /** @type {HTMLElement} */ (output.root.querySelector('.toggles')), (show) => { output.chart.showAccuracy(show); act.redraw(); },
    () => act.showClasses(true));
  const divergence = lazyDivergence(byId('notices'), () => act.restoreFinite(), () => act.live());
  const dropoutMarks = lazyDropoutMarks(network, () => act.redraw());
  const classPanel = lazyClassPanel(byId('class'), () => act.current());
  const lecture = new Lecture({
    bar: byId('lecture'), banner: byId('lesson'), networkColumn: byId('network'),
    heatmapFrame: output.heatmap.frame, network,
  }, {
    setParams: (values) => act.changeParams(values),
    pause: () => act.setPlaying(false),
    applyParams: (values) => act.edits.setParams(values),
    redraw: () => act.redraw(),
    state: () => act.state(),
    setPanelParams: (values) => act.setPanelParams(values),
    useLab: () => act.useLab(),
    labEngine: () => act.useLab().then(() => act.engine),
    lessonWords: () => act.useLab().then(() => act.engine.lessons()),
  });
  return { summary, notices, controls, training, speedControl, dataPanel, network, output, accuracy, divergence, dropoutMarks, classPanel, lecture };
}

/** @typedef {ReturnType<typeof createViews>} Views */
