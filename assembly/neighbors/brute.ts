// Exact k-nearest neighbours by blocked brute force with SIMD (f64x2), for high dimension.
// The fit rows are packed in pairs, dimension-interleaved ([x_2p[t], x_2p+1[t]] per v128), so a
// lane sums (q[t] - x[t])^2 over t left to right exactly like a scalar loop: the distances are
// bit-identical to the direct formula (no |q|^2 - 2 q.x + |x|^2 cancellation). Two queries and
// two pairs are processed together (four independent sums); blocks of fit pairs stay in cache
// while every query passes over them, and each query keeps a bounded heap (./heap.ts) in its
// own output row, so selection is partial and allocation-free. (An early exit of the sums once
// all four exceed their queries' k-th distances was measured 12% slower at d = 8 and 20.)
//
// Buffers: `pairs` ((nFit + 1) >> 1) * d * 2 f64, caller-given scratch.
//
// `knn_brute` (the one used) screens with a cheaper expansion first (see its comment below):
// in float32 on centred rows (./screen32.ts) when it can, else in float64 (here).

import { packRowPairs, pairDists2x2, pdA0, pdA1, pdB0, pdB1 } from './pairs';
import { EMPTY_INDEX, heapReset, heapOffer, heapFinish } from './heap';
import {
  bruteQueries32, bruteSelf32, exactSq, prepare32, scratchData, scratchF32Bytes, scratchHeadBytes, screenIsF32,
} from './screen32';
import { bruteQueries16, prepare16, screenIsI16 } from './screen16';

/**
 * f64 values the `pairs` scratch buffer of `knn_brute` (and `knn_brute_direct`) needs: a header
 * (the f32 screen's centre, staged queries and rounded-up roots, ./screen32.ts), then either the
 * f32 packing or the f64 one (the rows padded with zero rows to a multiple of 4, then one squared
 * norm per packed row), whichever is larger.
 */
export function knn_brute_scratch_f64(nFit: i32, d: i32): i32 {
  const padded = ((nFit + 3) >> 2) << 2;
  const f64Bytes = (padded * d + padded) << 3;
  const f32Bytes = scratchF32Bytes(nFit, d);
  return (scratchHeadBytes(nFit, d) + max(f64Bytes, f32Bytes) + 7) >> 3;
}

/** The screen the last `knn_brute` on scratch `pairs` chose: 0 float64, 1 float32, 2 int16 (tests). */
export function knn_brute_screen_mode(pairs: usize): i32 {
  return screenIsI16(pairs) ? 2 : screenIsF32(pairs) ? 1 : 0;
}

/** 1 when the last packing of scratch `pairs` by `knn_brute` chose the float32 screen (tests). */
export function knn_brute_screen_f32(pairs: usize): i32 {
  return screenIsF32(pairs) ? 1 : 0;
}

/** Packs fit rows into dimension-interleaved pairs (an odd last row is paired with zeros). */
function packPairs(fit: usize, n: i32, d: i32, pairs: usize): void {
  packRowPairs(fit, n, d, pairs, (n + 1) >> 1);
}

@inline
function offerLane(outD: usize, outI: usize, k: i32, v: f64, j: i32, n: i32, skip: i32): void {
  if (v <= load<f64>(outD) && j < n && j != skip) heapOffer(outD, outI, k, v, j);
}

/** Squared distances of one query to the two rows of pair `p`. */
@inline
function pairDist(q: usize, pp: usize, d: i32): v128 {
  let acc = f64x2.splat(0.0);
  for (let t = 0; t < d; t++) {
    const diff = f64x2.sub(v128.load64_splat(q + (<usize>t << 3)), v128.load(pp + (<usize>t << 4)));
    acc = f64x2.add(acc, f64x2.mul(diff, diff));
  }
  return acc;
}

/** Block size in pairs: about 64 KiB of packed fit rows. */
@inline
function blockPairs(d: i32): i32 {
  const b = 4096 / d;
  return b < 16 ? 16 : (b & ~1);
}

/**
 * The direct brute force: every distance by the left-to-right sum (the reference `knn_brute`
 * must equal bit for bit). Same contract and scratch as `knn_brute`.
 */
export function knn_brute_direct(
  fit: usize, nFit: i32, d: i32, query: usize, nQuery: i32, k: i32, excludeSelf: i32,
  outIdx: usize, outDist: usize, pairs: usize,
): void {
  if (query == 0) {
    query = fit;
    nQuery = nFit;
  }
  packPairs(fit, nFit, d, pairs);
  for (let i = 0; i < nQuery; i++) {
    const row = <usize>i * <usize>k;
    heapReset(outDist + (row << 3), outIdx + (row << 2), k);
  }
  const nPairs = (nFit + 1) >> 1;
  const bp = blockPairs(d);
  const pairBytes = <usize>d << 4;
  const rowBytes = <usize>d << 3;
  for (let p0 = 0; p0 < nPairs; p0 += bp) {
    const p1 = min(p0 + bp, nPairs);
    let i = 0;
    for (; i + 1 < nQuery; i += 2) {
      const qa = query + <usize>i * rowBytes;
      const qb = qa + rowBytes;
      const rowA = <usize>i * <usize>k;
      const rowB = rowA + <usize>k;
      const dA = outDist + (rowA << 3), iA = outIdx + (rowA << 2);
      const dB = outDist + (rowB << 3), iB = outIdx + (rowB << 2);
      const skipA = excludeSelf ? i : -1;
      const skipB = excludeSelf ? i + 1 : -1;
      let p = p0;
      for (; p + 1 < p1; p += 2) {
        const pp0 = pairs + <usize>p * pairBytes;
        const pp1 = pp0 + pairBytes;
        pairDists2x2(qa, qb, pp0, pp1, d);
        const a0 = pdA0, a1 = pdA1, b0 = pdB0, b1 = pdB1;
        const j = 2 * p;
        offerLane(dA, iA, k, f64x2.extract_lane(a0, 0), j, nFit, skipA);
        offerLane(dA, iA, k, f64x2.extract_lane(a0, 1), j + 1, nFit, skipA);
        offerLane(dA, iA, k, f64x2.extract_lane(a1, 0), j + 2, nFit, skipA);
        offerLane(dA, iA, k, f64x2.extract_lane(a1, 1), j + 3, nFit, skipA);
        offerLane(dB, iB, k, f64x2.extract_lane(b0, 0), j, nFit, skipB);
        offerLane(dB, iB, k, f64x2.extract_lane(b0, 1), j + 1, nFit, skipB);
        offerLane(dB, iB, k, f64x2.extract_lane(b1, 0), j + 2, nFit, skipB);
        offerLane(dB, iB, k, f64x2.extract_lane(b1, 1), j + 3, nFit, skipB);
      }
      for (; p < p1; p++) {
        const pp = pairs + <usize>p * pairBytes;
        const a = pairDist(qa, pp, d);
        const b = pairDist(qb, pp, d);
        offerLane(dA, iA, k, f64x2.extract_lane(a, 0), 2 * p, nFit, skipA);
        offerLane(dA, iA, k, f64x2.extract_lane(a, 1), 2 * p + 1, nFit, skipA);
        offerLane(dB, iB, k, f64x2.extract_lane(b, 0), 2 * p, nFit, skipB);
        offerLane(dB, iB, k, f64x2.extract_lane(b, 1), 2 * p + 1, nFit, skipB);
      }
    }
    if (i < nQuery) {
      const qa = query + <usize>i * rowBytes;
      const rowA = <usize>i * <usize>k;
      const dA = outDist + (rowA << 3), iA = outIdx + (rowA << 2);
      const skipA = excludeSelf ? i : -1;
      for (let p = p0; p < p1; p++) {
        const a = pairDist(qa, pairs + <usize>p * pairBytes, d);
        offerLane(dA, iA, k, f64x2.extract_lane(a, 0), 2 * p, nFit, skipA);
        offerLane(dA, iA, k, f64x2.extract_lane(a, 1), 2 * p + 1, nFit, skipA);
      }
    }
  }
  for (let i = 0; i < nQuery; i++) {
    const row = <usize>i * <usize>k;
    heapFinish(outDist + (row << 3), outIdx + (row << 2), k);
  }
}

// ---------------------------------------------------------------------------------------------
// Screened brute force: the same result as `knn_brute_direct`, bit for bit; measured at
// 50,000 x 20, k = 6: 4.5 s instead of 6.5 s for separate queries, 3.1 s for self queries
// (symmetric: each pair of rows is screened once, see `bruteSelf`). That is the f64 screen below,
// now the fallback: `knn_brute` screens in f32 (./screen32.ts, its own bound) whenever the fit
// rows' mean is finite: 1.2 s for those self queries, and 49,500 queries against 500 rows at
// k = 3 in 40 ms instead of 79 ms.
//
// Screening: a = (|q|^2 + |x|^2) - 2 q.x costs one multiply-add per dimension (no subtraction)
// and its dot products run in a 4-query x 4-row register block (8 f64x2 accumulators, every
// packed fit value loaded once per 4 queries). A fit row can only enter a query's heap when its
// exact squared distance e (the left-to-right sum of (q_t - x_t)^2) is <= the heap's root, so
// it is skipped when a - B > root with B >= |a - e|; the others are re-ranked with e itself,
// which keeps distances and ties identical to the direct loop (the heap's result is the k
// smallest (e, index) pairs, whatever the order they are offered in).
//
// The bound B (u = 2^-53, Q = sum q_t^2, X = sum x_t^2, D the exact real distance; standard
// recursive-summation bounds, first order in u):
//   |fl(|q|^2) - Q| <= d u Q,  |fl(|x|^2) - X| <= d u X,  |fl(q.x) - q.x| <= d u (Q + X) / 2
//   s = fl(|q|^2 + |x|^2), a = fl(s - 2 fl(q.x))  =>  |a - D| <= (2d + 3) u (Q + X)
//   e: each term has 3 roundings, the sum d - 1  =>  |e - D| <= (d + 2) u D <= 2 (d + 2) u (Q + X)
//   so |a - e| <= (4d + 7) u (Q + X).
// We use B = (8d + 32) u s + 2^-960 (c = (4d + 16) eps): twice the first-order bound, which
// absorbs the second-order terms, s vs Q + X and the rounding of a - B itself; the absolute
// term covers underflow (every gradual-underflow error is <= 2^-1075 per operation). When
// |q|^2 + |x|^2 overflows, s = B = inf and a - B is inf - inf = NaN or -inf: the row is
// re-ranked, as it is for any NaN (the test is written !(a - B > root)).

/** 2^-52, the float64 machine epsilon. */
const EPS: f64 = 2.220446049250313e-16;
/** Absolute slack of the screening bound (covers underflow). */
const TINY: f64 = 1.0e-289;

/** Squared norms of the packed rows (padding rows: 0), stored after the packed pairs. */
function packNorms(pairs: usize, nPairs: i32, d: i32, norms: usize): void {
  for (let p = 0; p < nPairs; p++) {
    const pp = pairs + ((<usize>p * <usize>d) << 4);
    let acc = f64x2.splat(0.0);
    for (let t = 0; t < d; t++) {
      const v = v128.load(pp + (<usize>t << 4));
      acc = f64x2.add(acc, f64x2.mul(v, v));
    }
    v128.store(norms + (<usize>p << 4), acc);
  }
}

/** Squared norm of one query row, accumulated in the same order as the fit norms. */
@inline
function rowNorm(q: usize, d: i32): f64 {
  let s = 0.0;
  for (let t = 0; t < d; t++) {
    const v = load<f64>(q + (<usize>t << 3));
    s += v * v;
  }
  return s;
}

/** Re-ranks fit row j for one query when its screened value `v` (a - B) does not exclude it. */
@inline
function screenLane(
  v: f64, q: usize, fit: usize, d: i32, j: i32, n: i32, skip: i32, outD: usize, outI: usize, k: i32,
): void {
  if (!(v > load<f64>(outD)) && j < n && j != skip) {
    const e = exactSq(q, fit + ((<usize>j * <usize>d) << 3), d);
    if (e <= load<f64>(outD)) heapOffer(outD, outI, k, e, j);
  }
}

/** Screens the four rows of a 4-row block for one query (`acc0`, `acc1`: its dot products). */
@inline
function screenQuery(
  acc0: v128, acc1: v128, qn: f64, xn0: v128, xn1: v128, coef: f64,
  q: usize, fit: usize, d: i32, j: i32, n: i32, skip: i32, outD: usize, outI: usize, k: i32,
): void {
  const qv = f64x2.splat(qn);
  const s0 = f64x2.add(qv, xn0);
  const s1 = f64x2.add(qv, xn1);
  const c = f64x2.splat(coef);
  const tiny = f64x2.splat(TINY);
  const two = f64x2.splat(2.0);
  // v = (s - 2 q.x) - (coef * s + tiny)
  const v0 = f64x2.sub(f64x2.sub(s0, f64x2.mul(two, acc0)), f64x2.add(f64x2.mul(c, s0), tiny));
  const v1 = f64x2.sub(f64x2.sub(s1, f64x2.mul(two, acc1)), f64x2.add(f64x2.mul(c, s1), tiny));
  const root = f64x2.splat(load<f64>(outD));
  const out = v128.and(f64x2.gt(v0, root), f64x2.gt(v1, root));
  if (v128.all_true<i64>(out)) return; // the common case: all four rows excluded
  screenLane(f64x2.extract_lane(v0, 0), q, fit, d, j, n, skip, outD, outI, k);
  screenLane(f64x2.extract_lane(v0, 1), q, fit, d, j + 1, n, skip, outD, outI, k);
  screenLane(f64x2.extract_lane(v1, 0), q, fit, d, j + 2, n, skip, outD, outI, k);
  screenLane(f64x2.extract_lane(v1, 1), q, fit, d, j + 3, n, skip, outD, outI, k);
}

/** Direct (unscreened) distances of one query to the pairs [p0, p1) of the packed fit rows. */
function directRange(
  q: usize, pairs: usize, p0: i32, p1: i32, d: i32, n: i32, skip: i32, outD: usize, outI: usize, k: i32,
): void {
  const pairBytes = <usize>d << 4;
  for (let p = p0; p < p1; p++) {
    const a = pairDist(q, pairs + <usize>p * pairBytes, d);
    offerLane(outD, outI, k, f64x2.extract_lane(a, 0), 2 * p, n, skip);
    offerLane(outD, outI, k, f64x2.extract_lane(a, 1), 2 * p + 1, n, skip);
  }
}

/**
 * k nearest fit rows of each query row (`query` = 0: the fit rows themselves). With
 * `excludeSelf`, query i never gets fit row i (only that row, not its duplicates). Writes
 * nQuery x k indices (i32) and distances (f64), nearest first, ties by smaller index.
 * Screens with |q|^2 + |x|^2 - 2 q.x under a rigorous rounding bound and re-ranks the
 * survivors with the direct sum: the output equals `knn_brute_direct`'s bit for bit.
 * `pairs`: `knn_brute_scratch_f64(nFit, d)` f64 of caller-given scratch.
 */
export function knn_brute(
  fit: usize, nFit: i32, d: i32, query: usize, nQuery: i32, k: i32, excludeSelf: i32,
  outIdx: usize, outDist: usize, pairs: usize,
): void {
  const selfQuery = query == 0 || (query == fit && nQuery == nFit);
  if (selfQuery) {
    knn_brute_self_prepare(fit, nFit, d, k, outIdx, outDist, pairs);
    knn_brute_self_groups(fit, nFit, d, k, excludeSelf, outIdx, outDist, pairs, 0, (nFit + 3) >> 2);
  } else {
    knn_brute_heaps(fit, nFit, d, query, nQuery, k, excludeSelf, outIdx, outDist, pairs);
  }
  knn_brute_finish(outIdx, outDist, nQuery, k);
}

/**
 * `knn_brute` for separate queries, stopping before `knn_brute_finish`: the output rows are
 * heaps of (squared distance, fit-row index) (./heap.ts), in the order `knn_brute_finish` and
 * `par_knn_merge_heaps` take. Threads split a search over ranges of fit rows with it.
 */
export function knn_brute_heaps(
  fit: usize, nFit: i32, d: i32, query: usize, nQuery: i32, k: i32, excludeSelf: i32,
  outIdx: usize, outDist: usize, pairs: usize,
): void {
  if (prepare16(fit, nFit, d, query, nQuery, pairs)) {
    for (let i = 0; i < nQuery; i++) {
      const row = <usize>i * <usize>k;
      heapReset(outDist + (row << 3), outIdx + (row << 2), k);
    }
    bruteQueries16(fit, nFit, d, query, nQuery, k, excludeSelf, outIdx, outDist, pairs);
    return;
  }
  const f32 = prepare32(fit, nFit, d, pairs);
  const data = scratchData(pairs, nFit, d);
  const norms = data + ((<usize>((nFit + 3) >> 2) * <usize>d) << 5);
  if (!f32) packAll(fit, nFit, d, data, norms);
  for (let i = 0; i < nQuery; i++) {
    const row = <usize>i * <usize>k;
    heapReset(outDist + (row << 3), outIdx + (row << 2), k);
  }
  if (f32) bruteQueries32(fit, nFit, d, query, nQuery, k, excludeSelf, outIdx, outDist, pairs);
  else bruteQueries(fit, nFit, d, query, nQuery, k, excludeSelf, outIdx, outDist, data, norms, <f64>(4 * d + 16) * EPS);
}

/**
 * Offers every entry of the heaps at srcIdx/srcDist (`knn_brute_heaps` over fit rows numbered
 * from 0) to the heaps at dstIdx/dstDist, adding `offset` to the indices; empty slots are
 * skipped. A heap keeps the k smallest (distance, index) pairs whatever their order, so heaps of
 * disjoint row ranges merge into the heaps of the whole search, bit for bit.
 */
export function par_knn_merge_heaps(dstIdx: usize, dstDist: usize, srcIdx: usize, srcDist: usize, nQuery: i32, k: i32, offset: i32): void {
  for (let i = 0; i < nQuery; i++) {
    const row = <usize>i * <usize>k;
    const dD = dstDist + (row << 3), dI = dstIdx + (row << 2);
    for (let j = 0; j < k; j++) {
      const id = load<i32>(srcIdx + ((row + <usize>j) << 2));
      if (id == EMPTY_INDEX) continue;
      const e = load<f64>(srcDist + ((row + <usize>j) << 3));
      if (e <= load<f64>(dD)) heapOffer(dD, dI, k, e, id + offset);
    }
  }
}

/** Packs the fit rows in pairs, a zero pair completing the last group of 4, and their squared norms. */
function packAll(fit: usize, nFit: i32, d: i32, pairs: usize, norms: usize): void {
  const nPairs = (nFit + 1) >> 1;
  const nGroups = (nFit + 3) >> 2;
  packPairs(fit, nFit, d, pairs);
  // the padding rows are never offered (j >= nFit)
  if (nGroups * 2 > nPairs) memory.fill(pairs + ((<usize>nPairs * <usize>d) << 4), 0, <usize>d << 4);
  packNorms(pairs, nGroups * 2, d, norms);
}

/**
 * Self queries in steps (what `knn_brute` does with `query` = 0), so that a caller can split one
 * long search into many calls: the engine then swaps in its optimised code between calls (V8
 * never replaces the baseline code of a call in progress: one 50,000-row call would run 3x
 * slower). First `knn_brute_self_prepare` (packs, resets the heaps), then
 * `knn_brute_self_groups` over consecutive ranges of 4-row groups covering [0, (nFit + 3) >> 2),
 * then `knn_brute_finish`. The scratch and outputs are those of `knn_brute`.
 */
export function knn_brute_self_prepare(fit: usize, nFit: i32, d: i32, k: i32, outIdx: usize, outDist: usize, pairs: usize): void {
  if (!prepare32(fit, nFit, d, pairs)) {
    const data = scratchData(pairs, nFit, d);
    packAll(fit, nFit, d, data, data + ((<usize>((nFit + 3) >> 2) * <usize>d) << 5));
  }
  for (let i = 0; i < nFit; i++) {
    const row = <usize>i * <usize>k;
    heapReset(outDist + (row << 3), outIdx + (row << 2), k);
  }
}

/** Screens the fit rows of groups [g0, g1) against every earlier or equal group (see `knn_brute_self_prepare`). */
export function knn_brute_self_groups(
  fit: usize, nFit: i32, d: i32, k: i32, excludeSelf: i32, outIdx: usize, outDist: usize, pairs: usize, g0: i32, g1: i32,
): void {
  const nGroups = (nFit + 3) >> 2;
  selfRange(fit, nFit, d, k, excludeSelf, outIdx, outDist, pairs, g0, min(g1, nGroups), 0, nGroups);
}

/**
 * One tile of a threaded self query (src/parallel/selfTiles.ts): the pairs of groups (g, h) with
 * g in [gLo, gHi), h in [hLo, hHi) and g <= h, offered to both rows' heaps as `knn_brute_self_groups`
 * does. Tiles that share no group may run at the same time on one set of heaps.
 */
export function knn_brute_self_tile(
  fit: usize, nFit: i32, d: i32, k: i32, excludeSelf: i32, outIdx: usize, outDist: usize, pairs: usize,
  gLo: i32, gHi: i32, hLo: i32, hHi: i32,
): void {
  const nGroups = (nFit + 3) >> 2;
  selfRange(fit, nFit, d, k, excludeSelf, outIdx, outDist, pairs, hLo, min(hHi, nGroups), gLo, min(gHi, nGroups));
}

/** Groups h in [gFrom, gTo) against g in [gLo, gHi), g <= h, with the screen `knn_brute_self_prepare` chose. */
function selfRange(
  fit: usize, nFit: i32, d: i32, k: i32, excludeSelf: i32, outIdx: usize, outDist: usize, pairs: usize,
  gFrom: i32, gTo: i32, gLo: i32, gHi: i32,
): void {
  if (screenIsF32(pairs)) {
    bruteSelf32(fit, nFit, d, k, excludeSelf, outIdx, outDist, pairs, gFrom, gTo, gLo, gHi);
    return;
  }
  const data = scratchData(pairs, nFit, d);
  const norms = data + ((<usize>((nFit + 3) >> 2) * <usize>d) << 5);
  bruteSelf(fit, nFit, d, k, excludeSelf, outIdx, outDist, data, norms, <f64>(4 * d + 16) * EPS, gFrom, gTo, gLo, gHi);
}

/** Sorts each of the `nQuery` heaps nearest first and takes square roots (the last step of `knn_brute`). */
export function knn_brute_finish(outIdx: usize, outDist: usize, nQuery: i32, k: i32): void {
  for (let i = 0; i < nQuery; i++) {
    const row = <usize>i * <usize>k;
    heapFinish(outDist + (row << 3), outIdx + (row << 2), k);
  }
}

// Results of dots4x4: four queries (a, b, c, e) x two packed pairs (0, 1); lanes = fit rows.
let gA0 = f64x2.splat(0.0); let gA1 = f64x2.splat(0.0); let gB0 = f64x2.splat(0.0); let gB1 = f64x2.splat(0.0);
let gC0 = f64x2.splat(0.0); let gC1 = f64x2.splat(0.0); let gE0 = f64x2.splat(0.0); let gE1 = f64x2.splat(0.0);

/**
 * Dot products of four query rows with the two packed pairs `pp0`, `pp1` (a 4 x 4 register
 * block: every packed value loaded once per 4 queries). Query value t of row `q` is at
 * q + (t << qShift): 3 for plain rows, 4 for rows taken from the packed pairs themselves.
 */
@inline
function dots4x4(qa: usize, qb: usize, qc: usize, qd: usize, qShift: i32, pp0: usize, pp1: usize, d: i32): void {
  let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0), b0 = f64x2.splat(0.0), b1 = f64x2.splat(0.0);
  let c0 = f64x2.splat(0.0), c1 = f64x2.splat(0.0), e0 = f64x2.splat(0.0), e1 = f64x2.splat(0.0);
  for (let t = 0; t < d; t++) {
    const o = <usize>t << qShift;
    const o2 = <usize>t << 4;
    const f0 = v128.load(pp0 + o2);
    const f1 = v128.load(pp1 + o2);
    const xa = v128.load64_splat(qa + o);
    a0 = f64x2.add(a0, f64x2.mul(xa, f0));
    a1 = f64x2.add(a1, f64x2.mul(xa, f1));
    const xb = v128.load64_splat(qb + o);
    b0 = f64x2.add(b0, f64x2.mul(xb, f0));
    b1 = f64x2.add(b1, f64x2.mul(xb, f1));
    const xc = v128.load64_splat(qc + o);
    c0 = f64x2.add(c0, f64x2.mul(xc, f0));
    c1 = f64x2.add(c1, f64x2.mul(xc, f1));
    const xd = v128.load64_splat(qd + o);
    e0 = f64x2.add(e0, f64x2.mul(xd, f0));
    e1 = f64x2.add(e1, f64x2.mul(xd, f1));
  }
  gA0 = a0; gA1 = a1; gB0 = b0; gB1 = b1; gC0 = c0; gC1 = c1; gE0 = e0; gE1 = e1;
}

/** Queries other than the fit rows: every (query, row) pair is screened once. */
function bruteQueries(
  fit: usize, nFit: i32, d: i32, query: usize, nQuery: i32, k: i32, excludeSelf: i32,
  outIdx: usize, outDist: usize, pairs: usize, norms: usize, coef: f64,
): void {
  const nPairs = (nFit + 1) >> 1;
  const bp = blockPairs(d);
  const pairBytes = <usize>d << 4;
  const rowBytes = <usize>d << 3;
  for (let p0 = 0; p0 < nPairs; p0 += bp) {
    const p1 = min(p0 + bp, nPairs);
    let i = 0;
    for (; i + 3 < nQuery; i += 4) {
      const qa = query + <usize>i * rowBytes;
      const qb = qa + rowBytes;
      const qc = qb + rowBytes;
      const qd = qc + rowBytes;
      const na = rowNorm(qa, d), nb = rowNorm(qb, d), nc = rowNorm(qc, d), nd = rowNorm(qd, d);
      const rowA = <usize>i * <usize>k;
      const dA = outDist + (rowA << 3), iA = outIdx + (rowA << 2);
      const dB = dA + (<usize>k << 3), iB = iA + (<usize>k << 2);
      const dC = dB + (<usize>k << 3), iC = iB + (<usize>k << 2);
      const dD = dC + (<usize>k << 3), iD = iC + (<usize>k << 2);
      const skip = excludeSelf ? i : -(1 << 30); // query i + m skips fit row skip + m
      let p = p0;
      for (; p + 1 < p1; p += 2) {
        const pp0 = pairs + <usize>p * pairBytes;
        const pp1 = pp0 + pairBytes;
        dots4x4(qa, qb, qc, qd, 3, pp0, pp1, d);
        const a0 = gA0, a1 = gA1, b0 = gB0, b1 = gB1, c0 = gC0, c1 = gC1, e0 = gE0, e1 = gE1;
        const j = 2 * p;
        const xn0 = v128.load(norms + (<usize>p << 4));
        const xn1 = v128.load(norms + (<usize>p << 4) + 16);
        screenQuery(a0, a1, na, xn0, xn1, coef, qa, fit, d, j, nFit, skip, dA, iA, k);
        screenQuery(b0, b1, nb, xn0, xn1, coef, qb, fit, d, j, nFit, skip + 1, dB, iB, k);
        screenQuery(c0, c1, nc, xn0, xn1, coef, qc, fit, d, j, nFit, skip + 2, dC, iC, k);
        screenQuery(e0, e1, nd, xn0, xn1, coef, qd, fit, d, j, nFit, skip + 3, dD, iD, k);
      }
      if (p < p1) {
        const s = excludeSelf ? i : -1;
        directRange(qa, pairs, p, p1, d, nFit, s, dA, iA, k);
        directRange(qb, pairs, p, p1, d, nFit, excludeSelf ? s + 1 : -1, dB, iB, k);
        directRange(qc, pairs, p, p1, d, nFit, excludeSelf ? s + 2 : -1, dC, iC, k);
        directRange(qd, pairs, p, p1, d, nFit, excludeSelf ? s + 3 : -1, dD, iD, k);
      }
    }
    for (; i < nQuery; i++) {
      const row = <usize>i * <usize>k;
      directRange(query + <usize>i * rowBytes, pairs, p0, p1, d, nFit, excludeSelf ? i : -1,
        outDist + (row << 3), outIdx + (row << 2), k);
    }
  }
}

/** The root (current k-th squared distance) of row `i`'s heap; -inf for a padding row (never offered). */
@inline
function rootOf(outDist: usize, i: i32, n: i32, k: i32): f64 {
  return i < n ? load<f64>(outDist + ((<usize>i * <usize>k) << 3)) : -Infinity;
}

/** Offers query row `i` to fit row `j`'s heap when lane value `v` does not exclude it (j, i < n). */
@inline
function screenBack(v: f64, fit: usize, d: i32, i: i32, j: i32, n: i32, outIdx: usize, outDist: usize, k: i32): void {
  if (i < n && j < n) {
    const row = <usize>j * <usize>k;
    screenLane(v, fit + ((<usize>j * <usize>d) << 3), fit, d, i, n, -1, outDist + (row << 3), outIdx + (row << 2), k);
  }
}

/** v = (s - 2 q.x) - (coef * s + tiny), s = |q|^2 + |x|^2: screened values of two rows. */
@inline
function screenValues(acc: v128, qn: f64, xn: v128, coef: f64): v128 {
  const s = f64x2.add(f64x2.splat(qn), xn);
  return f64x2.sub(f64x2.sub(s, f64x2.add(acc, acc)), f64x2.add(f64x2.mul(f64x2.splat(coef), s), f64x2.splat(TINY)));
}

/**
 * The fit rows queried with themselves: distances are symmetric (the screened value, e and the
 * tie rule are), so each pair of 4-row groups (g <= h) is computed once and offered to both
 * rows' heaps, halving the work. Groups are blocked by fit rows as in `bruteQueries`. Covers
 * h in [gFrom, gTo) against g in [gLo, gHi), g <= h.
 */
function bruteSelf(
  fit: usize, n: i32, d: i32, k: i32, excludeSelf: i32,
  outIdx: usize, outDist: usize, pairs: usize, norms: usize, coef: f64, gFrom: i32, gTo: i32, gLo: i32, gHi: i32,
): void {
  const groupBytes = <usize>d << 5;
  const pairBytes = <usize>d << 4;
  const bg = max(blockPairs(d) >> 1, 1);
  for (let h0 = gFrom; h0 < gTo; h0 += bg) {
    const h1 = min(h0 + bg, gTo);
    for (let g = gLo, gEnd = min(h1, gHi); g < gEnd; g++) {
      const i0 = 4 * g;
      const qa = pairs + <usize>g * groupBytes; // rows i0, i0 + 1 in lanes 0, 1
      const qc = qa + pairBytes;               // rows i0 + 2, i0 + 3
      const qn = v128.load(norms + (<usize>i0 << 3));
      const qn2 = v128.load(norms + (<usize>i0 << 3) + 16);
      const na = f64x2.extract_lane(qn, 0), nb = f64x2.extract_lane(qn, 1);
      const nc = f64x2.extract_lane(qn2, 0), nd = f64x2.extract_lane(qn2, 1);
      const rowA = <usize>i0 * <usize>k;
      const dA = outDist + (rowA << 3), iA = outIdx + (rowA << 2);
      const dB = dA + (<usize>k << 3), iB = iA + (<usize>k << 2);
      const dC = dB + (<usize>k << 3), iC = iB + (<usize>k << 2);
      const dD = dC + (<usize>k << 3), iD = iC + (<usize>k << 2);
      const skip = excludeSelf ? i0 : -(1 << 30);
      const fa = fit + ((<usize>i0 * <usize>d) << 3);
      const rowBytes = <usize>d << 3;
      for (let h = max(h0, g); h < h1; h++) {
        const pp0 = pairs + <usize>h * groupBytes;
        const pp1 = pp0 + pairBytes;
        dots4x4(qa, qa + 8, qc, qc + 8, 4, pp0, pp1, d);
        const a0 = gA0, a1 = gA1, b0 = gB0, b1 = gB1, c0 = gC0, c1 = gC1, e0 = gE0, e1 = gE1;
        const j = 4 * h;
        const xn0 = v128.load(norms + (<usize>j << 3));
        const xn1 = v128.load(norms + (<usize>j << 3) + 16);
        const va0 = screenValues(a0, na, xn0, coef), va1 = screenValues(a1, na, xn1, coef);
        const vb0 = screenValues(b0, nb, xn0, coef), vb1 = screenValues(b1, nb, xn1, coef);
        const vc0 = screenValues(c0, nc, xn0, coef), vc1 = screenValues(c1, nc, xn1, coef);
        const vd0 = screenValues(e0, nd, xn0, coef), vd1 = screenValues(e1, nd, xn1, coef);
        // query side: rows i0..i0+3 get candidates j..j+3
        if (i0 < n) screenPair(va0, va1, fa, fit, d, j, n, skip, dA, iA, k);
        if (i0 + 1 < n) screenPair(vb0, vb1, fa + rowBytes, fit, d, j, n, skip + 1, dB, iB, k);
        if (i0 + 2 < n) screenPair(vc0, vc1, fa + 2 * rowBytes, fit, d, j, n, skip + 2, dC, iC, k);
        if (i0 + 3 < n) screenPair(vd0, vd1, fa + 3 * rowBytes, fit, d, j, n, skip + 3, dD, iD, k);
        if (h == g) continue; // the diagonal block: its query side covered both directions
        // fit side: rows j..j+3 get candidates i0..i0+3 (padding rows have root -inf: excluded)
        const r01 = f64x2.replace_lane(f64x2.splat(rootOf(outDist, j, n, k)), 1, rootOf(outDist, j + 1, n, k));
        const r23 = f64x2.replace_lane(f64x2.splat(rootOf(outDist, j + 2, n, k)), 1, rootOf(outDist, j + 3, n, k));
        const out01 = v128.and(v128.and(f64x2.gt(va0, r01), f64x2.gt(vb0, r01)), v128.and(f64x2.gt(vc0, r01), f64x2.gt(vd0, r01)));
        const out23 = v128.and(v128.and(f64x2.gt(va1, r23), f64x2.gt(vb1, r23)), v128.and(f64x2.gt(vc1, r23), f64x2.gt(vd1, r23)));
        if (v128.all_true<i64>(v128.and(out01, out23))) continue;
        screenBack(f64x2.extract_lane(va0, 0), fit, d, i0, j, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vb0, 0), fit, d, i0 + 1, j, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vc0, 0), fit, d, i0 + 2, j, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vd0, 0), fit, d, i0 + 3, j, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(va0, 1), fit, d, i0, j + 1, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vb0, 1), fit, d, i0 + 1, j + 1, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vc0, 1), fit, d, i0 + 2, j + 1, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vd0, 1), fit, d, i0 + 3, j + 1, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(va1, 0), fit, d, i0, j + 2, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vb1, 0), fit, d, i0 + 1, j + 2, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vc1, 0), fit, d, i0 + 2, j + 2, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vd1, 0), fit, d, i0 + 3, j + 2, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(va1, 1), fit, d, i0, j + 3, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vb1, 1), fit, d, i0 + 1, j + 3, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vc1, 1), fit, d, i0 + 2, j + 3, n, outIdx, outDist, k);
        screenBack(f64x2.extract_lane(vd1, 1), fit, d, i0 + 3, j + 3, n, outIdx, outDist, k);
      }
    }
  }
}

/** Screens rows j..j+3 for one query from its screened values (`v0`: rows j, j+1; `v1`: j+2, j+3). */
@inline
function screenPair(
  v0: v128, v1: v128, q: usize, fit: usize, d: i32, j: i32, n: i32, skip: i32, outD: usize, outI: usize, k: i32,
): void {
  const root = f64x2.splat(load<f64>(outD));
  if (v128.all_true<i64>(v128.and(f64x2.gt(v0, root), f64x2.gt(v1, root)))) return;
  screenLane(f64x2.extract_lane(v0, 0), q, fit, d, j, n, skip, outD, outI, k);
  screenLane(f64x2.extract_lane(v0, 1), q, fit, d, j + 1, n, skip, outD, outI, k);
  screenLane(f64x2.extract_lane(v1, 0), q, fit, d, j + 2, n, skip, outD, outI, k);
  screenLane(f64x2.extract_lane(v1, 1), q, fit, d, j + 3, n, skip, outD, outI, k);
}
