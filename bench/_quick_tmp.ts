import { makeClassification, NearMiss, RepeatedEditedNearestNeighbours, AllKNN, NeighbourhoodCleaningRule, CondensedNearestNeighbour, OneSidedSelection, InstanceHardnessThreshold } from '../src/index.js';
for (const [n, d] of [[100000, 2], [50000, 20]]) {
  const { X, y } = makeClassification({ nSamples: n, nFeatures: d, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1 });
  const all: Record<string, () => any> = {
    NearMiss1: () => new NearMiss({ version: 1 }), NearMiss2: () => new NearMiss({ version: 2 }), NearMiss3: () => new NearMiss({ version: 3 }),
    RENN: () => new RepeatedEditedNearestNeighbours(), AllKNN: () => new AllKNN(), NCR: () => new NeighbourhoodCleaningRule(),
    CNN: () => new CondensedNearestNeighbour({ randomState: 1 }), OSS: () => new OneSidedSelection({ randomState: 1 }),
    IHT: () => new InstanceHardnessThreshold({ randomState: 1 }),
  };
  for (const [name, mk] of Object.entries(all)) {
    const t = performance.now();
    const r = mk().fitResample(X, y);
    console.log(n, d, name, (performance.now() - t).toFixed(1), 'ms', r.X.rows);
  }
}
