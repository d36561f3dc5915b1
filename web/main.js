// main.js — the page's entry: takes down index.html's start-up message, installs window.nnplay
// at once (with `ready` pending), loads the engine, and hands it to the Controller
// (controller.js). If the engine cannot start, the message comes back saying why.

import { Controller } from './controller.js';
import { importEngine } from './assets.js';
import { t, pickLanguage, useLanguage, language } from './i18n.js';

/** Installs window.nnplay at once (with `ready` pending) and boots the page. */
function boot() {
  // index.html shows this only if no script has run for a while (opened from file://, where
  // browsers refuse module scripts): the script runs, so it goes at once.
  const startup = /** @type {HTMLElement} */ (document.getElementById('startup'));
  startup.hidden = true;
  /** @type {Controller | null} */
  let ctrl = null;
  /** @type {(v: void) => void} */
  let resolveReady = () => {};
  /** @type {(e: unknown) => void} */
  let rejectReady = () => {};
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  ready.catch(() => {}); // the failure is shown in words; callers still see the rejection
  const need = () => {
    if (!ctrl) throw new Error('nnplay is not ready yet: await nnplay.ready');
    return ctrl;
  };
  const api = {
    ready,
    state: () => need().state(),
    /** @param {string} name @param {string | number | boolean} value */
    set: (name, value) => import('./set-param.js').then((m) => m.setParam(need(), name, value)),
    /** @param {number} layer @param {number} from @param {number} to @param {number} value */
    setWeight: (layer, from, to, value) => need().edits.setWeight(layer, from, to, value),
    /** @param {number} layer @param {number} node @param {number} value */
    setBias: (layer, node, value) => need().edits.setBias(layer, node, value),
    link: () => need().fullLink(),
    /** @param {number} [n] */
    step: (n = 1) => {
      if (!Number.isInteger(n) || n < 0) throw new RangeError('nnplay.step(n): n must be an integer >= 0');
      need().step(n);
    },
    play: () => need().setPlaying(true),
    pause: () => need().setPlaying(false),
    reset: () => need().reset(),
    regenerate: () => need().regenerate(),
    get epoch() { return ctrl?.ex?.epoch ?? 0; },
    loss: () => need().live().loss(),
    lossCurve: () => need().live().lossCurve(),
    data: () => need().live().data(),
    /** @param {unknown} points [[x, y, label], ...] */
    setData: (points) => import('./data-io.js').then((m) => m.setData(need(), points)),
    network: () => need().live().network(),
    notices: () => [...need().live().notices(), ...need().refused],
    lessons: () => need().views.lecture.lessonWords().then((ls) => ls.map((l) => ({ ...l }))),
    misclassified: () => need().views.lecture.misclassified(),
    perceptron: () => need().views.lecture.report(),
    /** @param {number} [point] */
    backprop: (point) => need().useLab().then(() => need().views.lecture.trace(point)),
    layerStats: () => need().useLab().then(() => need().live().layerStats()),
    accuracy: () => need().live().accuracy(),
    accuracyCurve: () => need().live().accuracyCurve(),
    confusion: () => need().live().confusion(),
    divergedAt: () => need().live().divergedAt(),
    restoreFinite: () => need().restoreFinite(),
    dropoutMask: () => Array.from(need().live().dropoutMask()),
    compare: () => need().compare?.result() ?? [],
    /** @param {string} kind */
    export: (kind) => import('./takeaway.js').then((m) => m.export(need(), kind)),
    /** @param {unknown} model */
    import: (model) => import('./takeaway.js').then((m) => m.import(need(), model)),
    /** @param {string} [view] */
    png: (view) => import('./takeaway.js').then((m) => m.png(need(), view)),
  };
  Object.defineProperty(window, 'nnplay', { value: Object.freeze(api), enumerable: true });

  importEngine().then(async (engineModule) => {
    const engine = await engineModule.loadEngine();
    const asked = () => pickLanguage(engine.parseHash(location.hash).state.lang, navigator.languages);
    await useLanguage(asked());
    // The views are worded once: a link that asks for another language opens anew.
    window.addEventListener('hashchange', () => { if (asked() !== language()) location.reload(); });
    ctrl = new Controller(engine);
    await ctrl.start();
    await ctrl.views.notices.shown; // a link's notices are on screen when ready says so
    document.body.classList.add('ready');
    resolveReady();
    if (window.parent !== window) import('./embed.js').then((m) => m.startEmbed(need())); // in an iframe: talk to the host
  }).catch((e) => {
    startup.replaceChildren(t('page.failed', e instanceof Error ? e.message : e));
    startup.classList.add('failed');
    startup.hidden = false;
    rejectReady(e);
  });
}

boot();
