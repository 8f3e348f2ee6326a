/**
 * The browser side of test/browser.test.ts's scale check: fitResampleAsync in a module worker
 * (results equal the synchronous call, the main thread keeps ticking, abort rejects), and, on a
 * cross-origin isolated page, NearestNeighbors with nJobs 2 on the shared-memory pool.
 */
import {
  classCounts, fitResampleAsync, formatCounter, makeClassification, NearestNeighbors, preparePool, SMOTEENN,
} from 'imbalanced-wasm';

const out = document.getElementById('out')!;
const report: Record<string, string> = {};
try {
  const { X, y } = makeClassification({ nSamples: 20_000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1 });
  const sync = new SMOTEENN({ randomState: 1 }).fitResample(X, y);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const res = await fitResampleAsync(new SMOTEENN({ randomState: 1 }), X, y);
  clearInterval(timer);
  report.asyncEqual = String(res.X.rows === sync.X.rows && res.X.data.every((v, i) => v === sync.X.data[i]));
  report.asyncCounts = formatCounter(classCounts(res.y));
  report.mainThreadTicks = String(ticks);

  const controller = new AbortController();
  const pending = fitResampleAsync(new SMOTEENN({ randomState: 1 }), X, y, { signal: controller.signal });
  controller.abort();
  report.abort = await pending.then(() => 'resolved', (e: Error) => e.name);

  report.isolated = String(globalThis.crossOriginIsolated === true);
  if (globalThis.crossOriginIsolated) {
    await preparePool();
    const one = new NearestNeighbors({ nNeighbors: 5 }).fit(X).kneighbors();
    const two = new NearestNeighbors({ nNeighbors: 5, nJobs: 2 }).fit(X).kneighbors();
    report.poolEqual = String(one.indices.every((v, i) => v === two.indices[i]) && one.distances.every((v, i) => v === two.distances[i]));
  }
  out.dataset.state = 'done';
} catch (e) {
  report.error = String((e as Error)?.stack ?? e);
  out.dataset.state = 'error';
}
for (const [k, v] of Object.entries(report)) out.dataset[k] = v;
out.textContent = JSON.stringify(report, null, 2);
