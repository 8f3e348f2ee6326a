// Helpers of the multi-threaded neighbour search (src/parallel/): each thread runs the query
// kernels on a chunk of query rows without exclusion and with one extra neighbour, then this
// kernel writes the chunk's rows to their final place, leaving the query row itself out. The
// (k+1) nearest by (distance, index) minus the row itself are exactly its k nearest others,
// so results equal the single-thread `excludeSelf` path bit for bit.
import { buildRange, initTree, splitNode } from './neighbors/select';

/**
 * Moves `nQ` result rows of `kIn` columns (`tmpIdx` i32, `tmpDist` f64) to `kOut`-column rows
 * of `outIdx`/`outDist`. Row i is query `first + i`; its output row and its own index are
 * `perm[first + i]` when `perm` != 0 (queries visited in KD-tree order), else `first + i`.
 * With `dropSelf`, that own index is skipped (kIn = kOut + 1); otherwise kIn = kOut.
 */
export function par_knn_scatter(
  tmpIdx: usize, tmpDist: usize, nQ: i32, kIn: i32, kOut: i32, perm: usize, first: i32, dropSelf: i32,
  outIdx: usize, outDist: usize,
): void {
  for (let i = 0; i < nQ; i++) {
    const q = first + i;
    const self = perm != 0 ? load<i32>(perm + (<usize>q << 2)) : q;
    const src = <usize>i * <usize>kIn;
    const dst = <usize>self * <usize>kOut;
    let w = 0;
    for (let j = 0; j < kIn && w < kOut; j++) {
      const id = load<i32>(tmpIdx + ((src + <usize>j) << 2));
      if (dropSelf != 0 && id == self) continue;
      store<i32>(outIdx + ((dst + <usize>w) << 2), id);
      store<f64>(outDist + ((dst + <usize>w) << 3), load<f64>(tmpDist + ((src + <usize>j) << 3)));
      w++;
    }
  }
}

// ---- KD-tree build split across threads -------------------------------------------------------
// The same tree as `knn_kdtree_build` (assembly/neighbors/kdtree.ts), built in two phases: the
// calling thread splits the top nodes (`par_kdtree_split`), then threads build the independent
// subtrees under them (`par_kdtree_build_range`). Node rule, as there: the median row m of
// [lo, hi] on the dimension of largest spread (first such dimension), children [lo, m-1] and
// [m+1, hi], ranges of at most `leafSize` rows left as leaves. Both use the row selection in
// assembly/neighbors/select.ts.

/** Copies `data` into `tree` and sets `perm` to the identity: the start of a build. */
export function par_kdtree_init(data: usize, n: i32, d: i32, tree: usize, perm: usize): void {
  initTree(data, n, d, tree, perm);
}

/**
 * Splits heap node `node` (root 0, children of i: 2i+1 over [lo, m-1], 2i+2 over [m+1, hi]) over
 * [lo, hi] of a tree of n rows: records its box, selects its median row on the dimension of
 * largest spread and records that dimension in `split`. Returns the median position, or -1 for a
 * leaf.
 */
export function par_kdtree_split(tree: usize, perm: usize, split: usize, n: i32, d: i32, leafSize: i32, lo: i32, hi: i32, node: i32): i32 {
  return splitNode(tree, perm, split, n, d, leafSize, lo, hi, node);
}

/**
 * Builds the whole subtree of heap node `node` over [lo, hi] (`buildStk`:
 * `knn_kdtree_build_stack_i32()` i32 slots).
 */
export function par_kdtree_build_range(
  tree: usize, perm: usize, split: usize, n: i32, d: i32, leafSize: i32, lo: i32, hi: i32, node: i32, buildStk: usize,
): void {
  buildRange(tree, perm, split, n, d, leafSize, lo, hi, node, buildStk);
}
