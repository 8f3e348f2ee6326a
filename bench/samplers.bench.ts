/**
 * The samplers of lessons 4-6 next to imbalanced-learn 0.10 on the course's data shape
 * (make_classification, 2 features, weights [0.99]) at 100,000 and 1,000,000 rows, and at
 * 50,000 x 20. Both sides resample the same data: Python generates it with make_classification
 * and the same seed, ours with makeClassification (equal to it for the same seed).
 * Both sides report their best time of several runs (the timings of a shared machine vary).
 * Run: npx tsx bench/run.ts samplers [--quick]
 */
import {
  RandomOverSampler, RandomUnderSampler, SMOTE, SMOTEENN, SMOTETomek, makeClassification, setNJobs, closePool,
} from '../src/index.js';
import type { Matrix } from '../src/index.js';
import { WARM_UP, bestOfEach, printRatio, runPython, type SuiteOptions } from './util.js';

interface Shape { nSamples: number; nFeatures: number }

const SAMPLERS: Record<string, { py: string; make: () => { fitResample(X: Matrix, y: Int32Array): unknown } }> = {
  RandomUnderSampler: { py: 'RandomUnderSampler(sampling_strategy=0.5, random_state=1)', make: () => new RandomUnderSampler({ samplingStrategy: 0.5, randomState: 1 }) },
  RandomOverSampler: { py: 'RandomOverSampler(sampling_strategy=0.5, random_state=1)', make: () => new RandomOverSampler({ samplingStrategy: 0.5, randomState: 1 }) },
  SMOTE: { py: 'SMOTE(sampling_strategy=0.5, random_state=1)', make: () => new SMOTE({ samplingStrategy: 0.5, randomState: 1 }) },
  SMOTEENN: { py: 'SMOTEENN(sampling_strategy=0.5, random_state=1)', make: () => new SMOTEENN({ samplingStrategy: 0.5, randomState: 1 }) },
  SMOTETomek: { py: 'SMOTETomek(sampling_strategy=0.5, random_state=1)', make: () => new SMOTETomek({ samplingStrategy: 0.5, randomState: 1 }) },
};


function pythonTimes(shape: Shape, repeat: number): Record<string, number> | null {
  const code = `
import json, time
from sklearn.datasets import make_classification
from imblearn.under_sampling import RandomUnderSampler
from imblearn.over_sampling import RandomOverSampler, SMOTE
from imblearn.combine import SMOTEENN, SMOTETomek
X, y = make_classification(n_samples=${shape.nSamples}, n_features=${shape.nFeatures}, n_redundant=0,
    n_clusters_per_class=1, weights=[0.99], flip_y=0, random_state=1)
out = {}
${Object.entries(SAMPLERS).map(([name, s]) => `
best = float('inf')
for _ in range(${repeat}):
    t = time.perf_counter(); ${s.py}.fit_resample(X, y); best = min(best, time.perf_counter() - t)
out['${name}'] = best * 1000`).join('')}
print(json.dumps(out))
`;
  return runPython<Record<string, number>>(code);
}

async function compare(shape: Shape, repeat: number): Promise<void> {
  const { X, y } = makeClassification({
    nSamples: shape.nSamples, nFeatures: shape.nFeatures, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1,
  });
  // warm-up runs as the other sampler suites (bench/util.ts warmUp), each right before its timed runs
  const each = { iterations: repeat, warmupIterations: WARM_UP.runs, warmupTime: WARM_UP.ms };
  const ours = await bestOfEach(Object.entries(SAMPLERS).map(([name, s]) => [name, () => s.make().fitResample(X, y)]), each);
  const theirs = pythonTimes(shape, repeat);
  console.log(`\n${shape.nSamples.toLocaleString('en-US')} rows x ${shape.nFeatures} features (weights [0.99])`);
  for (const name of Object.keys(SAMPLERS)) printRatio(name, ours.get(name)!, theirs?.[name] ?? null);
  if (shape.nFeatures > 2) {
    // scikit-learn's BLAS uses every core here; the same machine's two cores for ours:
    setNJobs(2);
    const both = await bestOfEach(['SMOTEENN', 'SMOTETomek'].map((name) => [name, () => SAMPLERS[name].make().fitResample(X, y)]), each);
    setNJobs(1);
    for (const name of ['SMOTEENN', 'SMOTETomek']) printRatio(`${name} (setNJobs(2))`, both.get(name)!, theirs?.[name] ?? null);
  }
}

/** Runs the comparison tables. */
export default async function samplers({ quick }: SuiteOptions): Promise<void> {
  await compare({ nSamples: 100_000, nFeatures: 2 }, 5);
  if (!quick) await compare({ nSamples: 1_000_000, nFeatures: 2 }, 3);
  await compare({ nSamples: 50_000, nFeatures: 20 }, 3);
  await closePool();
}
