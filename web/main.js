// main.js — the page's entry: installs window.nnplay at once (with `ready` pending), loads the
// engine, and hands it to the Controller (controller.js).

import { Controller } from './controller.js';
import { NoticesView } from './notices.js';
import { byId } from './dom.js';

/** Installs window.nnplay at once (with `ready` pending) and boots the page. */
function boot() {
  /** @type {Controller | null} */
  let ctrl = null;
  /** @type {(v: void) => void} */
  let resolveReady = () => {};
  /** @type {(e: unknown) => void} */
  let rejectReady = () => {};
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  ready.catch(() => {}); // the failure is shown as a notice; callers still see the rejection
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
    get epoch() { return ctrl && ctrl.ex ? ctrl.ex.epoch : 0; },
    loss: () => need().live().loss(),
    lossCurve: () => need().live().lossCurve(),
    data: () => need().live().data(),
    network: () => need().live().network(),
    notices: () => need().live().notices(),
    lessons: () => need().views.lecture.lessons.map((l) => ({ ...l })),
    misclassified: () => need().views.lecture.misclassified(),
    perceptron: () => need().views.lecture.report(),
    /** @param {number} [point] */
    backprop: (point) => need().views.lecture.trace(point),
    accuracy: () => need().live().accuracy(),
    accuracyCurve: () => need().live().accuracyCurve(),
    divergedAt: () => need().live().divergedAt(),
    restoreFinite: () => need().restoreFinite(),
    dropoutMask: () => Array.from(need().live().dropoutMask()),
  };
  Object.defineProperty(window, 'nnplay', { value: Object.freeze(api), enumerable: true });

  const base = new URL('.', import.meta.url);
  import(new URL('engine/engine.js', base).href).then(async (engineModule) => {
    const engine = await engineModule.loadEngine();
    ctrl = new Controller(engine);
    await ctrl.start();
    document.body.classList.add('ready');
    resolveReady();
  }).catch((e) => {
    const box = byId('notices');
    box.replaceChildren();
    new NoticesView(box).update([{ param: 'page', value: '', reason: `the engine could not be started: ${e instanceof Error ? e.message : e}` }]);
    rejectReady(e);
  });
}

boot();
