// i18n.js — the page's words: one string table per language (strings/<code>.js, English the
// one every other translates key for key), the language a link (`lang`) or else the browser asks
// for, and t(key) to look a string up. English is in the first load; any other language is
// imported when chosen, with the patterns that word the engine's English notices
// (strings/engine-words.js). The language is chosen once, before the views are built
// (main.js); a link that asks for another reloads the page.
//
// The English words of the panels imported on first use are in strings/en-panels.js, which each
// such panel adds (addEnglish) as it loads.
//
// A language is one more file in strings/ and one line in LOADERS.

import en from './strings/en.js';

/** @typedef {Record<string, string>} Table */

/** Every language the page has but English: its table, loaded on first use. */
const LOADERS = /** @type {Record<string, () => Promise<{default: Table}>>} */ ({
  fr: () => import('./strings/fr.js'),
});

/**
 * The language chosen, its table and, other than English, the engine's words as patterns. The
 * modules imported on first use carry their own copy of this module (scripts/bundle.mjs), so the
 * one state they all read is kept on the global object.
 */
const SLOT = Symbol.for('nnplay.language');
/** `panels`: the English words of the panels loaded so far (addEnglish).
 * @type {{code: string, table: Table, panels: Table, problems: [RegExp, string][], outcomes: [RegExp, string][]}} */
const current = /** @type {any} */ (globalThis)[SLOT] ??= { code: 'en', table: en, panels: {}, problems: [], outcomes: [] };

/** A panel imported on first use adds its English words (strings/en-panels.js), which are not in
 * a first load. @param {Table} words */
export function addEnglish(words) {
  Object.assign(current.panels, words);
}

/** @param {string} key @returns {string | undefined} the English for `key` */
const english = (key) => en[/** @type {keyof typeof en} */ (key)] ?? current.panels[key];

/** @param {string} text with `{0}`, `{1}`, ... @param {unknown[]} values @returns {string} */
function fill(text, values) {
  return text.replace(/\{(\d)\}/g, (_, i) => String(values[Number(i)]));
}

/** The string `key` in the page's language (English if it has none; the key if neither has).
 * @param {string} key @param {...unknown} values put in for `{0}`, `{1}`, ... @returns {string} */
export function t(key, ...values) {
  return fill(current.table[key] ?? english(key) ?? key, values);
}

/** The page's language code ('en', 'fr', ...), for number formatting. @returns {string} */
export function languageCode() {
  return current.code;
}

/** `key.one` or `key.other` as the language's plural rule says for `n`, with n as `{0}`.
 * @param {string} key @param {number} n @returns {string} */
export function tn(key, n) {
  const form = `${key}.${new Intl.PluralRules(current.code).select(n)}`;
  return t(form in current.table || english(form) !== undefined ? form : `${key}.other`, n);
}

/** Something the engine words in English (a lesson's title, a verdict), in the page's language.
 * @param {string} key @param {string} english the engine's words @returns {string} */
export function engineText(key, english) {
  return current.table[key] ?? english;
}

/** @param {string} text @param {[RegExp, string][]} patterns @returns {string | null} */
function match(text, patterns) {
  for (const [re, words] of patterns) {
    const m = re.exec(text);
    if (m) return fill(words, m.slice(1));
  }
  return null;
}

/** The engine's reason for a notice in the page's language; a half it cannot match stays as it is.
 * @param {string} reason @returns {string} */
export function wordReason(reason) {
  if (current.problems.length === 0) return reason;
  const cut = reason.lastIndexOf('; ');
  const problem = cut < 0 ? reason : reason.slice(0, cut);
  const outcome = cut < 0 ? '' : reason.slice(cut + 2);
  const p = match(problem, current.problems) ?? problem;
  return cut < 0 ? p : p + t('page.separator') + (match(outcome, current.outcomes) ?? outcome);
}

/** @param {Record<string, string>} english patterns by key @param {Table} table @returns {[RegExp, string][]} */
function patterns(english, table) {
  return Object.entries(english).filter(([key]) => key in table).map(([key, text]) => {
    const source = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\d\\\}/g, '(.+?)');
    return [new RegExp(`^${source}$`), table[key]];
  });
}

/**
 * The language to show: the link's `lang` if the page has it, else the first of the browser's
 * languages the page has, else English.
 * @param {string | null | undefined} requested the link's `lang` @param {readonly string[]} browser
 * @returns {string}
 */
export function pickLanguage(requested, browser) {
  const has = (/** @type {string} */ code) => code === 'en' || code in LOADERS;
  if (requested) return has(requested.toLowerCase()) ? requested.toLowerCase() : 'en';
  for (const tag of browser) {
    const code = tag.toLowerCase().split('-')[0];
    if (has(code)) return code;
  }
  return 'en';
}

/** The page's notice for a `lang` it does not have. @param {string | null | undefined} requested
 * @returns {import('./types.js').Notice[]} */
export function languageNotices(requested) {
  if (!requested || pickLanguage(requested, []) === requested.toLowerCase()) return [];
  return [{ param: 'lang', value: requested, reason: t('page.langUnknown') }];
}

/** The code of the language shown. @returns {string} */
export function language() {
  return current.code;
}

/** Loads language `code`'s table and words the page's static text in it. @param {string} code */
export async function useLanguage(code) {
  document.documentElement.lang = code;
  if (code === 'en' || !(code in LOADERS)) return;
  const [{ default: table }, words] = await Promise.all([LOADERS[code](), import('./strings/engine-words.js')]);
  Object.assign(current, { code, table, problems: patterns(words.PROBLEMS, table), outcomes: patterns(words.OUTCOMES, table) });
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const e = /** @type {HTMLElement} */ (node);
    const key = /** @type {string} */ (e.dataset.i18n);
    if (key in table) setMarked(e, table[key]);
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    const key = /** @type {string} */ (/** @type {HTMLElement} */ (node).dataset.i18nLabel);
    if (key in table) node.setAttribute('aria-label', table[key]);
  }
}

/** Sets `e`'s text, `**strong**` and `*em*` made elements (as text: a table holds no HTML).
 * @param {HTMLElement} e @param {string} text */
function setMarked(e, text) {
  e.replaceChildren(...text.split(/(\*\*[^*]+\*\*|\*[^*]+\*)/).map((part) => {
    const strong = part.startsWith('**');
    if (!part.startsWith('*')) return part;
    const m = document.createElement(strong ? 'strong' : 'em');
    m.textContent = part.slice(strong ? 2 : 1, strong ? -2 : -1);
    return m;
  }));
}
