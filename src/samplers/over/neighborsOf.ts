/**
 * Neighbour look-ups shared by the SMOTE variants (ADASYN, BorderlineSMOTE, SVMSMOTE,
 * KMeansSMOTE): the k nearest rows of some fit rows, each row itself left out. imbalanced-learn
 * queries `kneighbors(X_sub)` with `k + 1` neighbours and drops column 0 (the row itself);
 * we ask the shared search (src/neighbors) for `k + 1` and remove the row by index, which is
 * the same whenever the data has no duplicate rows and stays correct when it has.
 */
import type { Matrix } from '../../core/types.js';
import { searchNeighbors, type KnnAlgorithm } from '../../neighbors/search.js';

/**
 * For each `queries[i]` (a row index of `fit`), its `k` nearest rows of `fit` other than
 * itself, nearest first, as a `queries.length x k` row-major Int32Array of row indices of `fit`.
 * `queries = null` queries every row of `fit`. The caller guarantees `1 <= k <= fit.rows - 1`.
 * @example
 * const X = { data: Float64Array.from([0, 1, 3, 7]), rows: 4, cols: 1 };
 * neighborsOfRows(X, Int32Array.from([3]), 2); // Int32Array [2, 1]
 */
export function neighborsOfRows(fit: Matrix, queries: Int32Array | null, k: number, algorithm: KnnAlgorithm = 'auto'): Int32Array {
  // the Matrix-level search: on threads it copies the rows once, straight into shared memory
  if (queries === null) return searchNeighbors(fit, null, k, algorithm).indices;
  const nq = queries.length;
  if (nq === 0) return new Int32Array(0);
  const k1 = Math.min(k + 1, fit.rows);
  const raw = searchNeighbors(fit, rowsOf(fit, queries), k1, algorithm).indices;
  const out = new Int32Array(nq * k);
  for (let i = 0; i < nq; i++) {
    let w = 0;
    for (let j = 0; j < k1 && w < k; j++) {
      const v = raw[i * k1 + j];
      if (v === queries[i]) continue; // the row itself
      out[i * k + w++] = v;
    }
  }
  return out;
}

/** `take` of rows of `X` by index (a fresh float64 copy). */
export function rowsOf(X: Matrix, idx: ArrayLike<number>): Matrix {
  const d = X.cols;
  const data = new Float64Array(idx.length * d);
  for (let i = 0; i < idx.length; i++) data.set(X.data.subarray(idx[i] * d, idx[i] * d + d), i * d);
  return { data, rows: idx.length, cols: d };
}
