// takeaway-offline.js — takeaway.js in the one-file page, dist/nnplay.html (scripts/offline.mjs
// puts it in takeaway.js's place): that file must stay within its size budget, so it carries no
// exports; its export(), import() and png() say where to find them.

const away = () => Promise.reject(new Error('nnplay.html does not carry the exports and imports: open the served page (index.html) for them'));

export const exportText = away;
export const importModel = away;
export const picture = away;
