// classpanel.js — "Use it in class": a teacher ticks the controls to hide and copies a link
// (or an iframe snippet) that opens this experiment with them hidden, or downloads the
// playground as one file for a room without a network. controller.js makes the
// panel's <details> and imports this module when a teacher first opens it.

import { HIDABLE_CONTROLS, FEATURES, withHides, isHidden } from './urlstate.js';
import { el } from './dom.js';
import { t } from './i18n.js';

export class ClassPanel {
  /** @param {HTMLDetailsElement} root the panel's <details>, its <summary> already in it */
  constructor(root) {
    this.root = root;
    el('p', '', this.root, t('class.intro'));
    const grid = el('div', 'hide-grid', this.root);
    /** @type {Map<string, HTMLInputElement>} */
    this.boxes = new Map();
    for (const [name, label] of [...HIDABLE_CONTROLS, ...FEATURES.map((f) => [f[0], t('network.feature', f[1])])]) {
      const lab = el('label', '', grid);
      const input = /** @type {HTMLInputElement} */ (el('input', '', lab));
      input.type = 'checkbox';
      input.name = `${name}_hide`;
      lab.append(` ${t(label)}`);
      input.addEventListener('change', () => this.render());
      this.boxes.set(name, input);
    }
    const lab = el('label', 'hide-text', this.root);
    this.hideText = /** @type {HTMLInputElement} */ (el('input', '', lab));
    this.hideText.type = 'checkbox';
    this.hideText.name = 'hideText';
    lab.append(t('class.hideText'));
    this.hideText.addEventListener('change', () => this.render());

    const row = el('div', 'link-row', this.root);
    this.link = /** @type {HTMLInputElement} */ (el('input', 'class-link', row));
    this.link.readOnly = true;
    this.link.setAttribute('aria-label', t('class.link'));
    const copy = /** @type {HTMLButtonElement} */ (el('button', 'text-button', row, t('class.copy')));
    copy.addEventListener('click', () => this.copy(this.link));
    this.open = /** @type {HTMLAnchorElement} */ (el('a', 'text-button', row, t('class.open')));
    this.open.target = '_blank';
    this.open.rel = 'noopener';
    const embedRow = el('div', 'link-row', this.root);
    this.embed = /** @type {HTMLInputElement} */ (el('input', 'class-embed', embedRow));
    this.embed.readOnly = true;
    this.embed.setAttribute('aria-label', t('class.embed'));
    const copyEmbed = /** @type {HTMLButtonElement} */ (el('button', 'text-button', embedRow, t('class.copyCode')));
    copyEmbed.addEventListener('click', () => this.copy(this.embed));
    // The one-file page (dist/nnplay.html, beside index.html): for rooms without a network.
    const offline = el('p', 'offline-download', this.root, t('class.offline'));
    const download = /** @type {HTMLAnchorElement} */ (el('a', '', offline, t('class.download')));
    download.href = 'nnplay.html';
    download.download = 'nnplay.html';
    offline.append(t('class.offlineTail'));
    this.hash = '';
  }

  /**
   * A new experiment: tick what its link hides and rebuild the class link from its hash.
   * @param {string} hash @param {import('./types.js').EngineState} state
   */
  update(hash, state) {
    this.hash = hash;
    for (const [name, box] of this.boxes) box.checked = isHidden(state.hide, name);
    this.hideText.checked = !!state.hideText;
    this.render();
  }

  render() {
    const hidden = new Set();
    for (const [name, box] of this.boxes) if (box.checked) hidden.add(name);
    const url = new URL(location.href);
    url.hash = withHides(this.hash, hidden, this.hideText.checked);
    this.link.value = url.href;
    this.open.href = url.href;
    this.embed.value = embedCode(url.href);
  }

  /** Selects a field's text and copies it. @param {HTMLInputElement} field */
  copy(field) {
    field.select();
    navigator.clipboard?.writeText(field.value).catch(() => document.execCommand('copy'));
  }
}

/**
 * The HTML that embeds the page at `href`: a titled 970×700 iframe that may go full screen.
 * @param {string} href @returns {string}
 */
export function embedCode(href) {
  // A URL never holds '"' or '<' (the URL serializer escapes them); '&' is written as HTML has it.
  const src = href.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  return `<iframe src="${src}" width="970" height="700" title="nnplay: neural network playground" `
    + 'style="border:0" allow="fullscreen" allowfullscreen></iframe>';
}
