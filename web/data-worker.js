// data-worker.js — reads a file of points off the page's thread (data-io.js starts it for one
// file and ends it): gets {bytes, module} (the file, the URL of the points module's script,
// engine/points.js), answers {read} (PointsRead) or {error}.

self.onmessage = async (e) => {
  try {
    const { loadPoints } = await import(e.data.module);
    const io = await loadPoints();
    self.postMessage({ read: io.readPoints(e.data.bytes) });
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
