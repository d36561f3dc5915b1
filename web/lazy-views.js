// lazy-views.js — the views a plain link never shows, imported when first needed: the notices
// banner (a link with something to report), the divergence banner (training blew up) and the
// dropout marks (dropout on, paused after a step). Each stand-in takes the calls the view takes
// and does nothing until there is something to show, so a first load does not fetch them.

import { panelStyles } from './assets.js';

/**
 * @typedef {import('./types.js').Notice} Notice
 * @typedef {{divergedAt(): number, lastFiniteEpoch(): number}} Divergent
 */

/** The notices banner in `container`. @param {HTMLElement} container */
export function lazyNotices(container) {
  /** @type {Promise<import('./notices.js').NoticesView> | null} */
  let view = null;
  return {
    /** Settled once the banner shows what it was given (nnplay.ready waits for it). */
    get shown() { return view ?? Promise.resolve(); },
    /** @param {Notice[]} notices */
    update(notices) {
      if (notices.length === 0 && !view) return;
      view ??= import('./notices.js').then((m) => new m.NoticesView(container));
      view.then((v) => v.update(notices)); // in call order: one promise
    },
  };
}

/**
 * The divergence banner in `container`. check() answers at once whether the experiment has just
 * diverged (the controller pauses); the banner follows once imported and styled (panels.css),
 * for the live experiment.
 * @param {HTMLElement} container @param {() => void} restore @param {() => Divergent} live
 */
export function lazyDivergence(container, restore, live) {
  /** @type {import('./divergence.js').DivergenceView | null} */
  let view = null;
  /** @type {Promise<void> | null} */
  let loading = null;
  return {
    clear() { view?.clear(); },
    /** @param {Divergent} ex @returns {boolean} */
    check(ex) {
      if (view) return view.check(ex);
      if (ex.divergedAt() < 0) return false;
      loading ??= Promise.all([import('./divergence.js'), panelStyles()]).then(([m]) => {
        view = new m.DivergenceView(container, restore);
        view.check(live());
      });
      return true;
    },
  };
}

/**
 * The dropout marks over `network`; the first marks draw on the redraw after the import.
 * @param {import('./network.js').NetworkView} network @param {() => void} redraw
 */
export function lazyDropoutMarks(network, redraw) {
  /** @type {import('./dropout-marks.js').DropoutMarks | null} */
  let marks = null;
  /** @type {Promise<void> | null} */
  let loading = null;
  return {
    /** @param {Float64Array | null} mask */
    update(mask) {
      if (marks) marks.update(mask);
      else if (mask) loading ??= import('./dropout-marks.js').then((m) => { marks = new m.DropoutMarks(network); redraw(); });
    },
  };
}
