// data-io.js — own points for the page (loaded on first use): the points module (files, a
// script's points, data= text: wasm-bindings/points.js), putting points into the link, reading
// a file off the page's thread, downloading text. The data editor (data-editor.js) and
// window.nnplay.setData use it.

import { importPoints } from './assets.js';

/**
 * @typedef {import('./controller.js').Controller} Controller
 * @typedef {import('./types.js').PointsRead} PointsRead
 * @typedef {import('./types.js').PointsIO} PointsIO
 */

/** Beyond this many characters a link is too long to pass around (mail, chat, an LMS). */
export const LINK_LIMIT = 8000;
/** Larger files are refused before they are read (the engine keeps 10,000 points at most). */
export const MAX_FILE_BYTES = 64 << 20;

/** @type {Promise<PointsIO> | null} */
let io = null;

/** The points module, loaded once. @returns {Promise<PointsIO>} */
export function pointsIO() {
  if (!io) io = importPoints().then((m) => m.loadPoints());
  return io;
}

/**
 * The link's values for own points: data=, the problem their labels ask for and, for K >= 3
 * classes, classes=K (written as text: the engine reads it where it knows it).
 * @param {PointsRead} read @returns {Record<string, string | null>}
 */
export function linkValues(read) {
  return {
    data: read.data,
    problem: read.labels === 'values' ? 'regression' : 'classification',
    classes: read.labels === 'classes' ? String(read.classes) : null,
  };
}

/**
 * Trains on these points from now on: the experiment is rebuilt from the link with them (its
 * seed shuffles and splits them).
 * @param {Controller} ctrl @param {PointsRead} read
 */
export function usePoints(ctrl, read) {
  ctrl.changeParams(linkValues(read));
}

/**
 * window.nnplay.setData(points): [[x, y, label], ...] checked and put on the grid as a file's
 * rows; nothing changes when no point is usable (RangeError with the first reason).
 * @param {Controller} ctrl @param {unknown} points
 * @returns {Promise<{points: number, dropped: number, why: string, linkLength: number}>}
 */
export async function setData(ctrl, points) {
  const read = (await pointsIO()).pointsFromArray(points);
  if (read.points.length === 0 && read.rows > 0) throw new RangeError(`nnplay.setData: ${read.why}`);
  usePoints(ctrl, read);
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return { points: read.points.length, dropped: read.dropped, why: read.dropped ? read.why : '', linkLength: ctrl.fullLink().length };
}

/**
 * The experiment's own points in their order (before the shuffle), or its generated points
 * (training then test) put on the grid, for editing.
 * @param {Controller} ctrl @returns {Promise<PointsRead>}
 */
export async function currentPoints(ctrl) {
  const points = await pointsIO();
  const data = ctrl.live().state().data;
  if (data) return points.decodePoints(data);
  const { train, test } = ctrl.live().data();
  return points.pointsFromArray([...train, ...test]);
}

/**
 * A file's points, read in a worker so that a large file never stalls the page (on the page's
 * thread where no worker can start, as in the one-file page).
 * @param {ArrayBuffer} bytes @returns {Promise<PointsRead>}
 */
export async function readFile(bytes) {
  try {
    return await inWorker(bytes.slice(0));
  } catch {
    return (await pointsIO()).readPoints(bytes);
  }
}

/** @param {ArrayBuffer} bytes @returns {Promise<PointsRead>} */
function inWorker(bytes) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./data-worker.js', import.meta.url), { type: 'module' });
    const done = () => worker.terminate();
    worker.onmessage = (e) => { done(); if (e.data.error) reject(new Error(e.data.error)); else resolve(e.data.read); };
    worker.onerror = (e) => { done(); e.preventDefault(); reject(new Error('no worker')); };
    worker.postMessage({ bytes, module: new URL('engine/points.js', import.meta.url).href }, [bytes]);
  });
}

/** Offers text as a file to save. @param {string} name @param {string} text @param {string} type */
export function download(name, text, type) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
