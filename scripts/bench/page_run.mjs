// page_run.mjs — what the page benchmarks share: a playing window measured in the page (frames/s,
// epochs/s, and the heatmap's resolution while playing), CPU throttling through CDP, and figures
// as a median with their spread and the machine's load average beside them.

import os from 'node:os';

/**
 * Plays for a warm-up second, then counts frames and epochs over `seconds`; pauses.
 * @param {import('playwright-core').Page} page @param {number} seconds
 * @returns {Promise<{fps: number, eps: number, epoch: number, cells: number}>} cells: the output
 *   heatmap's canvas width while playing
 */
export function measurePlaying(page, seconds) {
  return page.evaluate(async (secs) => {
    const api = /** @type {any} */ (window).nnplay;
    api.play();
    await new Promise((r) => setTimeout(r, 1000));
    let frames = 0;
    let running = true;
    const count = () => { frames++; if (running) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const e0 = api.epoch;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, secs * 1000));
    running = false;
    const t1 = performance.now();
    const e1 = api.epoch;
    const cells = /** @type {HTMLCanvasElement} */ (document.querySelector('.heatmap-grid')).width;
    api.pause();
    return { fps: frames / ((t1 - t0) / 1000), eps: (e1 - e0) / ((t1 - t0) / 1000), epoch: e1, cells };
  }, seconds);
}

/** Slows the page's CPU `rate` times (1: not at all). @param {import('playwright-core').Page} page @param {number} rate */
export async function throttle(page, rate) {
  if (rate === 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** @param {number[]} xs @returns {{median: number, min: number, max: number, n: number}} */
export function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1], n: s.length };
}

/** "median (min–max)" @param {number[]} xs @param {number} [digits] */
export function fmt(xs, digits = 0) {
  const { median, min, max } = spread(xs);
  return `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
}

/** The 1, 5 and 15 minute load averages and the cores: the machine's business beside a figure. */
export function load() {
  return `load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')} on ${os.cpus().length} cores`;
}
