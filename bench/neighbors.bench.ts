/**
 * Exact kNN (k = 6, the fit rows queried with themselves included, as imbalanced-learn queries)
 * for both backends and 'auto', and TomekLinks / EditedNearestNeighbours, next to scikit-learn
 * 1.2.1 NearestNeighbors and imbalanced-learn 0.10, at 100,000 x 2, 1,000,000 x 2 and
 * 50,000 x 20. Both sides use the same data: make_classification(weights=[0.99], n_redundant=0,
 * n_clusters_per_class=1, flip_y=0, random_state=1), which makeClassification reproduces; the
 * kept-row counts of both sides are printed as a check.
 * Brute force at 1,000,000 x 2 (10^12 distances, hours on both sides) is skipped. At d > 10 a
 * 'knn brute, direct kernel (before)' row times the brute force without screening.
 * Run: npx tsx bench/run.ts neighbors [--quick]   (--quick: 20,000 x 2, 100,000 x 2, 10,000 x 20)
 */
import { Bench } from 'tinybench';
import { EditedNearestNeighbours, TomekLinks, makeClassification, resolveAlgorithm, searchNeighbors } from '../src/index.js';
import type { KnnAlgorithm, Matrix } from '../src/index.js';
import { readI32, withArena } from '../src/core/memory.js';
import { neighborKernels } from '../src/neighbors/kernels.js';
import { meanMs, printRatio, runPython, type SuiteOptions } from './util.js';

interface Shape { nSamples: number; nFeatures: number; brute: boolean }

const ALGORITHMS: KnnAlgorithm[] = ['auto', 'kd_tree', 'brute'];

function pythonTimes(shape: Shape): Record<string, number> | null {
  const algos = ALGORITHMS.filter((a) => a !== 'brute' || shape.brute);
  return runPython<Record<string, number>>(`
import json, time, warnings, resource
warnings.simplefilter('ignore')
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return (r.ru_utime + r.ru_stime) * 1000
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors
from imblearn.under_sampling import TomekLinks, EditedNearestNeighbours
X, y = make_classification(n_samples=${shape.nSamples}, n_features=${shape.nFeatures}, n_redundant=0,
    n_clusters_per_class=1, weights=[0.99], flip_y=0, random_state=1)
out = {}
for a in ${JSON.stringify(algos)}:
    t = time.perf_counter(); c = cpu(); NearestNeighbors(n_neighbors=6, algorithm=a).fit(X).kneighbors(X)
    out['knn ' + a] = (time.perf_counter() - t) * 1000; out['knn ' + a + ' cpu'] = cpu() - c
for name, s in [('TomekLinks', TomekLinks()), ('EditedNearestNeighbours', EditedNearestNeighbours())]:
    t = time.perf_counter(); c = cpu(); s.fit_resample(X, y)
    out[name] = (time.perf_counter() - t) * 1000; out[name + ' cpu'] = cpu() - c
    out[name + ' kept'] = len(s.sample_indices_)
print(json.dumps(out))
`);
}

/** k nearest neighbours of every row (self included) with the unscreened `knn_brute_direct`. */
function directKnn(X: Matrix, k: number): Int32Array {
  const kern = neighborKernels();
  return withArena((arena) => {
    const fit = arena.f64From(X.data);
    const query = arena.f64From(X.data);
    const idx = arena.i32(X.rows * k);
    const dist = arena.f64(X.rows * k);
    const pairs = arena.f64(kern.knn_brute_scratch_f64(X.rows, X.cols));
    for (let q0 = 0; q0 < X.rows; q0 += 256) {
      const rows = Math.min(256, X.rows - q0);
      kern.knn_brute_direct(fit, X.rows, X.cols, query + q0 * X.cols * 8, rows, k, 0, idx + q0 * k * 4, dist + q0 * k * 8, pairs);
    }
    return readI32(idx, X.rows * k);
  });
}

/** CPU milliseconds of this process (user + system) spent in `fn`. */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function ourTimes(shape: Shape, X: Matrix, y: Int32Array): Promise<{ times: Map<string, number>; cpu: Map<string, number>; kept: Map<string, number> }> {
  // one timed run per task: the forced backends at the large sizes take tens of seconds
  const bench = new Bench({ iterations: 1, time: 0, warmup: false });
  const kept = new Map<string, number>();
  const cpu = new Map<string, number>();
  for (const a of ALGORITHMS) {
    if (a === 'brute' && !shape.brute) continue;
    bench.add(`knn ${a}`, () => { cpu.set(`knn ${a}`, cpuMs(() => searchNeighbors(X, X, 6, a))); });
  }
  if (shape.brute && X.cols > 10) {
    // the brute force before screening (every distance summed directly), for a before/after figure;
    // in 256-query calls like searchNeighbors, so that it runs optimised code too
    bench.add('knn brute, direct kernel (before)', () => {
      cpu.set('knn brute, direct kernel (before)', cpuMs(() => directKnn(X, 6)));
    });
  }
  bench.add('TomekLinks', () => {
    cpu.set('TomekLinks', cpuMs(() => kept.set('TomekLinks', new TomekLinks().fitResample(X, y).y.length)));
  });
  bench.add('EditedNearestNeighbours', () => {
    cpu.set('EditedNearestNeighbours', cpuMs(() => kept.set('EditedNearestNeighbours', new EditedNearestNeighbours().fitResample(X, y).y.length)));
  });
  await bench.run();
  return { times: meanMs(bench), cpu, kept };
}

async function compare(shape: Shape): Promise<void> {
  const { X, y } = makeClassification({
    nSamples: shape.nSamples, nFeatures: shape.nFeatures, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1,
  });
  const ours = await ourTimes(shape, X, y);
  const theirs = pythonTimes(shape);
  const auto = resolveAlgorithm('auto', X.rows, X.cols, 6);
  console.log(`\n${shape.nSamples.toLocaleString('en-US')} rows x ${shape.nFeatures} features (k = 6; auto -> ${auto})`);
  for (const name of ours.times.keys()) printRatio(name, ours.times.get(name)!, theirs?.[name] ?? null);
  // CPU time is steadier than wall time on a shared machine (sklearn's brute force is multi-threaded)
  for (const name of ours.cpu.keys()) printRatio(`${name} (cpu time)`, ours.cpu.get(name)!, theirs?.[`${name} cpu`] ?? null);
  for (const name of ours.kept.keys()) {
    console.log(`  ${name} kept rows: ours ${ours.kept.get(name)}, imblearn ${theirs?.[`${name} kept`] ?? 'n/a'}`);
  }
}

/** Runs the suite. */
export default async function run({ quick }: SuiteOptions): Promise<void> {
  const shapes: Shape[] = quick
    ? [{ nSamples: 20_000, nFeatures: 2, brute: true }, { nSamples: 100_000, nFeatures: 2, brute: false }, { nSamples: 10_000, nFeatures: 20, brute: true }]
    : [{ nSamples: 100_000, nFeatures: 2, brute: true }, { nSamples: 1_000_000, nFeatures: 2, brute: false }, { nSamples: 50_000, nFeatures: 20, brute: true }];
  for (const shape of shapes) await compare(shape);
}
