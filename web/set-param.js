// set-param.js — window.nnplay.set(name, value): what the control for URL parameter `name` does
// with `value`. Loaded on its first call (main.js), to keep the first load small. The engine
// judges the value as it judges a link; the controller makes the change as the control would.

import { setParams } from './urlstate.js';
import { speedFromState } from './speed.js';

/**
 * @param {import('./controller.js').Controller} ctrl
 * @param {unknown} name @param {unknown} value a string as in a link, a number or a boolean
 * @returns {Promise<void>} resolved once the page shows the result
 */
export function setParam(ctrl, name, value) {
  if (typeof name !== 'string' || !['string', 'number', 'boolean'].includes(typeof value)) {
    throw new TypeError('nnplay.set(name, value): name is a string, value a string, number or boolean');
  }
  const v = String(value);
  if (name === 'hide' || !Object.hasOwn(ctrl.state(), name)) throw new RangeError(`nnplay.set: no parameter "${name}"`);
  // init=zeros is written initZero=true: the control drops it, or it would conflict with init
  const changes = name === 'init' ? { init: v, initZero: null } : { [name]: v };
  const parsed = ctrl.engine.parseHash(setParams(ctrl.hash(), changes));
  const bad = parsed.notices.find((n) => n.param === name);
  if (bad) throw new RangeError(`nnplay.set: ${name}=${v}: ${bad.reason}`);
  if (name === 'speed') ctrl.setSpeed(speedFromState(parsed.state.speed));
  else if (name === 'showTestData' || name === 'discretize') ctrl.setDisplay(name, !!parsed.state[name]);
  else if (name.startsWith('downhill')) ctrl.setPanelParams({ [name]: v }); // the panel's: training goes on
  else ctrl.changeParams(changes);
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
