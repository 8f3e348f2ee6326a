/**
 * scikit-learn's greedy k-means++ seeding (`_kmeans_plusplus`): the first centre is a uniform
 * draw; each next one is the best of `2 + floor(ln k)` candidates drawn with probability
 * proportional to the squared distance to the closest centre so far (best = lowest potential).
 */
import { f64View, readF64, withArena } from '../core/memory.js';
import type { Matrix } from '../core/types.js';
import type { RandomState } from '../random/RandomState.js';
import { clusterKernels } from './kernels.js';

/** Centres (`k x d`) and the rows they were taken from. */
export interface Seeding {
  centers: Matrix;
  indices: Int32Array;
}

/**
 * k-means++ seeding of `k` centres among the rows of `X` (requires `k <= X.rows`), drawing from
 * `random` in scikit-learn's order: `randint(n)`, then per centre `uniform(size=nLocalTrials)`.
 * @example
 * kmeansPlusPlus(X, 3, new RandomState(0)).indices; // the 3 rows chosen
 */
export function kmeansPlusPlus(X: Matrix, k: number, random: RandomState, nLocalTrials = 2 + Math.floor(Math.log(k))): Seeding {
  const { rows: n, cols: d } = X;
  const kern = clusterKernels();
  const indices = new Int32Array(k);
  indices[0] = random.randint(0, n, 1)[0];
  withArena((arena) => {
    const xp = arena.f64From(X.data);
    let closest = arena.f64(n);
    let cand = arena.f64(n);
    let best = arena.f64(n);
    const first = arena.f64(d);
    f64View(first, d).set(X.data.subarray(indices[0] * d, indices[0] * d + d));
    let pot = kern.cluster_sq_dist_to(xp, n, d, first, closest);
    const cumsum = new Float64Array(n);
    for (let c = 1; c < k; c++) {
      const rand = random.uniform(0, 1, nLocalTrials);
      const cl = f64View(closest, n);
      let s = 0;
      for (let i = 0; i < n; i++) cumsum[i] = s += cl[i];
      let bestPot = Infinity;
      let bestId = -1;
      for (let t = 0; t < nLocalTrials; t++) {
        const id = Math.min(searchSortedLeft(cumsum, rand[t] * pot), n - 1);
        const p = kern.cluster_pp_candidate(xp, n, d, id, closest, cand);
        if (p < bestPot) {
          bestPot = p;
          bestId = id;
          [best, cand] = [cand, best];
        }
      }
      pot = bestPot;
      [closest, best] = [best, closest];
      indices[c] = bestId;
    }
    return readF64(closest, 0);
  });
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) centers.set(X.data.subarray(indices[c] * d, indices[c] * d + d), c * d);
  return { centers: { data: centers, rows: k, cols: d }, indices };
}

/** numpy's `searchsorted(a, v, side='left')` on an ascending array. */
export function searchSortedLeft(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
