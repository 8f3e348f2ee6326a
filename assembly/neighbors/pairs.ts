// Rows packed in pairs, dimension-interleaved ([x_2p[t], x_2p+1[t]] per v128), and the exact
// squared distances of two query rows to two packed pairs at once: each lane sums (q_t - x_t)^2
// over t left to right, so a lane equals a plain scalar loop bit for bit. Shared by the direct
// brute force (./brute.ts) and the k-means assignment (../cluster.ts).

/** Packs the `n` rows of `src` (`n x d`) into `nPairs` pairs at `dst`; rows past `n` are zeros. */
export function packRowPairs(src: usize, n: i32, d: i32, dst: usize, nPairs: i32): void {
  const rowBytes = <usize>d << 3;
  for (let p = 0; p < nPairs; p++) {
    const j0 = 2 * p;
    const out = dst + ((<usize>p * <usize>d) << 4);
    const r0 = src + <usize>j0 * rowBytes;
    for (let t = 0; t < d; t++) {
      const off = <usize>t << 3;
      store<f64>(out + (off << 1), j0 < n ? load<f64>(r0 + off) : 0.0);
      store<f64>(out + (off << 1) + 8, j0 + 1 < n ? load<f64>(r0 + rowBytes + off) : 0.0);
    }
  }
}

// Results of pairDists2x2: query A to pairs 0 and 1, query B to pairs 0 and 1 (lanes = rows).
export let pdA0 = f64x2.splat(0.0);
export let pdA1 = f64x2.splat(0.0);
export let pdB0 = f64x2.splat(0.0);
export let pdB1 = f64x2.splat(0.0);

/** Squared distances of query rows `qa`, `qb` to the packed pairs `pp0`, `pp1` (four rows). */
@inline
export function pairDists2x2(qa: usize, qb: usize, pp0: usize, pp1: usize, d: i32): void {
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
  pdA0 = a0; pdA1 = a1; pdB0 = b0; pdB1 = b1;
}
