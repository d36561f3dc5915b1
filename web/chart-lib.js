// chart-lib.js — the part of Chartist the loss chart draws with, as a module of its own: the
// page imports it on the chart's first line (two points), so a first load does not carry it.

export { LineChart, FixedScaleAxis } from 'chartist';
