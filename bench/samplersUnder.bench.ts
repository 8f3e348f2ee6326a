/**
 * The under-samplers of src/samplers/under (NearMiss 1/2/3, RepeatedEditedNearestNeighbours,
 * AllKNN, NeighbourhoodCleaningRule, CondensedNearestNeighbour, OneSidedSelection,
 * InstanceHardnessThreshold, ClusterCentroids) next to imbalanced-learn 0.10 on the course's data
 * shape (make_classification, weights [0.99]) at 100,000 x 2 and 50,000 x 20. Both sides
 * resample the same data (makeClassification equals make_classification for the same seed).
 * imbalanced-learn's CondensedNearestNeighbour refits a classifier after every added row (about a
 * minute at 3,000 rows), so CNN is compared at 5,000 rows; ours also runs at the full sizes.
 * Both sides take the best of 3 runs for samplers under a second (ours after warm-up runs, see
 * bench/util.ts warmUp).
 * InstanceHardnessThreshold uses LogisticRegression on both sides (imbalanced-learn's default
 * random forest does not exist here).
 * Run: npx tsx bench/run.ts samplersUnder [--quick]
 */
import {
  AllKNN, ClusterCentroids, CondensedNearestNeighbour, InstanceHardnessThreshold, NearMiss, NeighbourhoodCleaningRule,
  OneSidedSelection, RepeatedEditedNearestNeighbours, makeClassification,
} from '../src/index.js';
import type { Matrix } from '../src/index.js';
import { printRatio, runPython, timeMs, warmUp, type SuiteOptions } from './util.js';

interface Shape { nSamples: number; nFeatures: number }
interface Entry { py: string; make: () => { fitResample(X: Matrix, y: Int32Array): unknown } }

const SAMPLERS: Record<string, Entry> = {
  'NearMiss-1': { py: 'NearMiss(version=1)', make: () => new NearMiss({ version: 1 }) },
  'NearMiss-2': { py: 'NearMiss(version=2)', make: () => new NearMiss({ version: 2 }) },
  'NearMiss-3': { py: 'NearMiss(version=3)', make: () => new NearMiss({ version: 3 }) },
  RepeatedEditedNearestNeighbours: { py: 'RepeatedEditedNearestNeighbours()', make: () => new RepeatedEditedNearestNeighbours() },
  AllKNN: { py: 'AllKNN()', make: () => new AllKNN() },
  NeighbourhoodCleaningRule: { py: 'NeighbourhoodCleaningRule()', make: () => new NeighbourhoodCleaningRule() },
  OneSidedSelection: { py: 'OneSidedSelection(random_state=1)', make: () => new OneSidedSelection({ randomState: 1 }) },
  InstanceHardnessThreshold: {
    py: 'InstanceHardnessThreshold(estimator=LogisticRegression(), random_state=1)',
    make: () => new InstanceHardnessThreshold({ randomState: 1 }),
  },
  ClusterCentroids: { py: 'ClusterCentroids(random_state=1)', make: () => new ClusterCentroids({ randomState: 1 }) },
};
const CNN: Entry = { py: 'CondensedNearestNeighbour(random_state=1)', make: () => new CondensedNearestNeighbour({ randomState: 1 }) };

function pythonTimes(shape: Shape, entries: Record<string, Entry>): Record<string, number> | null {
  const code = `
import json, time, warnings
warnings.simplefilter('ignore')
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from imblearn.under_sampling import *
X, y = make_classification(n_samples=${shape.nSamples}, n_features=${shape.nFeatures}, n_redundant=0,
    n_clusters_per_class=1, weights=[0.99], flip_y=0, random_state=1)
out = {}
def best_ms(make):
    # best of 3 for runs under a second (one run otherwise), as on our side
    t = time.perf_counter(); make().fit_resample(X, y); best = (time.perf_counter() - t) * 1000
    if best < 1000:
        for _ in range(2):
            t = time.perf_counter(); make().fit_resample(X, y); best = min(best, (time.perf_counter() - t) * 1000)
    return best
${Object.entries(entries).map(([name, s]) => `
out['${name}'] = best_ms(lambda: ${s.py})`).join('')}
print(json.dumps(out))
`;
  return runPython<Record<string, number>>(code);
}

function ourTimes(shape: Shape, entries: Record<string, Entry>): Map<string, number> {
  const { X, y } = makeClassification({
    nSamples: shape.nSamples, nFeatures: shape.nFeatures, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1,
  });
  const out = new Map<string, number>();
  for (const [name, s] of Object.entries(entries)) {
    // warm-up runs (bench/util.ts warmUp; one for runs over a second), then the best of 3 for runs
    // under a second (one run otherwise), as on the Python side
    const run = () => s.make().fitResample(X, y);
    if (timeMs(run, 1) < 1000) warmUp(run);
    const once = timeMs(run, 1);
    out.set(name, once < 1000 ? Math.min(once, timeMs(run, 2)) : once);
  }
  return out;
}

async function compare(shape: Shape, entries: Record<string, Entry>, withPython = true): Promise<void> {
  const ours = ourTimes(shape, entries);
  const theirs = withPython ? pythonTimes(shape, entries) : null;
  console.log(`\n${shape.nSamples.toLocaleString('en-US')} rows x ${shape.nFeatures} features (weights [0.99])${withPython ? '' : ' — ours only'}`);
  for (const name of Object.keys(entries)) printRatio(name, ours.get(name)!, theirs?.[name] ?? null);
}

/** Runs the comparison tables. */
export default async function samplersUnder({ quick }: SuiteOptions): Promise<void> {
  // warnings of NearMiss-3 ("fewer samples than asked") would flood the table
  process.removeAllListeners('warning');
  await compare({ nSamples: 100_000, nFeatures: 2 }, SAMPLERS);
  if (!quick) await compare({ nSamples: 50_000, nFeatures: 20 }, SAMPLERS);
  await compare({ nSamples: 5_000, nFeatures: 2 }, { CondensedNearestNeighbour: CNN });
  await compare({ nSamples: 5_000, nFeatures: 20 }, { CondensedNearestNeighbour: CNN });
  await compare({ nSamples: 100_000, nFeatures: 2 }, { CondensedNearestNeighbour: CNN }, false);
  if (!quick) await compare({ nSamples: 50_000, nFeatures: 20 }, { CondensedNearestNeighbour: CNN }, false);
}
