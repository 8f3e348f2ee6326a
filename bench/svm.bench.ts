/**
 * SVC.fit (RBF, gamma='scale', C=1, tol=1e-3) and SVMSMOTE.fitResample next to scikit-learn 1.2.1 /
 * imbalanced-learn 0.10 on the course's data shape (make_classification, weights [0.99], flip_y 0,
 * random_state 1; ours from makeClassification, the same data) at 10,000 x 2, 10,000 x 20,
 * 100,000 x 2 and 50,000 x 20 (`--quick`: the 10,000-row shapes). Both sides report their best of
 * a few runs (the machine is shared, so single runs are noisy). The last columns check that both
 * solvers took the same path: libsvm's iteration count and support vectors per class.
 * Run: npx tsx bench/run.ts svm [--quick]
 */
import { SVC, SVMSMOTE, makeClassification } from '../src/index.js';
import { bestOfEach, printRatio, runPython, type SuiteOptions } from './util.js';

interface Shape { nSamples: number; nFeatures: number }

interface PythonSide { svc: number; smote: number; nIter: number[]; nSupport: number[]; nOut: number }

function pythonSide(shape: Shape, repeat: number): PythonSide | null {
  return runPython<PythonSide>(`
import json, time
from sklearn.datasets import make_classification
from sklearn.svm import SVC
from imblearn.over_sampling import SVMSMOTE
X, y = make_classification(n_samples=${shape.nSamples}, n_features=${shape.nFeatures}, n_redundant=0,
    n_clusters_per_class=1, weights=[0.99], flip_y=0, random_state=1)
svc = smote = float('inf')
for _ in range(${repeat}):
    t = time.perf_counter(); m = SVC(gamma='scale').fit(X, y); svc = min(svc, time.perf_counter() - t)
    t = time.perf_counter(); Xr, yr = SVMSMOTE(random_state=1).fit_resample(X, y); smote = min(smote, time.perf_counter() - t)
print(json.dumps({'svc': svc * 1000, 'smote': smote * 1000, 'nIter': [int(v) for v in m.n_iter_],
    'nSupport': [int(v) for v in m.n_support_], 'nOut': int(len(yr))}))
`);
}


async function compare(shape: Shape, repeat: number): Promise<void> {
  const { X, y } = makeClassification({
    nSamples: shape.nSamples, nFeatures: shape.nFeatures, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1,
  });
  let svc = new SVC();
  let nOut = 0;
  const ours = await bestOfEach([
    ['SVC.fit', () => { svc = new SVC({ gamma: 'scale' }).fit(X, y); }],
    ['SVMSMOTE.fitResample', () => { nOut = new SVMSMOTE({ randomState: 1 }).fitResample(X, y).y.length; }],
  ], { iterations: repeat, warmupIterations: 1, warmupTime: 0 });
  const theirs = pythonSide(shape, repeat);
  console.log(`\n${shape.nSamples.toLocaleString('en-US')} rows x ${shape.nFeatures} features (weights [0.99]), best of ${repeat}`);
  printRatio('SVC.fit', ours.get('SVC.fit') ?? NaN, theirs?.svc ?? null);
  printRatio('SVMSMOTE.fitResample', ours.get('SVMSMOTE.fitResample') ?? NaN, theirs?.smote ?? null);
  const same = (a: ArrayLike<number>, b: ArrayLike<number> | undefined) => b !== undefined && a.length === b.length && Array.from(a).every((v, i) => v === b[i]);
  console.log(`  n_iter ours ${Array.from(svc.nIter_!)} / theirs ${theirs?.nIter ?? 'n/a'}; n_support ours ${Array.from(svc.nSupport_!)} / theirs ${theirs?.nSupport ?? 'n/a'}; ` +
    `resampled rows ours ${nOut} / theirs ${theirs?.nOut ?? 'n/a'}${theirs ? (same(svc.nIter_!, theirs.nIter) && same(svc.nSupport_!, theirs.nSupport) && nOut === theirs.nOut ? ' (same)' : ' (DIFFERENT)') : ''}`);
}

/** Runs the comparison tables. */
export default async function svm({ quick }: SuiteOptions): Promise<void> {
  await compare({ nSamples: 10_000, nFeatures: 2 }, quick ? 2 : 5);
  await compare({ nSamples: 10_000, nFeatures: 20 }, quick ? 2 : 5);
  if (quick) return;
  await compare({ nSamples: 100_000, nFeatures: 2 }, 3);
  await compare({ nSamples: 50_000, nFeatures: 20 }, 2);
}
