// lessons.js — the course's ready-made experiments (the engine's lesson table): a menu of links
// `#lesson=<id>`, and, while a lesson is open, its title, goal, what to try and a link to the
// next lesson above the playground. The lessons' words come from the lab engine (the first
// engine has only their ids and links), so the menu fills and the banner shows once it is in.
// Every string is inserted as text; ids and hrefs come from the engine's static table.

import { el } from './dom.js';
import { t, engineText } from './i18n.js';

/** @typedef {import('./types.js').Lesson} Lesson */

/** @param {Lesson} l @param {'title' | 'goal' | 'try'} field */
const word = (l, field) => engineText(`lesson.${l.id}.${field}`, l[field] ?? '');

export class LessonsView {
  /**
   * @param {HTMLElement} bar where the menu goes @param {HTMLElement} bannerBox where the goal goes
   * @param {{leave(): void, words(): Promise<Lesson[]>}} handlers words: the lessons with their words
   */
  constructor(bar, bannerBox, handlers) {
    this.handlers = handlers;
    this.menu = /** @type {HTMLDetailsElement} */ (el('details', 'lessons-menu', bar));
    el('summary', 'text-button', this.menu, t('lessons.menu'));
    this.list = el('ol', 'lessons-list', this.menu);
    /** @type {Map<string, HTMLAnchorElement>} */
    this.links = new Map();
    this.menu.addEventListener('toggle', () => { if (this.menu.open) this.fill(); });
    document.addEventListener('click', (e) => {
      if (this.menu.open && !this.menu.contains(/** @type {Node} */ (e.target))) this.menu.open = false;
    });

    this.banner = el('div', 'lesson-banner', bannerBox);
    this.banner.setAttribute('role', 'note');
    this.banner.hidden = true;
    const text = el('div', 'lesson-text', this.banner);
    this.title = el('strong', 'lesson-title', text);
    this.goal = el('span', 'lesson-goal', text);
    this.try = el('div', 'lesson-try', text);
    this.next = /** @type {HTMLAnchorElement} */ (el('a', 'lesson-next', text));
    const leave = /** @type {HTMLButtonElement} */ (el('button', 'notices-close lesson-leave', this.banner, '×'));
    leave.title = t('lessons.leave');
    leave.setAttribute('aria-label', t('lessons.leaveShort'));
    leave.addEventListener('click', () => handlers.leave());
    /** @type {string | null} the open lesson */
    this.open = null;
    /** @type {Promise<void> | undefined} the menu's links, made once */
    this.filled = undefined;
  }

  /** The menu's links, made once the words are in. @returns {Promise<void>} */
  fill() {
    return (this.filled ??= this.handlers.words().then((lessons) => {
      for (const l of lessons) {
        const li = el('li', '', this.list);
        const a = /** @type {HTMLAnchorElement} */ (el('a', 'lesson-link', li, word(l, 'title')));
        a.href = `#lesson=${l.id}`;
        a.dataset.lesson = l.id;
        el('span', 'lesson-goal-short', li, word(l, 'goal'));
        a.addEventListener('click', () => { this.menu.open = false; });
        this.links.set(l.id, a);
      }
      this.mark();
    }));
  }

  /** Marks the open lesson's link in the menu. */
  mark() {
    for (const [lid, a] of this.links) {
      if (lid === this.open) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  /**
   * Shows the open lesson's goal (none when `id` is null or unknown); settles once it shows.
   * @param {string | null} id @returns {Promise<void>}
   */
  async update(id) {
    this.open = id;
    this.mark();
    if (id === null) {
      this.banner.hidden = true;
      return;
    }
    const lessons = await this.handlers.words();
    if (this.open !== id) return; // another lesson (or none) opened meanwhile
    const index = lessons.findIndex((l) => l.id === id);
    this.banner.hidden = index < 0;
    if (index < 0) return;
    const l = lessons[index];
    this.title.textContent = t('lessons.title', index + 1, word(l, 'title'));
    this.goal.textContent = t('lessons.goal', word(l, 'goal'));
    this.try.textContent = t('lessons.try', word(l, 'try'));
    const next = lessons[index + 1];
    this.next.hidden = !next;
    if (next) {
      this.next.href = `#lesson=${next.id}`;
      this.next.textContent = t('lessons.next', word(next, 'title'));
    }
  }
}
