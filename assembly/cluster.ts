// k-means loops: nearest-centre assignment (Lloyd and mini-batch steps), the k-means++ candidate
// potential, and the mean pairwise distance KMeansSMOTE weighs clusters with. Squared distances
// are left-to-right sums of squared differences (no |x|^2 - 2 x.c + |c|^2 cancellation).
// Ties between centres go to the smaller centre index.

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

/** Index of the nearest of `k` centres to the row at `row`; its squared distance goes to `outD2`. */
@inline
function nearest(row: usize, centers: usize, k: i32, d: i32, outD2: usize): i32 {
  const rowBytes = <usize>d << 3;
  let best = 0;
  let bestD = sqDist(row, centers, d);
  for (let c = 1; c < k; c++) {
    const v = sqDist(row, centers + <usize>c * rowBytes, d);
    if (v < bestD) { bestD = v; best = c; }
  }
  store<f64>(outD2, bestD);
  return best;
}

/**
 * Assigns each of the `n` rows of `x` (`n x d`) to its nearest of the `k` centres: labels (int32)
 * to `labels`, squared distances (f64) to `d2`. Returns the inertia (sum of `d2`).
 */
export function cluster_assign(x: usize, n: i32, d: i32, centers: usize, k: i32, labels: usize, d2: usize): f64 {
  const rowBytes = <usize>d << 3;
  let inertia: f64 = 0;
  for (let i = 0; i < n; i++) {
    const p = d2 + (<usize>i << 3);
    const c = nearest(x + <usize>i * rowBytes, centers, k, d, p);
    store<i32>(labels + (<usize>i << 2), c);
    inertia += load<f64>(p);
  }
  return inertia;
}

/**
 * One Lloyd step: `cluster_assign`, then the per-centre sums of the rows (`sums`, `k x d`) and
 * counts (`counts`, f64) for the caller to divide. Returns the number of labels that changed
 * from the values in `labels` on entry (pass -1s the first time) and writes the inertia to `inertiaOut`.
 */
export function cluster_lloyd_step(x: usize, n: i32, d: i32, centers: usize, k: i32, labels: usize, d2: usize, sums: usize, counts: usize, inertiaOut: usize): i32 {
  const rowBytes = <usize>d << 3;
  memory.fill(sums, 0, <usize>k * rowBytes);
  memory.fill(counts, 0, <usize>k << 3);
  let changed = 0;
  let inertia: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = x + <usize>i * rowBytes;
    const p = d2 + (<usize>i << 3);
    const c = nearest(row, centers, k, d, p);
    inertia += load<f64>(p);
    const lp = labels + (<usize>i << 2);
    if (load<i32>(lp) != c) changed++;
    store<i32>(lp, c);
    const s = sums + <usize>c * rowBytes;
    for (let t = 0; t < d; t++) {
      const off = <usize>t << 3;
      store<f64>(s + off, load<f64>(s + off) + load<f64>(row + off));
    }
    const cp = counts + (<usize>c << 3);
    store<f64>(cp, load<f64>(cp) + 1.0);
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
export function cluster_minibatch_step(x: usize, d: i32, batch: usize, m: i32, centers: usize, k: i32, weightSums: usize, labels: usize, d2: usize, sums: usize, counts: usize): f64 {
  const rowBytes = <usize>d << 3;
  memory.fill(sums, 0, <usize>k * rowBytes);
  memory.fill(counts, 0, <usize>k << 3);
  let inertia: f64 = 0;
  for (let i = 0; i < m; i++) {
    const row = x + <usize>load<i32>(batch + (<usize>i << 2)) * rowBytes;
    const p = d2 + (<usize>i << 3);
    const c = nearest(row, centers, k, d, p);
    inertia += load<f64>(p);
    store<i32>(labels + (<usize>i << 2), c);
    const s = sums + <usize>c * rowBytes;
    for (let t = 0; t < d; t++) {
      const off = <usize>t << 3;
      store<f64>(s + off, load<f64>(s + off) + load<f64>(row + off));
    }
    const cp = counts + (<usize>c << 3);
    store<f64>(cp, load<f64>(cp) + 1.0);
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
