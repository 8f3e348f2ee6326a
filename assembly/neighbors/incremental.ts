// Part of the one neighbour-search module: exact k-NN list updates and farthest-k distances
// that CondensedNearestNeighbour and NearMiss-2 need beyond the plain search.
// Incremental k-nearest-neighbour bookkeeping for CondensedNearestNeighbour: when a row joins the
// condensed set C, only the queries it comes closer to than their current k-th neighbour change.
// Distances are computed exactly as the shared search computes them (left-to-right float64 sum of
// squared differences, then sqrt), so a neighbour list updated here equals a fresh search on C.

/**
 * Offers fit row `newRow` (index `newIndex` in C, class code `newLabel`) to the k-NN lists of
 * queries `from..to-1`. Query q is row `qRows[q]` of the `d`-column float64 matrix at `data`;
 * its list is `bestDist[q*k..]` (f64, ascending) and `bestIdx[q*k..]` (i32 C indices). `newIndex`
 * is larger than every index already listed, so it goes after neighbours at an equal distance
 * (the search's tie rule). For each changed list, `pred[q]` becomes the class most common among
 * the k neighbours (`cLabel[C index]`), ties to the smallest code; `votes` is `nClasses` i32 of
 * scratch. `cLabel[newIndex]` must be set before the call.
 */
export function knn_insert_incremental(
  data: usize, d: i32, qRows: usize, from: i32, to: i32, newRow: i32, newIndex: i32,
  k: i32, bestDist: usize, bestIdx: usize, cLabel: usize, nClasses: i32, votes: usize, pred: usize,
): void {
  const rowBytes = <usize>d << 3;
  const b = data + <usize>newRow * rowBytes;
  for (let q = from; q < to; q++) {
    const a = data + <usize>load<i32>(qRows + (<usize>q << 2)) * rowBytes;
    let s: f64 = 0;
    for (let j = 0; j < d; j++) {
      const off = <usize>j << 3;
      const diff = load<f64>(a + off) - load<f64>(b + off);
      s += diff * diff;
    }
    const dist = Math.sqrt(s);
    const listD = bestDist + (<usize>q * <usize>k << 3);
    const listI = bestIdx + (<usize>q * <usize>k << 2);
    if (!(dist < load<f64>(listD + (<usize>(k - 1) << 3)))) continue;
    // insertion into the ascending list; equal distances keep the older (smaller) index first
    let pos = k - 1;
    while (pos > 0 && load<f64>(listD + (<usize>(pos - 1) << 3)) > dist) {
      store<f64>(listD + (<usize>pos << 3), load<f64>(listD + (<usize>(pos - 1) << 3)));
      store<i32>(listI + (<usize>pos << 2), load<i32>(listI + (<usize>(pos - 1) << 2)));
      pos--;
    }
    store<f64>(listD + (<usize>pos << 3), dist);
    store<i32>(listI + (<usize>pos << 2), newIndex);
    // new vote
    for (let c = 0; c < nClasses; c++) store<i32>(votes + (<usize>c << 2), 0);
    for (let c = 0; c < k; c++) {
      const lab = load<i32>(cLabel + (<usize>load<i32>(listI + (<usize>c << 2)) << 2));
      const p = votes + (<usize>lab << 2);
      store<i32>(p, load<i32>(p) + 1);
    }
    let mode = 0;
    let best = load<i32>(votes);
    for (let c = 1; c < nClasses; c++) {
      const v = load<i32>(votes + (<usize>c << 2));
      if (v > best) { best = v; mode = c; }
    }
    store<i32>(pred + (<usize>q << 2), mode);
  }
}

/**
 * NearMiss-2's criterion input: for each of the `nQuery` rows at `query`, the `k` LARGEST
 * distances to the `nFit` rows at `fit` (both `d`-column float64), written ascending to
 * `outDist[q*k..]` (the last k columns of a full nearest-first neighbour table). Distances are
 * computed as the shared search computes them (left-to-right sum of squares, then sqrt).
 * Requires 1 <= k <= nFit.
 */
export function knn_farthest_distances(fit: usize, nFit: i32, d: i32, query: usize, nQuery: i32, k: i32, outDist: usize): void {
  const rowBytes = <usize>d << 3;
  for (let q = 0; q < nQuery; q++) {
    const a = query + <usize>q * rowBytes;
    const list = outDist + (<usize>q * <usize>k << 3);
    for (let j = 0; j < k; j++) store<f64>(list + (<usize>j << 3), -Infinity);
    for (let i = 0; i < nFit; i++) {
      const b = fit + <usize>i * rowBytes;
      let s: f64 = 0;
      for (let j = 0; j < d; j++) {
        const off = <usize>j << 3;
        const diff = load<f64>(a + off) - load<f64>(b + off);
        s += diff * diff;
      }
      // squared distances while selecting (sqrt is monotone), sqrt of the k kept at the end
      const dist = s;
      if (!(dist > load<f64>(list))) continue;
      // drop the smallest kept value and insert, keeping the list ascending
      let pos = 0;
      while (pos + 1 < k && load<f64>(list + (<usize>(pos + 1) << 3)) < dist) {
        store<f64>(list + (<usize>pos << 3), load<f64>(list + (<usize>(pos + 1) << 3)));
        pos++;
      }
      store<f64>(list + (<usize>pos << 3), dist);
    }
    for (let j = 0; j < k; j++) store<f64>(list + (<usize>j << 3), Math.sqrt(load<f64>(list + (<usize>j << 3))));
  }
}
