// k-means loops: nearest-centre assignment (Lloyd and mini-batch steps), the k-means++ candidate
// potential, and the mean pairwise distance KMeansSMOTE weighs clusters with. Squared distances
// are left-to-right sums of squared differences (no |x|^2 - 2 x.c + |c|^2 cancellation), also in
// the screened assignment of ./clusterScreen.ts, which computes that exact sum for the centres an
// f32 screen cannot exclude. Ties between centres go to the smaller centre index.

import { exactSq } from './neighbors/screen32';
import { clusterScratchF64, fourDist, fourIndex, nearestCentre, nearestCentres4, nearestDist, nearestIndex, prepareCentres, useFour } from './clusterScreen';
import { centres16Bytes, exactSq4, gE0, gE1, centres16Ready, MAX_K4, nearestCentre16, nearestCentres16x4, prepareCentres16, quantiseRows16, row16, rows16Begin, rows16Deviation, rows16End, rows16F64, rows16Grid, rows16Quantise, rows16Ready } from './clusterScreen16';

/**
 * f64 values of the `packed` scratch the assignment kernels take for `k` centres of `d` values
 * (the f32 screen of ./clusterScreen.ts: scaled centres, their norms and a staged row).
 */
export function cluster_packed_f64(k: i32, d: i32): i32 {
  return clusterScratchF64(k, d) + ((centres16Bytes(k, d) + 7) >> 3);
}

/** The int16 screen's centres area inside `packed` (after the f32 screen's scratch). */
@inline
function centres16Area(packed: usize, k: i32, d: i32): usize {
  return packed + (<usize>clusterScratchF64(k, d) << 3);
}

/** f64 values of the quantised-rows area of `cluster_quantise_rows` for `n` rows of `d` values. */
export function cluster_rows16_f64(n: i32, d: i32): i32 {
  return rows16F64(n, d);
}

/**
 * Quantises the `n` rows of `x` (`n x d`) once for the int16 screen of ./clusterScreen16.ts into
 * `q16` (`cluster_rows16_f64(n, d)` f64). Returns 1 when that screen applies (4 < d <= 64 and a
 * usable range), else 0 (then `cluster_assign_rows_q16` runs `cluster_assign_rows`).
 */
export function cluster_quantise_rows(x: usize, n: i32, d: i32, q16: usize): i32 {
  return quantiseRows16(x, n, d, q16) ? 1 : 0;
}

/**
 * `cluster_quantise_rows` in phases, for threads: `cluster_rows16_begin` (mu from a sample;
 * returns 0 when the screen cannot apply), `cluster_rows16_deviation` on any split of the rows
 * (each chunk's max deviation and sum of squares to its `out`, 2 f64), `cluster_rows16_grid`
 * with their max and sum (0: does not apply), `cluster_rows16_quantise` on any split, then
 * `cluster_rows16_end` (1 when `q16` is usable). The same rows area as `cluster_quantise_rows`.
 */
export function cluster_rows16_begin(x: usize, n: i32, d: i32, q16: usize): i32 {
  return rows16Begin(x, n, d, q16) ? 1 : 0;
}

/** Phase 2 of the threaded quantisation (rows lo..hi-1; see `cluster_rows16_begin`). */
export function cluster_rows16_deviation(x: usize, d: i32, lo: i32, hi: i32, q16: usize, out: usize): void {
  rows16Deviation(x, d, lo, hi, q16, out);
}

/** Phase 3 of the threaded quantisation (see `cluster_rows16_begin`). */
export function cluster_rows16_grid(q16: usize, n: i32, d: i32, m: f64, sq: f64): i32 {
  return rows16Grid(q16, n, d, m, sq) ? 1 : 0;
}

/** Phase 4 of the threaded quantisation (rows lo..hi-1; see `cluster_rows16_begin`). */
export function cluster_rows16_quantise(x: usize, d: i32, lo: i32, hi: i32, q16: usize): void {
  rows16Quantise(x, d, lo, hi, q16);
}

/** Phase 5 of the threaded quantisation: 1 when the rows area is usable. */
export function cluster_rows16_end(q16: usize): i32 {
  return rows16End(q16) ? 1 : 0;
}

/**
 * `cluster_assign_rows` with the int16 screen: `q16` holds the rows of `x` quantised by
 * `cluster_quantise_rows` (or is 0). With `prepare` 1 the centres are quantised on the same grid
 * (or, when one falls outside it, the f32 screen is prepared instead); 0 reuses what an earlier
 * call prepared in `packed` for the same centres. Same results as `cluster_assign_rows`, bit for
 * bit. Returns 1 when the int16 screen was used.
 */
export function cluster_assign_rows_q16(x: usize, d: i32, batch: usize, lo: i32, hi: i32, centers: usize, k: i32, labels: usize, d2: usize, packed: usize, prepare: i32, q16: usize): i32 {
  if (q16 == 0 || !rows16Ready(q16)) {
    cluster_assign_rows(x, d, batch, lo, hi, centers, k, labels, d2, packed, prepare);
    return 0;
  }
  const a = centres16Area(packed, k, d);
  if (prepare != 0 && !prepareCentres16(centers, k, d, q16, a)) prepareCentres(centers, k, d, packed);
  if (!centres16Ready(a)) {
    cluster_assign_rows(x, d, batch, lo, hi, centers, k, labels, d2, packed, 0);
    return 0;
  }
  const rowBytes = <usize>d << 3;
  if (batch != 0) touchRows(x, rowBytes, batch, lo, hi, q16, d);
  if (k >= 2 && k <= MAX_K4) {
    for (let i = lo; i < hi; i += 4) {
      const nr = min(4, hi - i);
      const r0 = batch != 0 ? load<i32>(batch + (<usize>i << 2)) : i;
      const r1 = nr > 1 ? (batch != 0 ? load<i32>(batch + (<usize>(i + 1) << 2)) : i + 1) : r0;
      const r2 = nr > 2 ? (batch != 0 ? load<i32>(batch + (<usize>(i + 2) << 2)) : i + 2) : r0;
      const r3 = nr > 3 ? (batch != 0 ? load<i32>(batch + (<usize>(i + 3) << 2)) : i + 3) : r0;
      nearestCentres16x4(x, d, r0, r1, r2, r3, nr, centers, k, q16, a, labels + (<usize>i << 2), d2 + (<usize>i << 3));
    }
    return 1;
  }
  for (let i = lo; i < hi; i++) {
    const r = batch != 0 ? load<i32>(batch + (<usize>i << 2)) : i;
    nearestCentre16(row16(q16, d, r), x + <usize>r * rowBytes, centers, k, d, q16, a, labels + (<usize>i << 2), d2 + (<usize>i << 3));
  }
  return 1;
}

/**
 * Loads one byte of every cache line of the listed rows (their f64 values and their int16 copy)
 * in a tight loop with no dependence between rows, so the memory system fetches many rows at
 * once; the screen and the centre update that follow then find them in cache. (MiniBatchKMeans
 * at 50,000 x 20 on one thread, with another process streaming through memory on the other
 * core: median 18.2-18.5 -> 16.0-16.2 ms; unchanged on a quiet machine.)
 */
function touchRows(x: usize, rowBytes: usize, batch: usize, lo: i32, hi: i32, q16: usize, d: i32): void {
  let sink: u32 = 0;
  for (let i = lo; i < hi; i++) {
    const r = load<i32>(batch + (<usize>i << 2));
    const p = x + <usize>r * rowBytes;
    for (let o: usize = 0; o < rowBytes; o += 64) sink += load<u8>(p + o);
    sink += load<u8>(p + rowBytes - 1);
    sink += load<u8>(row16(q16, d, r));
  }
  touchSink = sink;
}
let touchSink: u32 = 0;

/** Adds the row to its centre's sum and count. */
@inline
function accumulate(row: usize, c: i32, d: i32, sums: usize, counts: usize): void {
  const s = sums + <usize>c * (<usize>d << 3);
  // two dimensions per f64x2 add: each sum still adds its rows one by one, in order
  let t = 0;
  for (; t + 2 <= d; t += 2) {
    const off = <usize>t << 3;
    v128.store(s + off, f64x2.add(v128.load(s + off), v128.load(row + off)));
  }
  if (t < d) {
    const off = <usize>t << 3;
    store<f64>(s + off, load<f64>(s + off) + load<f64>(row + off));
  }
  const cp = counts + (<usize>c << 3);
  store<f64>(cp, load<f64>(cp) + 1.0);
}

/** Address of row `i` of a row list: `batch[i]` (int32 indices into `x`), or row `i` itself when `batch` is 0. */
@inline
function rowAt(x: usize, rowBytes: usize, batch: usize, i: i32): usize {
  return batch != 0 ? x + <usize>load<i32>(batch + (<usize>i << 2)) * rowBytes : x + <usize>i * rowBytes;
}

/**
 * Assigns the entries `lo..hi-1` of a row list to their nearest of the `k` centres: entry `i` is
 * row `batch[i]` of `x` (int32 indices), or row `i` when `batch` is 0; its label (int32) goes to
 * `labels[i]` and its squared distance (f64) to `d2[i]`. Each entry's result depends only on its
 * row and the centres, so any split of a list into calls gives the same values (threads take
 * chunks of one list). `packed`: `cluster_packed_f64(k, d)` f64 of scratch, prepared for these
 * centres when `prepare` is 1; 0 reuses what an earlier call prepared in it for the same centres.
 */
export function cluster_assign_rows(x: usize, d: i32, batch: usize, lo: i32, hi: i32, centers: usize, k: i32, labels: usize, d2: usize, packed: usize, prepare: i32): void {
  if (prepare != 0) prepareCentres(centers, k, d, packed);
  const rowBytes = <usize>d << 3;
  if (useFour(packed, k, d)) {
    for (let i = lo; i < hi; i += 4) {
      const nr = min(4, hi - i);
      const r0 = rowAt(x, rowBytes, batch, i);
      const r1 = nr > 1 ? rowAt(x, rowBytes, batch, i + 1) : r0;
      const r2 = nr > 2 ? rowAt(x, rowBytes, batch, i + 2) : r0;
      const r3 = nr > 3 ? rowAt(x, rowBytes, batch, i + 3) : r0;
      nearestCentres4(r0, r1, r2, r3, nr, centers, k, d, packed);
      for (let q = 0; q < nr; q++) {
        store<i32>(labels + (<usize>(i + q) << 2), fourIndex(packed, k, d, q));
        store<f64>(d2 + (<usize>(i + q) << 3), fourDist(packed, k, d, q));
      }
    }
    return;
  }
  for (let i = lo; i < hi; i++) {
    nearestCentre(rowAt(x, rowBytes, batch, i), centers, k, d, packed);
    store<i32>(labels + (<usize>i << 2), nearestIndex);
    store<f64>(d2 + (<usize>i << 3), nearestDist);
  }
}

/** Copies `n` labels (i32) and squared distances (f64) of an assignment: a pool worker's chunk, from its scratch to the output. */
export function cluster_copy_assigned(labelsDst: usize, d2Dst: usize, labelsSrc: usize, d2Src: usize, n: i32): void {
  memory.copy(labelsDst, labelsSrc, <usize>n << 2);
  memory.copy(d2Dst, d2Src, <usize>n << 3);
}

/** Sum of the `n` f64 at `v`, in order (the inertia of `d2`: the same bits as adding while assigning). */
export function cluster_sum(v: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += load<f64>(v + (<usize>i << 3));
  return s;
}

/**
 * Assigns each of the `n` rows of `x` (`n x d`) to its nearest of the `k` centres: labels (int32)
 * to `labels`, squared distances (f64) to `d2`. `packed`: `cluster_packed_f64(k, d)` f64 of
 * scratch. Returns the inertia (sum of `d2`, in row order).
 */
export function cluster_assign(x: usize, n: i32, d: i32, centers: usize, k: i32, labels: usize, d2: usize, packed: usize): f64 {
  cluster_assign_rows(x, d, 0, 0, n, centers, k, labels, d2, packed, 1);
  return cluster_sum(d2, n);
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
  prepareCentres(centers, k, d, packed);
  let changed = 0;
  let inertia: f64 = 0;
  const four = useFour(packed, k, d);
  for (let i = 0; i < n; i += 4) {
    const nr = min(4, n - i);
    const r0 = x + <usize>i * rowBytes;
    if (four) nearestCentres4(r0, nr > 1 ? r0 + rowBytes : r0, nr > 2 ? r0 + 2 * rowBytes : r0, nr > 3 ? r0 + 3 * rowBytes : r0, nr, centers, k, d, packed);
    for (let q = 0; q < nr; q++) {
      const row = r0 + <usize>q * rowBytes;
      let c = 0;
      let e: f64 = 0;
      if (four) {
        c = fourIndex(packed, k, d, q);
        e = fourDist(packed, k, d, q);
      } else {
        nearestCentre(row, centers, k, d, packed);
        c = nearestIndex;
        e = nearestDist;
      }
      store<f64>(d2 + (<usize>(i + q) << 3), e);
      inertia += e;
      const lp = labels + (<usize>(i + q) << 2);
      if (load<i32>(lp) != c) changed++;
      store<i32>(lp, c);
      accumulate(row, c, d, sums, counts);
    }
  }
  store<f64>(inertiaOut, inertia);
  return changed;
}

/**
 * `cluster_lloyd_step` with the int16 screen on the rows of `x` quantised into `q16` by
 * `cluster_quantise_rows` (or 0): the assignment by `cluster_assign_rows_q16` (new labels to
 * `scratchLabels`, `n` int32), then the changed count, inertia, sums and counts in row order.
 * The same results as `cluster_lloyd_step`, bit for bit.
 */
export function cluster_lloyd_step_q16(x: usize, n: i32, d: i32, centers: usize, k: i32, labels: usize, d2: usize, sums: usize, counts: usize, inertiaOut: usize, packed: usize, q16: usize, scratchLabels: usize): i32 {
  if (q16 == 0 || !rows16Ready(q16)) return cluster_lloyd_step(x, n, d, centers, k, labels, d2, sums, counts, inertiaOut, packed);
  const rowBytes = <usize>d << 3;
  cluster_assign_rows_q16(x, d, 0, 0, n, centers, k, scratchLabels, d2, packed, 1, q16);
  memory.fill(sums, 0, <usize>k * rowBytes);
  memory.fill(counts, 0, <usize>k << 3);
  let changed = 0;
  let inertia: f64 = 0;
  for (let i = 0; i < n; i++) {
    const c = load<i32>(scratchLabels + (<usize>i << 2));
    inertia += load<f64>(d2 + (<usize>i << 3));
    const lp = labels + (<usize>i << 2);
    if (load<i32>(lp) != c) changed++;
    store<i32>(lp, c);
    accumulate(x + <usize>i * rowBytes, c, d, sums, counts);
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
  cluster_assign_rows(x, d, batch, 0, m, centers, k, labels, d2, packed, 1);
  return cluster_minibatch_update(x, d, batch, m, centers, k, weightSums, labels, d2, sums, counts);
}

/**
 * The centre update of `cluster_minibatch_step` for a batch already assigned (`labels`, `d2` of
 * its `m` rows, e.g. by threads running `cluster_assign_rows`): sums and counts in batch order,
 * then each centre that got rows moves to `(old * w + sum) / (w + m)`. Returns the batch inertia
 * (`d2` summed in batch order).
 */
export function cluster_minibatch_update(x: usize, d: i32, batch: usize, m: i32, centers: usize, k: i32, weightSums: usize, labels: usize, d2: usize, sums: usize, counts: usize): f64 {
  const rowBytes = <usize>d << 3;
  memory.fill(sums, 0, <usize>k * rowBytes);
  memory.fill(counts, 0, <usize>k << 3);
  for (let i = 0; i < m; i++) {
    accumulate(x + <usize>load<i32>(batch + (<usize>i << 2)) * rowBytes, load<i32>(labels + (<usize>i << 2)), d, sums, counts);
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
  return cluster_sum(d2, m);
}

/**
 * k-means++ candidates: for each of the `nc` (1..4) candidate rows `cands` (int32 row indices),
 * `out_c[i] = min(closest[i], |x_i - x_cand|^2)` for the `n` rows of `x` (at `outs + c n`, f64)
 * and its potential `sum(out_c)` in row order (to `pots[c]`). One pass over the rows: each row
 * is loaded once for all candidates.
 */
export function cluster_pp_candidates(x: usize, n: i32, d: i32, cands: usize, nc: i32, closest: usize, outs: usize, pots: usize): void {
  const rowBytes = <usize>d << 3;
  const outBytes = <usize>n << 3;
  const c0 = x + <usize>load<i32>(cands) * rowBytes;
  const c1 = nc > 1 ? x + <usize>load<i32>(cands, 4) * rowBytes : c0;
  const c2 = nc > 2 ? x + <usize>load<i32>(cands, 8) * rowBytes : c0;
  const c3 = nc > 3 ? x + <usize>load<i32>(cands, 12) * rowBytes : c0;
  let p0: f64 = 0, p1: f64 = 0, p2: f64 = 0, p3: f64 = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    // two rows in the lanes, four candidates: each lane is exactSq's left-to-right sum
    const r = x + <usize>i * rowBytes;
    let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0), a2 = f64x2.splat(0.0), a3 = f64x2.splat(0.0);
    for (let t = 0; t < d; t++) {
      const o = <usize>t << 3;
      const xv = v128.load64_lane(r + rowBytes + o, v128.load64_zero(r + o), 1);
      const u0 = f64x2.sub(xv, v128.load64_splat(c0 + o));
      const u1 = f64x2.sub(xv, v128.load64_splat(c1 + o));
      const u2 = f64x2.sub(xv, v128.load64_splat(c2 + o));
      const u3 = f64x2.sub(xv, v128.load64_splat(c3 + o));
      a0 = f64x2.add(a0, f64x2.mul(u0, u0));
      a1 = f64x2.add(a1, f64x2.mul(u1, u1));
      a2 = f64x2.add(a2, f64x2.mul(u2, u2));
      a3 = f64x2.add(a3, f64x2.mul(u3, u3));
    }
    const o = <usize>i << 3;
    const cl = v128.load(closest + o);
    const m0 = f64x2.pmin(cl, a0);
    v128.store(outs + o, m0);
    p0 += f64x2.extract_lane(m0, 0);
    p0 += f64x2.extract_lane(m0, 1);
    if (nc > 1) {
      const m1 = f64x2.pmin(cl, a1);
      v128.store(outs + outBytes + o, m1);
      p1 += f64x2.extract_lane(m1, 0);
      p1 += f64x2.extract_lane(m1, 1);
    }
    if (nc > 2) {
      const m2 = f64x2.pmin(cl, a2);
      v128.store(outs + 2 * outBytes + o, m2);
      p2 += f64x2.extract_lane(m2, 0);
      p2 += f64x2.extract_lane(m2, 1);
    }
    if (nc > 3) {
      const m3 = f64x2.pmin(cl, a3);
      v128.store(outs + 3 * outBytes + o, m3);
      p3 += f64x2.extract_lane(m3, 0);
      p3 += f64x2.extract_lane(m3, 1);
    }
  }
  if (i < n) {
    const r = x + <usize>i * rowBytes;
    const old = load<f64>(closest + (<usize>i << 3));
    for (let c = 0; c < nc; c++) {
      const v = exactSq(r, c == 0 ? c0 : c == 1 ? c1 : c == 2 ? c2 : c3, d);
      const m = v < old ? v : old;
      store<f64>(outs + <usize>c * outBytes + (<usize>i << 3), m);
      if (c == 0) p0 += m; else if (c == 1) p1 += m; else if (c == 2) p2 += m; else p3 += m;
    }
  }
  store<f64>(pots, p0);
  if (nc > 1) store<f64>(pots, p1, 8);
  if (nc > 2) store<f64>(pots, p2, 16);
  if (nc > 3) store<f64>(pots, p3, 24);
}

/** Squared distances of the `n` rows of `x` to the row `p` (`d` values): to `out`; returns their sum (in row order). */
export function cluster_sq_dist_to(x: usize, n: i32, d: i32, p: usize, out: usize): f64 {
  const rowBytes = <usize>d << 3;
  let s: f64 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r = x + <usize>i * rowBytes;
    exactSq4(r, r + rowBytes, r + 2 * rowBytes, r + 3 * rowBytes, p, p, p, p, d);
    const o = <usize>i << 3;
    v128.store(out + o, gE0);
    v128.store(out + o + 16, gE1);
    s += f64x2.extract_lane(gE0, 0);
    s += f64x2.extract_lane(gE0, 1);
    s += f64x2.extract_lane(gE1, 0);
    s += f64x2.extract_lane(gE1, 1);
  }
  for (; i < n; i++) {
    const v = exactSq(x + <usize>i * rowBytes, p, d);
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
    for (let j = i + 1; j < n; j++) s += Math.sqrt(exactSq(a, x + <usize>j * rowBytes, d));
  }
  return 2 * s;
}

