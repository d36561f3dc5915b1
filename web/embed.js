// embed.js — the page in an iframe talks to the page that embeds it (the host) with postMessage
// (README "Embedding"): a thin adapter over the calls the buttons make. main.js imports it only
// when the page runs in an iframe, so a plain link does not fetch it.
//
//   page → host: nnplay:ready {link}, nnplay:resize {height}, nnplay:progress {epoch, trainLoss,
//     testLoss, playing} (at most 4 a second, and once when training stops), nnplay:state
//     (the answer to nnplay:get); goals.js posts nnplay:goal.
//   host → page: nnplay:get, nnplay:play, nnplay:pause, nnplay:step {epochs}, nnplay:load {link}.
//
// Only messages from window.parent are read. Each is checked like any input: a bad one is
// ignored with a console warning, never half-done. Answers go to the asker's origin; what the
// page says unasked goes to any origin ('*'): the link and its losses, which whoever has the
// link can compute anyway.

/** At most 4 progress messages a second. */
const PROGRESS_MIN_INTERVAL_MS = 250;
/** The most epochs one nnplay:step trains (a few seconds on the largest network). */
export const MAX_STEP_EPOCHS = 10000;
/** The longest link nnplay:load takes, in characters (the CLI's limit on a hash). */
export const MAX_LINK_LENGTH = 16384;

/** @typedef {import('./controller.js').Controller} Controller */

/** Starts the protocol for the page's controller. @param {Controller} ctrl */
export function startEmbed(ctrl) {
  new Embed(ctrl);
}

/** @param {string} why @param {unknown} data */
function warn(why, data) {
  console.warn(`nnplay: a message was ignored: ${why}`, data);
}

/** The page's current link: window.nnplay.link() where the page has it, else the address. */
function link() {
  const api = /** @type {any} */ (window).nnplay;
  return typeof api?.link === 'function' ? String(api.link()) : location.href;
}

/**
 * The hash a nnplay:load asks for, or a reason to refuse it: a hash ("dataset=xor&..." with or
 * without '#') or a link to this page (what the address bar or "Use it in class" gives). A link to
 * another page is refused: the page never navigates anywhere.
 * @param {unknown} value @returns {{hash: string} | {error: string}}
 */
export function hashOf(value) {
  if (typeof value !== 'string') return { error: 'link must be a string' };
  if (value.length > MAX_LINK_LENGTH) return { error: `link is longer than ${MAX_LINK_LENGTH} characters` };
  const at = value.indexOf('#');
  const before = at < 0 ? value : value.slice(0, at);
  if (at < 0 && !/^[a-z][a-z0-9+.-]*:/i.test(value)) return { hash: value };
  if (before !== '') {
    let url;
    try { url = new URL(before, location.href); } catch { return { error: 'link is not a URL' }; }
    if (url.origin !== location.origin || page(url.pathname) !== page(location.pathname)) {
      return { error: 'link is not a link of this page' };
    }
  }
  if (at < 0) return { hash: '' };
  return { hash: value.slice(at + 1) };
}

/** A path with its directory's index.html and without are one page. @param {string} path */
function page(path) {
  return path.replace(/\/index\.html$/, '/');
}

class Embed {
  /** @param {Controller} ctrl */
  constructor(ctrl) {
    this.ctrl = ctrl;
    this.height = -1;
    // progress: what was last seen, and when the last message went
    /** @type {import('./types.js').Experiment | null} */
    this.ex = null;
    this.epoch = -1;
    this.playing = false;
    this.due = false;
    this.sent = -Infinity;
    window.addEventListener('message', (e) => this.receive(e));
    this.post({ type: 'nnplay:ready', link: link() });
    new ResizeObserver(() => this.resized()).observe(document.documentElement);
    this.frame = this.frame.bind(this);
    requestAnimationFrame(this.frame);
  }

  /** @param {object} message to the host, any origin (see the header) */
  post(message) {
    window.parent.postMessage(message, '*');
  }

  /** The page's content height, whenever it changes. */
  resized() {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === this.height) return;
    this.height = height;
    this.post({ type: 'nnplay:resize', height });
  }

  /** The epoch and the losses now, and whether training goes on. */
  progress() {
    const ex = this.ctrl.live();
    const loss = ex.loss();
    return { epoch: ex.epoch, trainLoss: loss.train, testLoss: loss.test, playing: this.ctrl.playing };
  }

  /**
   * Each animation frame: a progress message when the epoch or the experiment changed or
   * training stopped, at most every PROGRESS_MIN_INTERVAL_MS (a change meanwhile goes later).
   */
  frame() {
    requestAnimationFrame(this.frame);
    const now = performance.now(); // when it is sent, not when the frame began
    const ex = this.ctrl.live();
    const playing = this.ctrl.playing;
    if (ex !== this.ex || ex.epoch !== this.epoch || (this.playing && !playing)) this.due = true;
    this.ex = ex;
    this.epoch = ex.epoch;
    this.playing = playing;
    if (this.due && now - this.sent >= PROGRESS_MIN_INTERVAL_MS) {
      this.due = false;
      this.sent = now;
      this.post({ type: 'nnplay:progress', ...this.progress() });
    }
  }

  /** @param {MessageEvent} e */
  receive(e) {
    const data = e.data;
    const type = typeof data === 'object' && data !== null ? data.type : undefined;
    if (e.source !== window.parent) {
      // Another window (a sibling frame, a popup, the page itself) has no say; say so only for
      // what looks like this protocol, other scripts' messages are none of our business.
      if (typeof type === 'string' && type.startsWith('nnplay:')) warn('not from the parent window', data);
      return;
    }
    if (typeof type !== 'string') return warn('not an object with a string `type`', data);
    switch (type) {
      case 'nnplay:get': {
        // event.origin is "null" for an opaque (sandboxed) host, which no targetOrigin names
        const origin = e.origin === 'null' ? '*' : e.origin;
        window.parent.postMessage({ type: 'nnplay:state', link: link(), ...this.progress() }, origin);
        return;
      }
      case 'nnplay:play': return this.ctrl.setPlaying(true);
      case 'nnplay:pause': return this.ctrl.setPlaying(false);
      case 'nnplay:step': {
        const epochs = data.epochs ?? 1;
        if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_STEP_EPOCHS) {
          return warn(`epochs must be a whole number from 1 to ${MAX_STEP_EPOCHS}`, data);
        }
        this.ctrl.setPlaying(false); // as the step button
        return this.ctrl.step(epochs);
      }
      case 'nnplay:load': {
        const got = hashOf(data.link);
        if ('error' in got) return warn(got.error, data);
        return this.ctrl.load(got.hash, true); // as a hash typed in the address bar
      }
      default: return warn(`unknown type ${JSON.stringify(type).slice(0, 80)}`, data);
    }
  }
}
