// link.js — the page's address bar: reads the hash the page was opened with, writes the screen's
// link back with history.replaceState (no history entry per change), and reports a hash the user
// typed or navigated to. What the link says is the controller's (the engine's hash and the
// page's own parameters); this only moves it in and out of the address bar.

export class Link {
  /** @param {(hash: string) => void} navigated a hash the user typed or went back to (no '#') */
  constructor(navigated) {
    /** The hash the address bar shows now, without '#'. */
    this.hash = '';
    // The event's own URL: a link the page wrote with replaceState between the user's change
    // and this event would otherwise hide what the user asked for.
    window.addEventListener('hashchange', (e) => {
      const h = new URL(e.newURL).hash.slice(1);
      if (h !== this.hash) navigated(h);
    });
  }

  /** @returns {string} the address bar's hash, without '#' */
  static read() {
    return location.hash.slice(1);
  }

  /** Shows `hash` (without '#') in the address bar. @param {string} hash */
  write(hash) {
    if (hash === this.hash && hash === Link.read()) return;
    this.hash = hash;
    history.replaceState(history.state, '', `#${hash}`);
  }
}
