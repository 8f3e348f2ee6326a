// make_classification's matrix work (src/datasets/makeClassification.ts draws the random
// numbers; these kernels only combine them). X is row-major with row stride `ld` (in values).
// Sums run over the informative columns in index order, one product at a time, so the
// TypeScript reference in test/kernels/datasets.test.ts gives the same bits.

/** Copies an n x w row-major block `src` into columns [col0, col0 + w) of X. */
export function mc_put_columns(X: usize, ld: i32, n: i32, src: usize, w: i32, col0: i32): void {
  const rowBytes = <usize>w << 3;
  for (let r = 0; r < n; r++) {
    const dst = X + ((<usize>r * <usize>ld + <usize>col0) << 3);
    const from = src + <usize>r * rowBytes;
    if (w < 8) {
      // A few values: plain moves beat the call overhead of memory.copy.
      for (let j = 0; j < w; j++) store<f64>(dst + (<usize>j << 3), load<f64>(from + (<usize>j << 3)));
    } else {
      memory.copy(dst, from, rowBytes);
    }
  }
}

/**
 * Rows [r0, r0 + m) of X: x[0..k) <- x[0..k) @ A + c, with A a k x k row-major matrix and c a
 * k-vector (one cluster of make_classification). `scratch` holds k values.
 */
export function mc_cluster_affine(X: usize, ld: i32, r0: i32, m: i32, k: i32, A: usize, c: usize, scratch: usize): void {
  for (let r = r0; r < r0 + m; r++) {
    const row = X + ((<usize>r * <usize>ld) << 3);
    // Each output sums x[i] * A[i, j] over i in order; the row is rewritten after all sums.
    for (let j = 0; j < k; j++) {
      let acc = 0.0;
      for (let i = 0; i < k; i++) {
        acc += load<f64>(row + (<usize>i << 3)) * load<f64>(A + ((<usize>i * <usize>k + <usize>j) << 3));
      }
      store<f64>(scratch + (<usize>j << 3), acc);
    }
    for (let j = 0; j < k; j++) {
      store<f64>(row + (<usize>j << 3), load<f64>(scratch + (<usize>j << 3)) + load<f64>(c + (<usize>j << 3)));
    }
  }
}

/** Redundant features: X[r, col0 + j] = sum_i X[r, i] * B[i, j] for i < k, j < w (B is k x w). */
export function mc_linear_combination(X: usize, ld: i32, n: i32, k: i32, B: usize, w: i32, col0: i32): void {
  for (let r = 0; r < n; r++) {
    const row = X + ((<usize>r * <usize>ld) << 3);
    const out = row + (<usize>col0 << 3);
    for (let j = 0; j < w; j++) {
      let acc = 0.0;
      for (let i = 0; i < k; i++) {
        acc += load<f64>(row + (<usize>i << 3)) * load<f64>(B + ((<usize>i * <usize>w + <usize>j) << 3));
      }
      store<f64>(out + (<usize>j << 3), acc);
    }
  }
}

/** Repeated features: X[r, col0 + j] = X[r, idx[j]] for j < w (idx is int32). */
export function mc_repeat_columns(X: usize, ld: i32, n: i32, idx: usize, w: i32, col0: i32): void {
  for (let r = 0; r < n; r++) {
    const row = X + ((<usize>r * <usize>ld) << 3);
    for (let j = 0; j < w; j++) {
      const src = <usize>load<i32>(idx + (<usize>j << 2));
      store<f64>(row + ((<usize>(col0 + j)) << 3), load<f64>(row + (src << 3)));
    }
  }
}

/**
 * The last step: out[i, j] = (X[rows[i], cols[j]] + shift[cols[j]]) * scale[cols[j]]
 * (shift, then scale, then the row and column shuffles of make_classification in one pass).
 * X and out are n x d; rows (n) and cols (d) are int32 permutations.
 */
export function mc_shift_scale_permute(X: usize, out: usize, n: i32, d: i32, rows: usize, cols: usize, shift: usize, scale: usize): void {
  for (let i = 0; i < n; i++) {
    const src = X + ((<usize>load<i32>(rows + (<usize>i << 2)) * <usize>d) << 3);
    const dst = out + ((<usize>i * <usize>d) << 3);
    for (let j = 0; j < d; j++) {
      const c = <usize>load<i32>(cols + (<usize>j << 2)) << 3;
      store<f64>(dst + (<usize>j << 3), (load<f64>(src + c) + load<f64>(shift + c)) * load<f64>(scale + c));
    }
  }
}
