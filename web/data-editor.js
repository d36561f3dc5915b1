// data-editor.js — "Edit data" (loaded on first use): own points drawn on the output view with
// a mouse, a pen or a finger (pointer events). Choose a label (a class, or a value for
// regression) and a tool (add / erase), tap the plane; clear; import a CSV or JSON file;
// export the training and test points as CSV; undo any of these. Every edit goes through the
// points module (its exact grid) into the link's data=, and the experiment is rebuilt from the
// link, so what is trained on is exactly what the link carries.

import { el } from './dom.js';
import { t, addEnglish } from './i18n.js';
import panelWords from './strings/en-panels.js';
import { DOMAIN } from './plane.js';
import { pointsIO, currentPoints, usePoints, linkValues, readFile, download, LINK_LIMIT, MAX_FILE_BYTES } from './data-io.js';

/**
 * @typedef {import('./controller.js').Controller} Controller
 * @typedef {import('./types.js').PointsRead} PointsRead
 */

addEnglish(panelWords);

/** Points within this distance (plane units) of a tap are erased. */
const ERASE_RADIUS = 0.5;
/** Undo keeps this many edits. */
const UNDO_DEPTH = 100;

/** @type {DataEditor | null} */
let editor = null;

/** Opens the editor (built once). @param {Controller} ctrl */
export function openDataEditor(ctrl) {
  if (!editor) editor = new DataEditor(ctrl);
  editor.open();
  return editor;
}

class DataEditor {
  /** @param {Controller} ctrl */
  constructor(ctrl) {
    this.ctrl = ctrl;
    this.frame = ctrl.views.output.heatmap.frame;
    this.root = el('div', 'data-editor');
    this.root.setAttribute('role', 'group');
    this.root.setAttribute('aria-label', t('editor.title'));
    ctrl.views.output.heatmap.root.after(this.root);
    el('h3', 'data-editor-title', this.root, t('editor.title'));
    this.hint = el('p', 'hint', this.root, t('editor.hint'));

    /** The label new points get. */
    this.label = 1;
    this.labels = el('div', 'data-editor-row labels', this.root);
    this.labels.setAttribute('role', 'group');
    this.labels.setAttribute('aria-label', t('editor.label'));
    /** @type {'add' | 'erase'} */
    this.tool = 'add';
    const tools = el('div', 'data-editor-row', this.root);
    tools.setAttribute('role', 'group');
    tools.setAttribute('aria-label', t('editor.tool'));
    this.addBtn = this.button(tools, t('editor.add'), () => this.setTool('add'));
    this.eraseBtn = this.button(tools, t('editor.erase'), () => this.setTool('erase'));
    const acts = el('div', 'data-editor-row', this.root);
    this.undoBtn = this.button(acts, t('editor.undo'), () => this.undo());
    this.button(acts, t('editor.clear'), () => this.edit(() => []));
    this.file = /** @type {HTMLInputElement} */ (el('input', 'data-file', acts));
    this.file.type = 'file';
    this.file.accept = '.csv,.tsv,.txt,.json,text/csv,application/json';
    this.file.hidden = true;
    this.file.addEventListener('change', () => this.importFile());
    this.button(acts, t('editor.import'), () => this.file.click());
    this.button(acts, t('editor.export'), () => download('nnplay-points.csv', this.ctrl.live().pointsCsv(), 'text/csv'));
    this.button(acts, t('editor.done'), () => this.close());
    this.status = el('p', 'data-editor-status', this.root);
    this.status.setAttribute('aria-live', 'polite');

    /** Earlier link values (data, problem, classes), newest last. @type {Record<string, string | null>[]} */
    this.history = [];
    /** Taps while an edit is being made wait for it. @type {Promise<void>} */
    this.busy = Promise.resolve();
    this.onDown = (/** @type {PointerEvent} */ e) => this.tap(e);
    this.setTool('add');
  }

  /** @param {HTMLElement} parent @param {string} text @param {() => void} action */
  button(parent, text, action) {
    const b = /** @type {HTMLButtonElement} */ (el('button', 'text-button', parent, text));
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  }

  open() {
    this.root.hidden = false;
    this.frame.classList.add('editing');
    this.frame.addEventListener('pointerdown', this.onDown);
    this.refresh();
  }

  close() {
    this.root.hidden = true;
    this.frame.classList.remove('editing');
    this.frame.removeEventListener('pointerdown', this.onDown);
  }

  /** @param {'add' | 'erase'} tool */
  setTool(tool) {
    this.tool = tool;
    this.addBtn.setAttribute('aria-pressed', String(tool === 'add'));
    this.eraseBtn.setAttribute('aria-pressed', String(tool === 'erase'));
  }

  /** The label buttons for the experiment's problem and classes, and the status line. */
  refresh() {
    const state = this.ctrl.state();
    const data = state.data || '';
    const classes = /^[3-6]/.test(data) ? Number(data[0]) : Number(state.classes) || 2;
    /** @type {[number, string][]} */
    const choices = state.problem === 'regression'
      ? [[1, '1'], [0.5, '0.5'], [0, '0'], [-0.5, '−0.5'], [-1, '−1']]
      : classes >= 3 ? Array.from({ length: classes }, (_, k) => [k, t('editor.class', k)])
        : [[1, t('editor.positive')], [-1, t('editor.negative')]];
    if (!choices.some(([v]) => v === this.label)) this.label = choices[0][0];
    this.labels.replaceChildren();
    for (const [value, text] of choices) {
      const b = this.button(this.labels, text, () => { this.label = value; this.refresh(); });
      b.setAttribute('aria-pressed', String(value === this.label));
    }
    this.undoBtn.disabled = this.history.length === 0;
    const n = this.ctrl.live().data();
    const length = this.ctrl.fullLink().length;
    this.status.textContent = `${t('editor.count', n.train.length + n.test.length, length)}${
      length > LINK_LIMIT ? ` ${t('editor.tooLong', LINK_LIMIT)}` : ''}`;
  }

  /** @param {PointerEvent} e */
  tap(e) {
    if (e.button > 0) return;
    e.preventDefault();
    const r = this.frame.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * 2 * DOMAIN - DOMAIN;
    const y = DOMAIN - ((e.clientY - r.top) / r.height) * 2 * DOMAIN;
    if (Math.abs(x) > DOMAIN || Math.abs(y) > DOMAIN) return;
    const label = this.label;
    if (this.tool === 'add') this.edit((pts) => [...pts, [x, y, label]]);
    else this.edit((pts) => pts.filter((p) => Math.hypot(p[0] - x, p[1] - y) > ERASE_RADIUS));
  }

  /**
   * One edit of the points, undoable; edits run one after another.
   * @param {(points: number[][]) => number[][]} change
   */
  edit(change) {
    this.busy = this.busy.then(async () => {
      const now = await currentPoints(this.ctrl);
      const read = (await pointsIO()).pointsFromArray(change(now.points));
      this.apply(read, '');
    }).catch((e) => this.say(e instanceof Error ? e.message : String(e)));
  }

  /** Trains on these points, keeping the link's values before for undo. @param {PointsRead} read @param {string} said */
  apply(read, said) {
    const state = this.ctrl.state();
    const before = { data: state.data, problem: state.problem, classes: state.classes == null ? null : String(state.classes) };
    const after = linkValues(read);
    if (after.data === before.data && after.problem === before.problem) { this.say(said); return; }
    this.history.push(before);
    if (this.history.length > UNDO_DEPTH) this.history.shift();
    usePoints(this.ctrl, read);
    this.refresh();
    if (said) this.say(said);
  }

  undo() {
    const before = this.history.pop();
    if (!before) return;
    this.busy = this.busy.then(() => {
      this.ctrl.changeParams(before);
      this.refresh();
    });
  }

  /** Reads the chosen file; its good rows replace the points, or nothing changes. */
  importFile() {
    const file = this.file.files?.[0];
    this.file.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      this.say(t('editor.tooBig', file.name, MAX_FILE_BYTES >> 20));
      return;
    }
    this.say(t('editor.reading', file.name));
    this.busy = this.busy.then(async () => {
      const read = await readFile(await file.arrayBuffer());
      if (read.points.length === 0) {
        this.say(t('editor.nothing', file.name, read.why));
        return;
      }
      this.apply(read, read.dropped
        ? t('editor.imported', read.points.length, file.name, read.dropped, read.why)
        : t('editor.importedAll', read.points.length, file.name));
    }).catch((e) => this.say(e instanceof Error ? e.message : String(e)));
  }

  /** @param {string} text */
  say(text) {
    if (!text) return;
    this.status.textContent = text;
  }
}
