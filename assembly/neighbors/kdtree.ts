// Exact k-nearest neighbours with a KD-tree for low dimension (kdbush style: an implicit
// balanced tree over a permuted copy of the rows, no node objects). Node = the median row m of a
// range [lo, hi]; it splits on the dimension of largest spread (scikit-learn's rule); its
// children are [lo, m-1] and [m+1, hi]; ranges of at most `leafSize` rows are scanned.
//
// Buffers (all caller-given):
//   tree     `knn_kdtree_tree_f64(n, d, leafSize)` f64: the rows, permuted into tree order,
//            then the nodes' bounding boxes in heap order (written by the build; select.ts)
//   perm     n   i32  original row index of each tree row
//   split    n   i32  split dimension of the node at each median position
//   buildStk, queryStk (sized by the two functions below), off (d f64): scratch.
// Distances: a left-to-right float64 sum of (a-b)^2 over dimensions, sqrt at the end: the same
// bits as a plain loop. Pruning uses the distance to a node's bounding box, summed in the same
// order: each term max(lo_t - q_t, q_t - hi_t, 0)^2 is rounded from a real no larger than that
// of any row of the node (rounding is monotone), so it can only be <= the row's computed sum and
// no neighbour is missed; ties are not pruned (strict >). The tight boxes (scikit-learn keeps
// them too) matter most for queries outside the data's bulk, where splitting planes bound poorly.
import { boxAt, boxesOf, buildRange, coord, initTree } from './select';
export { knn_kdtree_node_slots, knn_kdtree_tree_f64 } from './select';

import { heapReset, heapOffer, heapFinish } from './heap';

// The tree depth is at most log2(n) + 1 <= 32, so these stacks never overflow.
const BUILD_STACK: i32 = 256;
const QUERY_STACK: i32 = 128;

/** i32 slots of the build's node stack (`buildStk`: 3 per pending node, at most depth + 1 pending). */
export function knn_kdtree_build_stack_i32(): i32 {
  return BUILD_STACK;
}

/** f64 slots of the query stack (`queryStk`) for dimension d. */
export function knn_kdtree_query_stack_f64(d: i32): i32 {
  return QUERY_STACK * (d + 3);
}

/**
 * Builds the tree: copies `data` (n x d, row-major) into `tree` in tree order, fills `perm`
 * and `split`. O(n d log n).
 */
export function knn_kdtree_build(
  data: usize, n: i32, d: i32, leafSize: i32,
  tree: usize, perm: usize, split: usize, buildStk: usize,
): void {
  initTree(data, n, d, tree, perm);
  buildRange(tree, perm, split, n, d, leafSize, 0, n - 1, 0, buildStk);
}

/**
 * Squared distance of query `q` to tree row `row`, summed left to right. Stops early once the
 * partial sum exceeds `limit` (partial sums only grow, so the row could not enter the heap).
 */
@inline
function dist2(q: usize, tree: usize, d: i32, row: i32, limit: f64): f64 {
  const p = tree + ((<usize>row * <usize>d) << 3);
  if (d == 2) {
    // the common case, unrolled (same summation order)
    const dx = load<f64>(q) - load<f64>(p);
    const dy = load<f64>(q, 8) - load<f64>(p, 8);
    return dx * dx + dy * dy;
  }
  let s: f64 = 0.0;
  for (let t = 0; t < d; t++) {
    const diff = load<f64>(q + (<usize>t << 3)) - load<f64>(p + (<usize>t << 3));
    s += diff * diff;
    if ((t & 3) == 3 && s > limit) break;
  }
  return s;
}

@inline
function offer(
  q: usize, tree: usize, perm: usize, d: i32, row: i32, skip: i32,
  outD: usize, outI: usize, k: i32,
): void {
  const worst = load<f64>(outD);
  const s = dist2(q, tree, d, row, worst);
  if (s <= worst) {
    const id = load<i32>(perm + (<usize>row << 2));
    if (id != skip) heapOffer(outD, outI, k, s, id);
  }
}

/** Squared distance (a lower bound, see the header) from `q` to the box of heap node `node`. */
@inline
function boxDist(q: usize, boxes: usize, d: i32, node: i32): f64 {
  const b = boxAt(boxes, d, node);
  let s: f64 = 0.0;
  for (let t = 0; t < d; t++) {
    const qt = load<f64>(q + (<usize>t << 3));
    const below = load<f64>(b + (<usize>t << 3)) - qt;
    const above = qt - load<f64>(b + (<usize>(d + t) << 3));
    const g = below > 0 ? below : above > 0 ? above : 0.0;
    s += g * g;
  }
  return s;
}

/**
 * One query: fills outD/outI (k slots) with the k nearest tree rows, nearest first. Depth first,
 * nearer child first; a node is entered or kept on the stack only while its box distance does
 * not exceed the heap's root. Stack entries: lo, hi, heap node (i32), box distance (f64).
 * (`off` is unused: boxes replaced the per-split offsets.)
 */
function queryOne(
  tree: usize, perm: usize, split: usize, n: i32, d: i32, leafSize: i32,
  q: usize, skip: i32, k: i32, outI: usize, outD: usize, stk: usize, off: usize,
): void {
  heapReset(outD, outI, k);
  const boxes = boxesOf(tree, n, d);
  let top = 0;
  let lo = 0;
  let hi = n - 1;
  let node = 0;
  let bound = boxDist(q, boxes, d, 0);
  while (true) {
    if (!(bound > load<f64>(outD))) {
      while (true) {
        if (hi - lo + 1 <= leafSize) {
          for (let r = lo; r <= hi; r++) offer(q, tree, perm, d, r, skip, outD, outI, k);
          break;
        }
        const m = (lo + hi) >> 1;
        offer(q, tree, perm, d, m, skip, outD, outI, k);
        const s = load<i32>(split + (<usize>m << 2));
        const diff = load<f64>(q + (<usize>s << 3)) - coord(tree, d, m, s);
        const left = 2 * node + 1;
        let nearLo = lo, nearHi = m - 1, nearNode = left, farLo = m + 1, farHi = hi, farNode = left + 1;
        if (diff >= 0) {
          nearLo = m + 1; nearHi = hi; nearNode = left + 1; farLo = lo; farHi = m - 1; farNode = left;
        }
        if (farLo <= farHi) {
          const fb = boxDist(q, boxes, d, farNode);
          if (!(fb > load<f64>(outD))) {
            const e = stk + <usize>top * 24;
            store<i32>(e, farLo);
            store<i32>(e, farHi, 4);
            store<i32>(e, farNode, 8);
            store<f64>(e, fb, 16);
            top++;
          }
        }
        if (nearLo > nearHi) break;
        if (boxDist(q, boxes, d, nearNode) > load<f64>(outD)) break;
        lo = nearLo;
        hi = nearHi;
        node = nearNode;
      }
    }
    if (top == 0) break;
    top--;
    const e = stk + <usize>top * 24;
    lo = load<i32>(e);
    hi = load<i32>(e, 4);
    node = load<i32>(e, 8);
    bound = load<f64>(e, 16);
  }
  heapFinish(outD, outI, k);
}

/**
 * k nearest neighbours of each query row. `query` = 0 means the fit rows themselves (visited in
 * tree order for locality; results still land in original row order); then a non-zero `mask`
 * (n bytes) limits the queries to the rows whose byte is non-zero (other output rows untouched). With `excludeSelf`, a
 * query that is fit row i never gets i as a neighbour (only that row, not its duplicates).
 * Writes nQuery x k indices (i32) and distances (f64), nearest first, ties by smaller index.
 */
export function knn_kdtree_query(
  tree: usize, perm: usize, split: usize, n: i32, d: i32, leafSize: i32,
  query: usize, nQuery: i32, k: i32, excludeSelf: i32,
  outIdx: usize, outDist: usize, queryStk: usize, off: usize, mask: usize,
): void {
  if (query == 0) {
    for (let t = 0; t < n; t++) {
      const id = load<i32>(perm + (<usize>t << 2));
      if (mask != 0 && load<u8>(mask + <usize>id) == 0) continue;
      const row = <usize>id * <usize>k;
      queryOne(tree, perm, split, n, d, leafSize, tree + ((<usize>t * <usize>d) << 3),
        excludeSelf ? id : -1, k, outIdx + (row << 2), outDist + (row << 3), queryStk, off);
    }
  } else {
    for (let i = 0; i < nQuery; i++) {
      const row = <usize>i * <usize>k;
      queryOne(tree, perm, split, n, d, leafSize, query + ((<usize>i * <usize>d) << 3),
        excludeSelf ? i : -1, k, outIdx + (row << 2), outDist + (row << 3), queryStk, off);
    }
  }
}
