// lessons.js — the course's ready-made experiments (the engine's lesson table): a menu of links
// `#lesson=<id>`, and, while a lesson is open, its title and one-line goal above the playground.
// Every string is inserted as text; ids and hrefs come from the engine's static table.

import { el } from './dom.js';
import { t, engineText } from './i18n.js';

/** @typedef {import('./types.js').Lesson} Lesson */

export class LessonsView {
  /**
   * @param {HTMLElement} bar where the menu goes @param {HTMLElement} bannerBox where the goal goes
   * @param {Lesson[]} lessons @param {{leave(): void}} handlers
   */
  constructor(bar, bannerBox, lessons, handlers) {
    this.lessons = lessons;
    this.menu = /** @type {HTMLDetailsElement} */ (el('details', 'lessons-menu', bar));
    el('summary', 'text-button', this.menu, t('lessons.menu'));
    const list = el('ol', 'lessons-list', this.menu);
    /** @type {Map<string, HTMLAnchorElement>} */
    this.links = new Map();
    for (const l of lessons) {
      const li = el('li', '', list);
      const a = /** @type {HTMLAnchorElement} */ (el('a', 'lesson-link', li, engineText(`lesson.${l.id}.title`, l.title)));
      a.href = `#lesson=${l.id}`;
      a.dataset.lesson = l.id;
      el('span', 'lesson-goal-short', li, engineText(`lesson.${l.id}.goal`, l.goal));
      a.addEventListener('click', () => { this.menu.open = false; });
      this.links.set(l.id, a);
    }
    document.addEventListener('click', (e) => {
      if (this.menu.open && !this.menu.contains(/** @type {Node} */ (e.target))) this.menu.open = false;
    });

    this.banner = el('div', 'lesson-banner', bannerBox);
    this.banner.setAttribute('role', 'note');
    this.banner.hidden = true;
    const text = el('div', 'lesson-text', this.banner);
    this.title = el('strong', 'lesson-title', text);
    this.goal = el('span', 'lesson-goal', text);
    const leave = /** @type {HTMLButtonElement} */ (el('button', 'notices-close lesson-leave', this.banner, '×'));
    leave.title = t('lessons.leave');
    leave.setAttribute('aria-label', t('lessons.leaveShort'));
    leave.addEventListener('click', () => handlers.leave());
  }

  /** Shows the open lesson's goal (none when `id` is null or unknown). @param {string | null} id */
  update(id) {
    const index = this.lessons.findIndex((l) => l.id === id);
    this.banner.hidden = index < 0;
    for (const [lid, a] of this.links) {
      if (lid === id) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    if (index < 0) return;
    const l = this.lessons[index];
    this.title.textContent = t('lessons.title', index + 1, engineText(`lesson.${l.id}.title`, l.title));
    this.goal.textContent = t('lessons.goal', engineText(`lesson.${l.id}.goal`, l.goal));
  }
}
