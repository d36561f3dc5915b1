// link.js — the page's link: the address bar's hash is the whole experiment. Reads the hash the
// page was opened with, writes the current one back with history.replaceState (no history entry
// per control change), and reports a hash the user typed or navigated to.
//
// The hash is the engine's canonical hash of the experiment plus the page's own parameters
// (what it shows and how fast it plays), which change the link without rebuilding anything.

import { setParams } from './urlstate.js';

export class Link {
  /** @param {(hash: string) => void} navigated a hash the user typed or went back to (no '#') */
  constructor(navigated) {
    /** The hash the address bar shows now, without '#'. */
    this.hash = '';
    window.addEventListener('hashchange', () => {
      const h = Link.read();
      if (h !== this.hash) navigated(h);
    });
  }

  /** @returns {string} the address bar's hash, without '#' */
  static read() {
    return location.hash.slice(1);
  }

  /**
   * Shows the experiment in the address bar.
   * @param {string} engineHash the engine's canonical hash of the experiment
   * @param {Record<string, string | null>} pageParams the page's own parameters (null: not written)
   */
  write(engineHash, pageParams) {
    this.hash = setParams(engineHash, pageParams);
    history.replaceState(history.state, '', `#${this.hash}`);
  }

  /**
   * The current hash with parameters changed (null removes one): the link a control asks for.
   * @param {Record<string, string | null>} values @returns {string}
   */
  with(values) {
    return setParams(this.hash, values);
  }
}
