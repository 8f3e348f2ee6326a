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

import { heapReset, heapOffer, heapFinish } from './heap';

/** f64 values the `pairs` scratch buffer of `knn_brute` needs. */
export function knn_brute_scratch_f64(nFit: i32, d: i32): i32 {
  return ((nFit + 1) >> 1) * d * 2;
}

/** Packs fit rows into dimension-interleaved pairs (an odd last row is paired with zeros). */
function packPairs(fit: usize, n: i32, d: i32, pairs: usize): void {
  const nPairs = (n + 1) >> 1;
  for (let p = 0; p < nPairs; p++) {
    const r0 = fit + ((<usize>(2 * p) * <usize>d) << 3);
    const has1 = 2 * p + 1 < n;
    const r1 = r0 + (<usize>d << 3);
    const dst = pairs + ((<usize>p * <usize>d) << 4);
    for (let t = 0; t < d; t++) {
      store<f64>(dst + (<usize>t << 4), load<f64>(r0 + (<usize>t << 3)));
      store<f64>(dst + (<usize>t << 4) + 8, has1 ? load<f64>(r1 + (<usize>t << 3)) : 0.0);
    }
  }
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
 * k nearest fit rows of each query row (`query` = 0: the fit rows themselves). With
 * `excludeSelf`, query i never gets fit row i (only that row, not its duplicates). Writes
 * nQuery x k indices (i32) and distances (f64), nearest first, ties by smaller index.
 */
export function knn_brute(
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
        let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0), b0 = f64x2.splat(0.0), b1 = f64x2.splat(0.0);
        for (let t = 0; t < d; t++) {
          const o = <usize>t << 3;
          const o2 = <usize>t << 4;
          const xa = v128.load64_splat(qa + o);
          const xb = v128.load64_splat(qb + o);
          const f0 = v128.load(pp0 + o2);
          const f1 = v128.load(pp1 + o2);
          const da0 = f64x2.sub(xa, f0), da1 = f64x2.sub(xa, f1);
          const db0 = f64x2.sub(xb, f0), db1 = f64x2.sub(xb, f1);
          a0 = f64x2.add(a0, f64x2.mul(da0, da0));
          a1 = f64x2.add(a1, f64x2.mul(da1, da1));
          b0 = f64x2.add(b0, f64x2.mul(db0, db0));
          b1 = f64x2.add(b1, f64x2.mul(db1, db1));
        }
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
