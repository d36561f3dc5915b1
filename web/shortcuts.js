// shortcuts.js — the page's keys: Space plays or pauses, → steps one epoch, as the buttons do
// (and not when the buttons are hidden), unless focus is on a control that uses those keys.

/** Where Space and → belong to the focused element. */
const OWN_KEYS = 'input, select, textarea, button, summary, a[href], [role="button"], [contenteditable]';

/**
 * @param {Document} doc
 * @param {{play: HTMLButtonElement, step: HTMLButtonElement}} buttons
 */
export function installShortcuts(doc, buttons) {
  doc.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const button = e.key === ' ' ? buttons.play : e.key === 'ArrowRight' ? buttons.step : null;
    if (!button || button.closest('[hidden], .lecture-off')) return;
    const target = /** @type {Element | null} */ (e.target);
    if (target && target !== doc.body && target.closest(OWN_KEYS)) return;
    e.preventDefault();
    button.click();
  });
}
