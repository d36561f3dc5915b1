// controls.js — the top bar: play/pause, reset, step, epoch counter, and the training
// parameters (learning rate, activation, regularization and its rate, problem type).

import { LEARNING_RATES, REGULARIZATION_RATES, ACTIVATIONS, REGULARIZATIONS, PROBLEMS } from './urlstate.js';
import { formatEpoch } from './palette.js';
import { el, setText } from './dom.js';
import { t } from './i18n.js';

/**
 * @typedef {{play(): void, step(): void, reset(): void, set(name: string, value: string): void}} ControlHandlers
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An icon from fixed path data (no user input). @param {string} d @returns {SVGSVGElement} */
function icon(d) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  svg.appendChild(path);
  return svg;
}

const PLAY = 'M8 5v14l11-7z';
const PAUSE = 'M6 5h4v14H6zm8 0h4v14h-4z';
const RESET = 'M12 5V1L7 6l5 5V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z';
const STEP = 'M6 18l8.5-6L6 6v12zM16 6v12h2V6h-2z';

export class Controls {
  /** @param {HTMLElement} container @param {ControlHandlers} handlers */
  constructor(container, handlers) {
    this.h = handlers;
    this.root = el('div', 'controls', container);
    const buttons = el('div', 'buttons', this.root);
    this.resetBtn = this.button(buttons, 'resetButton', t('controls.reset'), RESET, () => this.h.reset());
    this.playBtn = this.button(buttons, 'playButton', t('controls.play'), PLAY, () => this.h.play());
    this.playBtn.classList.add('play');
    this.stepBtn = this.button(buttons, 'stepButton', t('controls.step'), STEP, () => this.h.step());
    const epoch = el('div', 'epoch', this.root);
    el('span', 'label', epoch, t('controls.epoch'));
    this.epochValue = el('span', 'value', epoch, formatEpoch(0));

    /** @type {Record<string, HTMLSelectElement>} */
    this.selects = {};
    const num = (/** @type {number} */ v) => /** @type {[string, string]} */ ([String(v), String(v)]);
    this.select('learningRate', t('controls.learningRate'), LEARNING_RATES.map(num));
    this.select('activation', t('controls.activation'), ACTIVATIONS.map((a) => [a[0], t(a[1])]));
    this.select('regularization', t('controls.regularization'), REGULARIZATIONS.map((a) => [a[0], t(a[1])]));
    this.select('regularizationRate', t('controls.regularizationRate'), REGULARIZATION_RATES.map(num));
    this.select('problem', t('controls.problem'), PROBLEMS.map((a) => [a[0], t(a[1])]));
  }

  /**
   * @param {HTMLElement} parent @param {string} name @param {string} title @param {string} d
   * @param {() => void} onClick @returns {HTMLButtonElement}
   */
  button(parent, name, title, d, onClick) {
    const b = /** @type {HTMLButtonElement} */ (el('button', 'icon-button', parent));
    b.dataset.control = name;
    b.title = title;
    b.setAttribute('aria-label', title);
    b.appendChild(icon(d));
    b.addEventListener('click', onClick);
    return b;
  }

  /** @param {string} name @param {string} label @param {[string, string][]} options */
  select(name, label, options) {
    const box = el('div', 'control', this.root);
    box.dataset.control = name;
    const lab = el('label', '', box);
    el('span', 'label', lab, label);
    const sel = /** @type {HTMLSelectElement} */ (el('select', '', lab));
    sel.name = name;
    for (const [value, text] of options) {
      const o = /** @type {HTMLOptionElement} */ (el('option', '', sel, text));
      o.value = value;
    }
    sel.addEventListener('change', () => this.h.set(name, sel.value));
    this.selects[name] = sel;
  }

  /** Shows the experiment's parameters. @param {import('./types.js').EngineState} state */
  update(state) {
    for (const [name, sel] of Object.entries(this.selects)) {
      const value = String(state[name]);
      let found = false;
      for (const o of Array.from(sel.options)) {
        if (o.value === value) found = true;
        if (o.classList.contains('custom') && o.value !== value) o.remove();
      }
      if (!found) {
        // A value from a link that is not one of the menu's steps: show it as it is.
        const o = /** @type {HTMLOptionElement} */ (el('option', 'custom', sel, value));
        o.value = value;
      }
      sel.value = value;
    }
  }

  /** @param {boolean} playing */
  setPlaying(playing) {
    this.playBtn.classList.toggle('playing', playing);
    this.playBtn.replaceChildren(icon(playing ? PAUSE : PLAY));
    this.playBtn.setAttribute('aria-pressed', String(playing));
  }

  /** @param {number} epoch */
  setEpoch(epoch) {
    setText(this.epochValue, formatEpoch(epoch));
  }
}
