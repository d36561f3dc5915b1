// plane.js — the data plane every picture shows: [-DOMAIN, DOMAIN]² (the engine's data and grids,
// core/dataset.c and core/grid.c), drawn with x to the right and y up.

/** Half the side of the plane. */
export const DOMAIN = 6;

/** @param {number} x data coordinate @returns {number} 0 at the left edge, 1 at the right */
export function fromLeft(x) {
  return (x + DOMAIN) / (2 * DOMAIN);
}

/** @param {number} y data coordinate @returns {number} 0 at the top edge, 1 at the bottom */
export function fromTop(y) {
  return (DOMAIN - y) / (2 * DOMAIN);
}
