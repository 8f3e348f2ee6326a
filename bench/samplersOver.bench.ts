/**
 * The other over-samplers (ADASYN, BorderlineSMOTE 1 and 2, SVMSMOTE, KMeansSMOTE, SMOTENC,
 * SMOTEN) next to imbalanced-learn 0.10 on the course's data shape (make_classification,
 * weights [0.99]) at 100,000 x 2 and 50,000 x 20. Both sides resample the same data (ours from
 * makeClassification, equal to scikit-learn's for the same seed). SMOTENC gets the last column
 * rounded to an integer category; SMOTEN every column rounded. SVMSMOTE runs at the full sizes
 * too (bench/svm.bench.ts also times its SVC alone). Both sides report their best of a few runs
 * taken in a row for each sampler, ours right after that sampler's warm-up runs (see
 * bench/util.ts warmUp).
 * Run: npx tsx bench/run.ts samplersOver [--quick]
 */
import {
  ADASYN, BorderlineSMOTE, KMeansSMOTE, SMOTEN, SMOTENC, SVMSMOTE, makeClassification,
} from '../src/index.js';
import type { Matrix } from '../src/index.js';
import { WARM_UP, bestOfEach, printRatio, runPython, type SuiteOptions } from './util.js';

interface Shape { nSamples: number; nFeatures: number }
type Prep = 'none' | 'lastCategorical' | 'allCategorical';

interface Case {
  py: string;
  make: (d: number) => { fitResample(X: Matrix, y: Int32Array): unknown };
  prep: Prep;
  /** Rows used instead of the shape's (SVMSMOTE). */
  rows?: number;
}

const CASES: Record<string, Case> = {
  ADASYN: { py: 'ADASYN(random_state=1)', make: () => new ADASYN({ randomState: 1 }), prep: 'none' },
  'BorderlineSMOTE-1': { py: "BorderlineSMOTE(kind='borderline-1', random_state=1)", make: () => new BorderlineSMOTE({ kind: 'borderline-1', randomState: 1 }), prep: 'none' },
  'BorderlineSMOTE-2': { py: "BorderlineSMOTE(kind='borderline-2', random_state=1)", make: () => new BorderlineSMOTE({ kind: 'borderline-2', randomState: 1 }), prep: 'none' },
  KMeansSMOTE: {
    py: 'KMeansSMOTE(kmeans_estimator=MiniBatchKMeans(n_clusters=20, n_init=1, random_state=1), cluster_balance_threshold=0.05, random_state=1)',
    make: () => new KMeansSMOTE({ kmeansEstimator: 20, clusterBalanceThreshold: 0.05, randomState: 1 }),
    prep: 'none',
  },
  SMOTENC: { py: 'SMOTENC(categorical_features=[X.shape[1] - 1], random_state=1)', make: (d) => new SMOTENC({ categoricalFeatures: [d - 1], randomState: 1 }), prep: 'lastCategorical' },
  SMOTEN: { py: 'SMOTEN(random_state=1)', make: () => new SMOTEN({ randomState: 1 }), prep: 'allCategorical' },
  SVMSMOTE: { py: 'SVMSMOTE(random_state=1)', make: () => new SVMSMOTE({ randomState: 1 }), prep: 'none' },
};

/** numpy's rint (half to even). */
function rint(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function prepare(X: Matrix, prep: Prep): Matrix {
  if (prep === 'none') return X;
  const data = X.data.slice();
  for (let i = 0; i < X.rows; i++) {
    for (let j = prep === 'allCategorical' ? 0 : X.cols - 1; j < X.cols; j++) data[i * X.cols + j] = rint(data[i * X.cols + j]);
  }
  return { data, rows: X.rows, cols: X.cols };
}

function pythonTimes(shape: Shape, repeat: number, names: string[]): Record<string, number> | null {
  const code = `
import json, time
import numpy as np
from sklearn.cluster import MiniBatchKMeans
from sklearn.datasets import make_classification
from imblearn.over_sampling import ADASYN, BorderlineSMOTE, KMeansSMOTE, SMOTENC, SMOTEN, SVMSMOTE
X0, y0 = make_classification(n_samples=${shape.nSamples}, n_features=${shape.nFeatures}, n_redundant=0,
    n_clusters_per_class=1, weights=[0.99], flip_y=0, random_state=1)
out = {}
${names.map((name) => {
    const c = CASES[name];
    const rows = c.rows ? `X, y = make_classification(n_samples=${c.rows}, n_features=${shape.nFeatures}, n_redundant=0, n_clusters_per_class=1, weights=[0.99], flip_y=0, random_state=1)` : 'X, y = X0, y0';
    const prep = c.prep === 'lastCategorical' ? 'X = X.copy(); X[:, -1] = np.rint(X[:, -1])' : c.prep === 'allCategorical' ? 'X = np.rint(X)' : 'pass';
    return `
${rows}
${prep}
best = float('inf')
for _ in range(${repeat}):
    t = time.perf_counter(); ${c.py}.fit_resample(X, y); best = min(best, time.perf_counter() - t)
out['${name}'] = best * 1000`;
  }).join('')}
print(json.dumps(out))
`;
  return runPython<Record<string, number>>(code);
}


async function compare(shape: Shape, repeat: number, names: string[]): Promise<void> {
  const data = (n: number) => makeClassification({
    nSamples: n, nFeatures: shape.nFeatures, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1,
  });
  const full = data(shape.nSamples);
  // each sampler warmed up (as bench/util.ts warmUp) and then timed before the next one starts,
  // as the Python side runs each sampler's repeats in a row
  const tasks = names.map((name): [string, () => void] => {
    const c = CASES[name];
    const { X, y } = c.rows ? data(c.rows) : full;
    const Xp = prepare(X, c.prep);
    return [name, () => { c.make(shape.nFeatures).fitResample(Xp, y); }];
  });
  const ours = await bestOfEach(tasks, { iterations: repeat, warmupIterations: WARM_UP.runs, warmupTime: WARM_UP.ms });
  const theirs = pythonTimes(shape, repeat, names);
  console.log(`\n${shape.nSamples.toLocaleString('en-US')} rows x ${shape.nFeatures} features (weights [0.99])`);
  for (const name of names) printRatio(name, ours.get(name) ?? NaN, theirs?.[name] ?? null);
}

/** Runs the comparison tables. */
export default async function samplersOver({ quick }: SuiteOptions): Promise<void> {
  const names = Object.keys(CASES);
  await compare({ nSamples: 100_000, nFeatures: 2 }, quick ? 2 : 3, names);
  await compare({ nSamples: 50_000, nFeatures: 20 }, quick ? 2 : 3, names);
}
