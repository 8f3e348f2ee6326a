/**
 * scikit-learn's greedy k-means++ seeding (`_kmeans_plusplus`): the first centre is a uniform
 * draw; each next one is the best of `2 + floor(ln k)` candidates drawn with probability
 * proportional to the squared distance to the closest centre so far (best = lowest potential).
 */
import { f64View, i32View, withArena } from '../core/memory.js';
import type { Matrix } from '../core/types.js';
import type { RandomState } from '../random/RandomState.js';
import { clusterKernels } from './kernels.js';

/** Candidates per call of `cluster_pp_candidates`. */
const PP_GROUP = 4;

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
    const closest = arena.f64(n);
    // the candidates of a round, four per pass over the rows (each row loaded once for four)
    const group = Math.min(nLocalTrials, PP_GROUP);
    const outs = arena.f64(group * n);
    const pots = arena.f64(group);
    const ids = arena.i32(group);
    const best = arena.f64(n);
    const first = arena.f64(d);
    f64View(first, d).set(X.data.subarray(indices[0] * d, indices[0] * d + d));
    let pot = kern.cluster_sq_dist_to(xp, n, d, first, closest);
    const cumsum = new Float64Array(n);
    for (let c = 1; c < k; c++) {
      const rand = random.uniform(0, 1, nLocalTrials);
      const cl = f64View(closest, n);
      let s = 0;
      for (let i = 0; i < n; i++) cumsum[i] = s += cl[i];
      // every candidate of the round is drawn against the same potential, before any is tried
      const candidates = Array.from(rand, (r) => Math.min(searchSortedLeft(cumsum, r * pot), n - 1));
      let bestPot = Infinity;
      let bestId = -1;
      for (let t0 = 0; t0 < nLocalTrials; t0 += group) {
        const nc = Math.min(group, nLocalTrials - t0);
        i32View(ids, nc).set(candidates.slice(t0, t0 + nc));
        kern.cluster_pp_candidates(xp, n, d, ids, nc, closest, outs, pots);
        const p = f64View(pots, nc);
        for (let t = 0; t < nc; t++) {
          // strict <: the first of equal potentials, in trial order
          if (p[t] < bestPot) {
            bestPot = p[t];
            bestId = candidates[t0 + t];
            f64View(best, n).set(f64View(outs + t * n * 8, n));
          }
        }
      }
      pot = bestPot;
      f64View(closest, n).set(f64View(best, n));
      indices[c] = bestId;
    }
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
