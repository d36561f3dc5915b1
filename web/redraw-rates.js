// redraw-rates.js — how often, while the page plays, the numbers and the loss chart follow the
// training: at most every TEXT_MIN_INTERVAL_MS and CHART_MIN_INTERVAL_MS, the chart in a frame of
// its own when it can, and less often while frames come late. Each of the two changes the page's
// DOM (style, layout, paint), the heaviest redraws of a frame; the heatmaps, the thumbnails and
// the links follow every frame. Paused, everything is drawn at once (frame-loop.js).

/** Least time between two redraws of the numbers, ms: every third frame at 60 Hz (20 a second;
 * a few ms short of 50, so a frame that comes a little early still counts), faster than anyone
 * reads a number that changes every epoch. */
export const TEXT_MIN_INTERVAL_MS = 45;
/** Least time between two redraws of the loss chart, ms: every sixth frame at 60 Hz (11 a
 * second), for a curve that changes little from one epoch to the next. Chartist builds its SVG
 * anew each time, the costliest redraw of a frame (with its style, layout, paint and commit), so
 * the chart goes in a frame where the numbers do not when it can (less than twice its interval
 * late), and the network's canvases do not either (network.js). */
export const CHART_MIN_INTERVAL_MS = 90;
/** A frame this long after the last one missed a display refresh at 60 Hz (16.7 ms). */
const LATE_MS = 25;
/** Each late frame stretches both intervals by this factor, each frame on time shrinks them by
 * FASTER, back to the least ones: a page that cannot keep the display's rate (a slow CPU, a big
 * network) keeps its frames and redraws the numbers and the chart less often. */
const SLOWER = 1.25;
const FASTER = 0.98;
/** At most this many times the least intervals: numbers 5 times a second, the chart 2.8. */
const MAX_SLOW = 4;

export class RedrawRates {
  constructor() {
    this.textTime = -Infinity;
    this.chartTime = -Infinity;
    /** The last playing frame's time (-Infinity: none since play). */
    this.lastFrame = -Infinity;
    /** How many times the least intervals the redraws wait now, 1 ... MAX_SLOW. */
    this.slow = 1;
  }

  /** Playing starts: the first frame has no frame before it to be late after. */
  restart() {
    this.lastFrame = -Infinity;
  }

  /** A playing frame begins at `now` (ms): late, it slows the redraws; on time, it speeds them up.
   * @param {number} now */
  frame(now) {
    const late = now - this.lastFrame > LATE_MS;
    this.slow = late && this.lastFrame > -Infinity ? Math.min(MAX_SLOW, this.slow * SLOWER) : Math.max(1, this.slow * FASTER);
    this.lastFrame = now;
  }

  /**
   * Which of the numbers and the chart a redraw at `now` while playing draws; they count as drawn.
   * @param {number} now @returns {{text: boolean, chart: boolean}}
   */
  due(now) {
    const text = now - this.textTime >= TEXT_MIN_INTERVAL_MS * this.slow;
    if (text) this.textTime = now;
    const chartWait = CHART_MIN_INTERVAL_MS * this.slow;
    const chart = now - this.chartTime >= (text ? 2 : 1) * chartWait;
    if (chart) this.chartTime = now;
    return { text, chart };
  }
}
