// support.js — shared helpers of the browser tests: serve dist/ on a free loopback port,
// launch Debian's Chromium through playwright-core, open the page and watch for errors and for
// requests that leave the origin.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The site under test: dist/ as scripts/build.sh assembles it (NNPLAY_DIST overrides). */
export const DIST = process.env.NNPLAY_DIST ? path.resolve(process.env.NNPLAY_DIST) : path.join(ROOT, 'dist');
export const FIXTURES = path.resolve(ROOT, 'tests/fixtures/tfp');
export const SCREENSHOTS = path.join(ROOT, 'build/screenshots');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Serves `dir` with Python's http.server on 127.0.0.1 and waits until it answers.
 * @param {string} [dir] @returns {Promise<{url: string, close: () => void}>}
 */
export async function serve(dir = DIST) {
  if (!existsSync(path.join(dir, 'index.html')) || !existsSync(path.join(dir, 'engine/engine.js'))) {
    throw new Error(`${dir} has no assembled site: run bash scripts/build.sh first`);
  }
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir],
    { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const close = () => { if (proc.exitCode === null) proc.kill('SIGTERM'); };
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return { url, close };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  close();
  throw new Error('the static server did not start');
}

/** @param {string[]} [extraArgs] */
export function launch(extraArgs = []) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Server + browser for one test file, both closed in t.after.
 * @param {import('node:test').TestContext | {after: (fn: () => any) => void}} t
 * @param {string[]} [extraArgs]
 */
export async function setup(t, extraArgs = []) {
  const server = await serve();
  const browser = await launch(extraArgs);
  t.after(async () => {
    await browser.close();
    server.close();
  });
  return { server, browser };
}

/**
 * Opens the page at `#hash` and waits for window.nnplay.ready. Collects console errors, page
 * errors and requests to any other origin in the returned arrays.
 * @param {import('playwright-core').Browser} browser @param {string} base @param {string} hash
 * `opts.init` runs in the page before its own scripts (context.addInitScript); `opts.touch` makes
 * a touch-screen context.
 * @param {{width?: number, height?: number, wait?: boolean, init?: () => void, touch?: boolean}} [opts]
 */
export async function openPage(browser, base, hash, opts = {}) {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    hasTouch: !!opts.touch });
  if (opts.init) await context.addInitScript(opts.init);
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const foreign = [];
  const origin = new URL(base).origin;
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await page.goto(`${base}#${hash}`);
  if (opts.wait !== false) await page.waitForFunction(() => window.nnplay && window.nnplay.ready.then(() => true));
  return { page, context, errors, foreign };
}

/** @returns {{name: string, file: string, fixture: any}[]} the 16 TFP fixtures */
export function fixtures() {
  return readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort().map((f) => ({
    name: f.replace(/\.json$/, ''),
    file: path.join(FIXTURES, f),
    fixture: JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')),
  }));
}

/** @param {string} name @returns {any} */
export function fixture(name) {
  return fixtures().find((f) => f.name.startsWith(name))?.fixture;
}

/** A fixture number as a double: "NaN", "Infinity" and "-Infinity" are strings there. */
export function num(/** @type {number | string} */ v) {
  return typeof v === 'number' ? v : Number(v);
}

/** Saves a full-page screenshot under build/screenshots/. */
export async function screenshot(/** @type {import('playwright-core').Page} */ page, /** @type {string} */ name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/**
 * A fingerprint of what the page draws now: a hash of the big heatmap's and the network
 * canvas's pixels (and the points overlay's), so a test can tell whether the drawing changed.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{heatmap: number, network: number, points: number}>}
 */
export function drawing(page) {
  return page.evaluate(() => {
    const h = (/** @type {string} */ sel) => {
      const c = /** @type {HTMLCanvasElement | null} */ (document.querySelector(sel));
      if (!c || c.width === 0) return 0;
      const d = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(0, 0, c.width, c.height).data;
      let x = 2166136261;
      for (let i = 0; i < d.length; i++) x = Math.imul(x ^ d[i], 16777619);
      return x >>> 0;
    };
    return { heatmap: h('.heatmap-grid'), network: h('.links'), points: h('.heatmap-points') };
  });
}

/** The page's hash parameters as a Map (no decoding: TFP never decodes). */
export function hashParams(/** @type {string} */ url) {
  const hash = new URL(url).hash.slice(1);
  return new Map(hash.split('&').filter(Boolean).map((p) => {
    const i = p.indexOf('=');
    return /** @type {[string, string]} */ (i < 0 ? [p, ''] : [p.slice(0, i), p.slice(i + 1)]);
  }));
}
