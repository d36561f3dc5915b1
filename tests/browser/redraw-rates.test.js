// How often the numbers and the loss chart follow a playing page (web/redraw-rates.js), on a
// simulated clock: their least intervals on time, in frames of their own, and longer intervals
// while frames come late, whatever the machine running the test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RedrawRates, TEXT_MIN_INTERVAL_MS, CHART_MIN_INTERVAL_MS } from '../../web/redraw-rates.js';

/**
 * Plays `frames` frames `gap` ms apart from `start`, each redrawn; returns the times the numbers
 * and the chart were redrawn.
 * @param {RedrawRates} rates @param {number} frames @param {number} gap @param {number} [start]
 */
function play(rates, frames, gap, start = 0) {
  /** @type {{text: number[], chart: number[], end: number}} */
  const out = { text: [], chart: [], end: start };
  for (let f = 0; f < frames; f++) {
    const now = start + f * gap;
    rates.frame(now);
    const { text, chart } = rates.due(now);
    if (text) out.text.push(now);
    if (chart) out.chart.push(now);
    out.end = now;
  }
  return out;
}

/** @param {number[]} times @returns {number[]} */
const gaps = (times) => times.slice(1).map((t, i) => t - times[i]);

test('on time at 60 Hz: the numbers every third frame, the chart every sixth, never in the same frame', () => {
  const rates = new RedrawRates();
  const { text, chart } = play(rates, 600, 1000 / 60);
  assert.equal(rates.slow, 1);
  assert.ok(Math.min(...gaps(text)) >= TEXT_MIN_INTERVAL_MS && Math.max(...gaps(text)) <= 51, `numbers ${gaps(text)}`);
  // (the first chart waits a frame for the numbers of the same frame: seven frames)
  assert.ok(Math.min(...gaps(chart)) >= CHART_MIN_INTERVAL_MS && Math.max(...gaps(chart)) <= 117, `chart ${gaps(chart)}`);
  assert.ok(text.length >= 190 && chart.length >= 95, `${text.length} numbers, ${chart.length} charts in 10 s`);
  assert.deepEqual(chart.filter((t) => t > 0 && text.includes(t)), [], 'the chart in frames of its own (after the first)');
});

test('frames late: the numbers and the chart slow down, up to four times; on time again, back to their rates', () => {
  const rates = new RedrawRates();
  // Every frame misses a display refresh at 60 Hz (a slow CPU): 30 frames a second.
  const late = play(rates, 120, 1000 / 30);
  assert.equal(rates.slow, 4);
  const settled = late.text.filter((t) => t > 2000);
  assert.ok(Math.min(...gaps(settled)) >= 4 * TEXT_MIN_INTERVAL_MS, `numbers ${gaps(settled)}`);
  assert.ok(Math.min(...gaps(late.chart.filter((t) => t > 2000))) >= 4 * CHART_MIN_INTERVAL_MS, 'chart');
  assert.ok(settled.length >= 8, `the numbers still follow: ${settled.length} times in 2 s`);
  // On time again: within two seconds, the least intervals again.
  const back = play(rates, 120, 1000 / 60, late.end + 1000 / 60);
  assert.equal(rates.slow, 1);
  assert.ok(Math.max(...gaps(back.text.filter((t) => t > back.end - 1000))) <= 51, 'the numbers 20 times a second again');
});

test('a late frame now and then slows the redraws a little, and play starting is never late', () => {
  const rates = new RedrawRates();
  play(rates, 60, 1000 / 60);
  rates.frame(1000 + 34); // one missed refresh
  assert.ok(rates.slow > 1 && rates.slow < 1.5, `slow ${rates.slow}`);
  const rates2 = new RedrawRates();
  play(rates2, 10, 1000 / 60);
  rates2.restart(); // paused, then played again a minute later
  rates2.frame(60000);
  assert.equal(rates2.slow, 1);
});
