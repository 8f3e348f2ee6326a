/**
 * One run of Lloyd's algorithm (scikit-learn's `_kmeans_single_lloyd`): assignment and centre
 * sums in WebAssembly (the rows quantised once per run for the int16 screen of
 * assembly/clusterScreen16.ts when 4 < d <= 64: same results, bit for bit), empty clusters moved
 * to the rows farthest from their centre, stopped when no label changes (strict convergence) or
 * the total squared centre shift is at most `tol`.
 */
import { f64View, i32View, readF64, readI32, withArena } from '../core/memory.js';
import type { Matrix } from '../core/types.js';
import { quantises } from './assignSpace.js';
import { clusterKernels } from './kernels.js';

/** The result of one k-means run. */
export interface KMeansRun {
  centers: Matrix;
  labels: Int32Array;
  inertia: number;
  nIter: number;
}

/** Runs Lloyd's algorithm from `init` (`k x d` centres) on `X`. */
export function lloyd(X: Matrix, init: Matrix, maxIter: number, tol: number): KMeansRun {
  const { rows: n, cols: d } = X;
  const k = init.rows;
  const kern = clusterKernels();
  return withArena((arena) => {
    const xp = arena.f64From(X.data);
    let centers = arena.f64From(init.data);
    let next = arena.f64(k * d);
    const labels = arena.i32(n);
    const d2 = arena.f64(n);
    const sums = arena.f64(k * d);
    const counts = arena.f64(k);
    const inertiaOut = arena.f64(1);
    const packed = arena.f64(kern.cluster_packed_f64(k, d));
    // the rows quantised once for the int16 screen of every assignment (4 < d <= 64; 0: not used)
    let q16 = 0;
    if (quantises(d)) {
      q16 = arena.f64(kern.cluster_rows16_f64(n, d));
      if (!kern.cluster_quantise_rows(xp, n, d, q16)) q16 = 0;
    }
    const staged = arena.i32(n);
    i32View(labels, n).fill(-1);
    let it = 0;
    for (; it < maxIter; it++) {
      const changed = kern.cluster_lloyd_step_q16(xp, n, d, centers, k, labels, d2, sums, counts, inertiaOut, packed, q16, staged);
      relocateEmpty(X, i32View(labels, n), f64View(d2, n), f64View(sums, k * d), f64View(counts, k));
      const s = f64View(sums, k * d);
      const cnt = f64View(counts, k);
      const nx = f64View(next, k * d);
      const old = f64View(centers, k * d);
      let shift = 0;
      for (let c = 0; c < k; c++) {
        for (let t = 0; t < d; t++) {
          const v = cnt[c] > 0 ? s[c * d + t] / cnt[c] : old[c * d + t];
          nx[c * d + t] = v;
          const diff = v - old[c * d + t];
          shift += diff * diff;
        }
      }
      [centers, next] = [next, centers];
      if (changed === 0 || shift <= tol) break;
    }
    // labels and inertia of the final centres (scikit-learn reruns the E-step)
    kern.cluster_assign_rows_q16(xp, d, 0, 0, n, centers, k, labels, d2, packed, 1, q16);
    const inertia = kern.cluster_sum(d2, n);
    return { centers: { data: readF64(centers, k * d), rows: k, cols: d }, labels: readI32(labels, n), inertia, nIter: Math.min(it + 1, maxIter) };
  });
}

/**
 * scikit-learn's `_relocate_empty_clusters_dense`: each empty cluster takes the row farthest
 * from its centre (farthest first), which leaves its old cluster. Works on the sums and counts.
 */
function relocateEmpty(X: Matrix, labels: Int32Array, d2: Float64Array, sums: Float64Array, counts: Float64Array): void {
  const k = counts.length;
  const d = X.cols;
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  const order = Array.from(d2.keys()).sort((a, b) => d2[b] - d2[a] || a - b).slice(0, empty.length);
  for (let e = 0; e < empty.length; e++) {
    const far = order[e];
    const from = labels[far];
    const to = empty[e];
    for (let t = 0; t < d; t++) {
      sums[from * d + t] -= X.data[far * d + t];
      sums[to * d + t] = X.data[far * d + t];
    }
    counts[to] = 1;
    counts[from] -= 1;
    labels[far] = to;
  }
}
