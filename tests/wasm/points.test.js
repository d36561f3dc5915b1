// The points module (engine/points.js over the lab engine) under Node: files read with every
// bad row named, a script's points checked, data= text both ways and the engine training on
// exactly the decoded points, the CSV export read back the same, and no leak.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { engineDir, importEngine } from './support/env.js';

const { loadPoints } = await import(pathToFileURL(join(engineDir, 'points.js')).href);
const { loadEngine } = await importEngine();
const io = await loadPoints();
const engine = await loadEngine();

test('a file: good rows kept on the grid, the first bad one named', () => {
  const r = io.readPoints('x;y;label\n1,001;2;1\n3;abc;0\n-1;-2;0\n4;4\n9;0;1\n');
  assert.deepEqual(r.points, [[1, 2, 1], [-1, -2, -1]]);
  assert.equal(r.labels, 'binary');
  assert.equal(r.rows, 5);
  assert.equal(r.dropped, 3);
  assert.equal(r.firstBad, 3);
  assert.equal(r.why, 'line 3, column 2: text where a number belongs');
  assert.equal(io.readPoints(new Uint8Array([0x89, 0x50, 0, 1])).why, 'not a text file; nothing was imported');
  assert.equal(io.readPoints(new Uint8Array([0x31, 0xff, 0x0a])).points.length, 0, 'not UTF-8');
  const classes = io.readPoints('[[0, 0, 0], [1, 1, 1], [2, 2, 2]]');
  assert.deepEqual([classes.labels, classes.classes], ['classes', 3]);
  assert.throws(() => io.readPoints(/** @type {any} */ (42)), TypeError);
});

test('data= text: both ways, and the engine trains on exactly those points', () => {
  const drawn = [[0.3, -2.7, 0.25], [5.999, 6, -1], [-6, 0, 0.125], [1e-9, -1e-9, 1]];
  const r = io.pointsFromArray(drawn);
  assert.equal(r.labels, 'values');
  assert.deepEqual(r.points, [[0.30078125, -2.69921875, 0.25], [6, 6, -1], [-6, 0, 0.125], [0, 0, 1]]);
  assert.ok(!Object.is(r.points[3][0], -0));
  assert.deepEqual(io.decodePoints(r.data).points, r.points);
  const ex = engine.experiment(`seed=7&problem=regression&percTrainData=50&data=${r.data}`);
  const { train, test: held } = ex.data();
  assert.deepEqual([...train, ...held].sort(), [...r.points].sort());
  assert.deepEqual(ex.notices(), []);
  assert.equal(ex.state().data, r.data);
  assert.match(ex.hash(), new RegExp(`&data=${r.data}$`));
  const csv = ex.pointsCsv();
  assert.equal(csv.split('\n')[0], 'x,y,label,set');
  const back = io.readPoints(csv);
  assert.deepEqual(back.points, [...train, ...held]);
  assert.equal(back.dropped, 0);
  ex.dispose();
  assert.throws(() => io.decodePoints('bAAA'), /data: a length that fits no number of points/);
  assert.throws(() => io.decodePoints('b!AAA'), RangeError);
  const two = io.pointsFromArray([[1, 2, 1], [3, 4, -1]]).data;
  assert.throws(() => io.decodePoints(two.slice(0, -1) + (two.at(-1) === 'A' ? 'B' : 'A')), /padding/);
});

test('200 points in at most about 1,000 characters; 10,000 the most', () => {
  const pts = Array.from({ length: 200 }, (_, i) => [Math.sin(i) * 5, Math.cos(i * 1.3) * 5, i % 2 ? 1 : -1]);
  assert.equal(io.pointsFromArray(pts).data.length, 835);
  const many = Array.from({ length: 10005 }, (_, i) => [(i % 100) / 10 - 5, Math.floor(i / 100) / 10 - 5, (i % 7) / 7]);
  const r = io.pointsFromArray(many);
  assert.equal(r.points.length, 10000);
  assert.equal(r.dropped, 5);
  assert.equal(r.why, 'point 10001: beyond 10000 points');
  assert.equal(engine.experiment(`seed=1&data=${r.data}`).data().train.length, 5000);
});

test('no leak: reading 200 files leaves the points module\'s heap as it was', () => {
  const text = 'x,y,label\n' + Array.from({ length: 500 }, (_, i) => `${i / 100 - 2.5},${(i % 7) - 3},${i % 2}`).join('\n');
  for (let i = 0; i < 5; i++) io.readPoints(text);
  const mem = io.memoryBytes();
  for (let i = 0; i < 200; i++) { io.readPoints(text); io.decodePoints(io.pointsFromArray([[1, 1, 1]]).data); }
  assert.equal(io.memoryBytes(), mem);
});
