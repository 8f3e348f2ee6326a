// k-means loops: nearest-centre assignment (Lloyd and mini-batch steps), the k-means++ candidate
// potential, and the mean pairwise distance KMeansSMOTE weighs clusters with. Squared distances
// are left-to-right sums of squared differences (no |x|^2 - 2 x.c + |c|^2 cancellation), also in
// the SIMD assignment (one centre per lane). Ties between centres go to the smaller centre index.

import { packRowPairs, pairDists2x2, pdA0, pdA1, pdB0, pdB1 } from './neighbors/pairs';

@inline
function sqDist(a: usize, b: usize, d: i32): f64 {
  let s0: f64 = 0;
  for (let t = 0; t < d; t++) {
    const off = <usize>t << 3;
    const v = load<f64>(a + off) - load<f64>(b + off);
    s0 += v * v;
  }
  return s0;
}

/**
 * f64 values of the `packed` scratch the assignment kernels take for `k` centres of `d` values:
 * the centres packed in pairs (./neighbors/pairs.ts), padded with zero centres to a multiple of 4.
 */
export function cluster_packed_f64(k: i32, d: i32): i32 {
  return ((k + 3) >> 2) * 4 * d;
}

// Results of nearestPair (row A, row B).
let bestA: i32 = 0;
let bestDA: f64 = 0;
let bestB: i32 = 0;
let bestDB: f64 = 0;

/**
 * Nearest of the `k` packed centres to rows A and B at once (B may repeat A). Each lane sums
 * (x_t - c_t)^2 over t left to right, exactly as `sqDist`, and centres are compared in index
 * order with a strict <, so ties go to the smaller index: the result equals a plain loop's,
 * bit for bit, at four centres x two rows per pass (8 independent sums).
 */
@inline
function nearestPair(rowA: usize, rowB: usize, packed: usize, k: i32, d: i32): void {
  const groupBytes = <usize>d << 5;
  const pairBytes = <usize>d << 4;
  let ia = 0, ib = 0;
  let da = Infinity, db = Infinity;
  const nGroups = (k + 3) >> 2;
  for (let g = 0; g < nGroups; g++) {
    const pp0 = packed + <usize>g * groupBytes;
    const pp1 = pp0 + pairBytes;
    pairDists2x2(rowA, rowB, pp0, pp1, d);
    const a0 = pdA0, a1 = pdA1, b0 = pdB0, b1 = pdB1;
    const j = 4 * g;
    let v = f64x2.extract_lane(a0, 0); if (v < da) { da = v; ia = j; }
    v = f64x2.extract_lane(b0, 0); if (v < db) { db = v; ib = j; }
    if (j + 1 < k) {
      v = f64x2.extract_lane(a0, 1); if (v < da) { da = v; ia = j + 1; }
      v = f64x2.extract_lane(b0, 1); if (v < db) { db = v; ib = j + 1; }
    }
    if (j + 2 < k) {
      v = f64x2.extract_lane(a1, 0); if (v < da) { da = v; ia = j + 2; }
      v = f64x2.extract_lane(b1, 0); if (v < db) { db = v; ib = j + 2; }
    }
    if (j + 3 < k) {
      v = f64x2.extract_lane(a1, 1); if (v < da) { da = v; ia = j + 3; }
      v = f64x2.extract_lane(b1, 1); if (v < db) { db = v; ib = j + 3; }
    }
  }
  // all distances +inf (overflow): centre 0, as the plain loop
  bestA = ia; bestDA = da; bestB = ib; bestDB = db;
}

/** Adds the row to its centre's sum and count. */
@inline
function accumulate(row: usize, c: i32, d: i32, sums: usize, counts: usize): void {
  const s = sums + <usize>c * (<usize>d << 3);
  for (let t = 0; t < d; t++) {
    const off = <usize>t << 3;
    store<f64>(s + off, load<f64>(s + off) + load<f64>(row + off));
  }
  const cp = counts + (<usize>c << 3);
  store<f64>(cp, load<f64>(cp) + 1.0);
}

/**
 * Assigns each of the `n` rows of `x` (`n x d`) to its nearest of the `k` centres: labels (int32)
 * to `labels`, squared distances (f64) to `d2`. `packed`: `cluster_packed_f64(k, d)` f64 of
 * scratch. Returns the inertia (sum of `d2`).
 */
export function cluster_assign(x: usize, n: i32, d: i32, centers: usize, k: i32, labels: usize, d2: usize, packed: usize): f64 {
  packRowPairs(centers, k, d, packed, ((k + 3) >> 2) * 2);
  const rowBytes = <usize>d << 3;
  let inertia: f64 = 0;
  for (let i = 0; i < n; i += 2) {
    const rowA = x + <usize>i * rowBytes;
    const hasB = i + 1 < n;
    nearestPair(rowA, hasB ? rowA + rowBytes : rowA, packed, k, d);
    store<i32>(labels + (<usize>i << 2), bestA);
    store<f64>(d2 + (<usize>i << 3), bestDA);
    inertia += bestDA;
    if (hasB) {
      store<i32>(labels + (<usize>i << 2) + 4, bestB);
      store<f64>(d2 + (<usize>i << 3) + 8, bestDB);
      inertia += bestDB;
    }
  }
  return inertia;
}

/**
 * One Lloyd step: `cluster_assign`, then the per-centre sums of the rows (`sums`, `k x d`) and
 * counts (`counts`, f64) for the caller to divide. Returns the number of labels that changed
 * from the values in `labels` on entry (pass -1s the first time) and writes the inertia to `inertiaOut`.
 * `packed`: `cluster_packed_f64(k, d)` f64 of scratch.
 */
export function cluster_lloyd_step(x: usize, n: i32, d: i32, centers: usize, k: i32, labels: usize, d2: usize, sums: usize, counts: usize, inertiaOut: usize, packed: usize): i32 {
  const rowBytes = <usize>d << 3;
  memory.fill(sums, 0, <usize>k * rowBytes);
  memory.fill(counts, 0, <usize>k << 3);
  packRowPairs(centers, k, d, packed, ((k + 3) >> 2) * 2);
  let changed = 0;
  let inertia: f64 = 0;
  for (let i = 0; i < n; i += 2) {
    const rowA = x + <usize>i * rowBytes;
    const hasB = i + 1 < n;
    const rowB = hasB ? rowA + rowBytes : rowA;
    nearestPair(rowA, rowB, packed, k, d);
    const ca = bestA, cb = bestB, dB = bestDB;
    store<f64>(d2 + (<usize>i << 3), bestDA);
    inertia += bestDA;
    const lp = labels + (<usize>i << 2);
    if (load<i32>(lp) != ca) changed++;
    store<i32>(lp, ca);
    accumulate(rowA, ca, d, sums, counts);
    if (hasB) {
      store<f64>(d2 + (<usize>i << 3) + 8, dB);
      inertia += dB;
      if (load<i32>(lp + 4) != cb) changed++;
      store<i32>(lp + 4, cb);
      accumulate(rowB, cb, d, sums, counts);
    }
  }
  store<f64>(inertiaOut, inertia);
  return changed;
}

/**
 * scikit-learn's mini-batch update (`_minibatch_update_dense`, unit weights) for the batch rows
 * `batch` (int32 indices into `x`): assign them to `centers` (labels to `labels`, one per batch
 * row), then move each centre that got rows to `(old * w + sum) / (w + m)` with `w += m` in
 * `weightSums`. Returns the batch inertia.
 */
export function cluster_minibatch_step(x: usize, d: i32, batch: usize, m: i32, centers: usize, k: i32, weightSums: usize, labels: usize, d2: usize, sums: usize, counts: usize, packed: usize): f64 {
  const rowBytes = <usize>d << 3;
  memory.fill(sums, 0, <usize>k * rowBytes);
  memory.fill(counts, 0, <usize>k << 3);
  packRowPairs(centers, k, d, packed, ((k + 3) >> 2) * 2);
  let inertia: f64 = 0;
  for (let i = 0; i < m; i += 2) {
    const rowA = x + <usize>load<i32>(batch + (<usize>i << 2)) * rowBytes;
    const hasB = i + 1 < m;
    const rowB = hasB ? x + <usize>load<i32>(batch + (<usize>i << 2) + 4) * rowBytes : rowA;
    nearestPair(rowA, rowB, packed, k, d);
    const ca = bestA, cb = bestB, dB = bestDB;
    store<f64>(d2 + (<usize>i << 3), bestDA);
    inertia += bestDA;
    store<i32>(labels + (<usize>i << 2), ca);
    accumulate(rowA, ca, d, sums, counts);
    if (hasB) {
      store<f64>(d2 + (<usize>i << 3) + 8, dB);
      inertia += dB;
      store<i32>(labels + (<usize>i << 2) + 4, cb);
      accumulate(rowB, cb, d, sums, counts);
    }
  }
  for (let c = 0; c < k; c++) {
    const cnt = load<f64>(counts + (<usize>c << 3));
    if (cnt == 0) continue;
    const wp = weightSums + (<usize>c << 3);
    const w = load<f64>(wp);
    const nw = w + cnt;
    store<f64>(wp, nw);
    const alpha = 1.0 / nw;
    const ce = centers + <usize>c * rowBytes;
    const s = sums + <usize>c * rowBytes;
    for (let t = 0; t < d; t++) {
      const off = <usize>t << 3;
      store<f64>(ce + off, (load<f64>(ce + off) * w + load<f64>(s + off)) * alpha);
    }
  }
  return inertia;
}

/**
 * k-means++ candidate: `out[i] = min(closest[i], |x_i - x_cand|^2)` for the `n` rows of `x`;
 * returns `sum(out)` (the candidate's potential).
 */
export function cluster_pp_candidate(x: usize, n: i32, d: i32, cand: i32, closest: usize, out: usize): f64 {
  const rowBytes = <usize>d << 3;
  const c = x + <usize>cand * rowBytes;
  let pot: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = sqDist(x + <usize>i * rowBytes, c, d);
    const old = load<f64>(closest + (<usize>i << 3));
    const m = v < old ? v : old;
    store<f64>(out + (<usize>i << 3), m);
    pot += m;
  }
  return pot;
}

/** Squared distances of the `n` rows of `x` to the row `p` (`d` values): to `out`; returns their sum. */
export function cluster_sq_dist_to(x: usize, n: i32, d: i32, p: usize, out: usize): f64 {
  const rowBytes = <usize>d << 3;
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = sqDist(x + <usize>i * rowBytes, p, d);
    store<f64>(out + (<usize>i << 3), v);
    s += v;
  }
  return s;
}

/** Sum of the Euclidean distances over all ordered pairs i != j of the `n` rows of `x`. */
export function cluster_pairwise_distance_sum(x: usize, n: i32, d: i32): f64 {
  const rowBytes = <usize>d << 3;
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const a = x + <usize>i * rowBytes;
    for (let j = i + 1; j < n; j++) s += Math.sqrt(sqDist(a, x + <usize>j * rowBytes, d));
  }
  return 2 * s;
}
