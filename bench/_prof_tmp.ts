import { makeClassification, SMOTE, searchNeighbors } from '../src/index.js';
const { X, y } = makeClassification({ nSamples: 50_000, nFeatures: 20, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1 });
const r = new SMOTE({ samplingStrategy: 0.5, randomState: 1 }).fitResample(X, y);
console.log(r.X.rows);
for (const alg of ['kd_tree', 'brute'] as const) {
  const t0 = performance.now();
  searchNeighbors(r.X, null, 3, alg);
  console.log(alg, (performance.now() - t0).toFixed(0));
}
