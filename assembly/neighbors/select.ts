// The KD-tree build shared by the single-threaded build (kdtree.ts) and its multi-threaded
// variant (assembly/parallel.ts): one copy of the code, so both build the same tree.
// Node rule: the median row m of [lo, hi] on the dimension of largest spread (first such
// dimension), children [lo, m-1] and [m+1, hi]; ranges of at most `leafSize` rows are leaves.
// Every node's bounding box (per dimension the min and max of its rows) is kept after the rows
// in the tree buffer (`knn_kdtree_tree_f64`), one per node in heap order: the root is node 0,
// the children of node i are 2i+1 ([lo, m-1]) and 2i+2 ([m+1, hi]), so a query bounds its
// distance to any node tightly. Empty ranges (leafSize 1 only) are not nodes.
//
// Why heap order is compact: the shape depends only on n and leafSize. A node of s rows has
// children of floor((s-1)/2) and floor(s/2) rows, both at most floor(s/2), so every node at depth
// t has at most floor(n / 2^t) rows, the size of the rightmost one. The deepest level h is thus
// the first t with floor(n / 2^t) <= leafSize, and the heap numbers are below 2^(h+1) - 1. As
// floor(n / 2^(h-1)) > leafSize, that is fewer than 4 n / (leafSize + 1) slots (one when n <=
// leafSize): boxes take under 8 d n / (leafSize + 1) f64, against 2 d n when kept per row.

/** Node slots (box slots) of a tree of n rows: 2^(h+1) - 1 for the depth h of its deepest node. */
export function knn_kdtree_node_slots(n: i32, leafSize: i32): i32 {
  if (leafSize < 1) leafSize = 1;
  let h = 0;
  for (let s = n; s > leafSize; s >>= 1) h++;
  return (1 << (h + 1)) - 1;
}

/** f64 slots of a tree buffer of n rows: the rows, then 2 d per node slot (box min, box max). */
export function knn_kdtree_tree_f64(n: i32, d: i32, leafSize: i32): i32 {
  return n * d + 2 * d * knn_kdtree_node_slots(n, leafSize);
}

/** The boxes of a tree buffer of n rows. */
@inline
export function boxesOf(tree: usize, n: i32, d: i32): usize {
  return tree + ((<usize>n * <usize>d) << 3);
}

/** The box (d mins, then d maxs) of heap node `node`. */
@inline
export function boxAt(boxes: usize, d: i32, node: i32): usize {
  return boxes + ((<usize>node * <usize>d) << 4);
}

@inline
export function coord(tree: usize, d: i32, row: i32, dim: i32): f64 {
  return load<f64>(tree + ((<usize>row * <usize>d + <usize>dim) << 3));
}

@inline
function swapRows(tree: usize, perm: usize, d: i32, a: i32, b: i32): void {
  const pa = tree + ((<usize>a * <usize>d) << 3);
  const pb = tree + ((<usize>b * <usize>d) << 3);
  if (d == 2) {
    // the common case: one 16-byte move each way
    const x = v128.load(pa);
    v128.store(pa, v128.load(pb));
    v128.store(pb, x);
  } else {
    let t = 0;
    for (; t + 2 <= d; t += 2) {
      const o = <usize>t << 3;
      const x = v128.load(pa + o);
      v128.store(pa + o, v128.load(pb + o));
      v128.store(pb + o, x);
    }
    if (t < d) {
      const o = <usize>t << 3;
      const x = load<f64>(pa + o);
      store<f64>(pa + o, load<f64>(pb + o));
      store<f64>(pb + o, x);
    }
  }
  const ia = load<i32>(perm + (<usize>a << 2));
  store<i32>(perm + (<usize>a << 2), load<i32>(perm + (<usize>b << 2)));
  store<i32>(perm + (<usize>b << 2), ia);
}

/** Ranges from this many rows on are narrowed by branchless partitions ... */
const BRANCHLESS_ROWS: i32 = 64;
/**
 * ... for rows of at most this many columns: every row is moved, and wider rows favour Hoare's
 * fewer moves (a 200,000-row build: 3 columns 35.8 -> 29.8 ms, 5: 43.7 -> 39.1, 6: 45.5 -> 44.7,
 * 8: even, 12 and 15: slower).
 */
const BRANCHLESS_MAX_D: i32 = 6;

/**
 * Hoare/Wirth selection: puts the row of rank k (by `dim`) at k, smaller-or-equal rows before.
 * Rows of up to `BRANCHLESS_MAX_D` columns first narrow the range by branchless three-way
 * partitions: on random data half of Hoare's comparisons mispredict, and that made most of a
 * tree's build time (1,000,000 × 2: 161 -> 83 ms).
 */
export function selectRows(tree: usize, perm: usize, d: i32, lo: i32, hi: i32, k: i32, dim: i32): void {
  if (d <= BRANCHLESS_MAX_D) {
    while (hi - lo >= BRANCHLESS_ROWS) {
      const x = medianOf3(coord(tree, d, lo, dim), coord(tree, d, k, dim), coord(tree, d, hi, dim));
      // rows below x to the front: every row swaps with the next free place, which moves on only
      // when the row belonged in front (rows between are all >= x, so any swap keeps them so)
      let s = lo;
      for (let i = lo; i <= hi; i++) {
        const v = coord(tree, d, i, dim);
        swapRows(tree, perm, d, s, i);
        s += <i32>(v < x);
      }
      // x is a row's value, so s <= hi: the range shrinks
      if (k < s) {
        hi = s - 1;
        continue;
      }
      // then the rows equal to x: k among them is done, else the rows above x remain
      let e = s;
      for (let i = s; i <= hi; i++) {
        const v = coord(tree, d, i, dim);
        swapRows(tree, perm, d, e, i);
        e += <i32>!(x < v);
      }
      if (k < e) return;
      lo = e;
    }
  }
  while (hi > lo) {
    // median of three as pivot value (a pivot near the exact median, as Floyd–Rivest sampling
    // gives, measured slower: the scans' branches become unpredictable)
    const x = medianOf3(coord(tree, d, lo, dim), coord(tree, d, k, dim), coord(tree, d, hi, dim));
    let i = lo;
    let j = hi;
    do {
      while (coord(tree, d, i, dim) < x) i++;
      while (x < coord(tree, d, j, dim)) j--;
      if (i <= j) {
        if (i < j) swapRows(tree, perm, d, i, j);
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
}


@inline
function medianOf3(a: f64, b: f64, c: f64): f64 {
  return a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
}

/** Copies `data` into `tree` and sets `perm` to the identity: the start of a build. */
export function initTree(data: usize, n: i32, d: i32, tree: usize, perm: usize): void {
  memory.copy(tree, data, (<usize>n * <usize>d) << 3);
  for (let i = 0; i < n; i++) store<i32>(perm + (<usize>i << 2), i);
}

/**
 * Splits heap node `node` over [lo, hi]: records its bounding box, selects its median row on
 * the dimension of largest spread and records that dimension in `split`. Returns the median
 * position, or -1 for a leaf (whose box is recorded too) or an empty range (no node).
 */
export function splitNode(tree: usize, perm: usize, split: usize, n: i32, d: i32, leafSize: i32, lo: i32, hi: i32, node: i32): i32 {
  if (hi < lo) return -1;
  if (leafSize < 1) leafSize = 1;
  const box = boxAt(boxesOf(tree, n, d), d, node);
  let best = 0;
  let bestSpread: f64 = -1.0;
  if (d == 2) {
    // the common case: both dimensions in one pass, in f64x2 lanes (min/max as the scalar loop:
    // the values are finite)
    let mn = v128.load(tree + ((<usize>lo << 1) << 3));
    let mx = mn;
    for (let r = lo + 1; r <= hi; r++) {
      const v = v128.load(tree + ((<usize>r << 1) << 3));
      mn = f64x2.pmin(mn, v);
      mx = f64x2.pmax(mx, v);
    }
    v128.store(box, mn);
    v128.store(box + 16, mx);
    const s0 = f64x2.extract_lane(mx, 0) - f64x2.extract_lane(mn, 0);
    const s1 = f64x2.extract_lane(mx, 1) - f64x2.extract_lane(mn, 1);
    best = s1 > s0 ? 1 : 0;
  } else for (let t = 0; t < d; t++) {
    let mn = coord(tree, d, lo, t);
    let mx = mn;
    for (let r = lo + 1; r <= hi; r++) {
      const v = coord(tree, d, r, t);
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    store<f64>(box + (<usize>t << 3), mn);
    store<f64>(box + (<usize>(d + t) << 3), mx);
    if (mx - mn > bestSpread) {
      bestSpread = mx - mn;
      best = t;
    }
  }
  if (hi - lo + 1 <= leafSize) return -1;
  const m = (lo + hi) >> 1;
  selectRows(tree, perm, d, lo, hi, m, best);
  store<i32>(split + (<usize>m << 2), best);
  return m;
}

/**
 * Builds the whole subtree of heap node `node` over [lo, hi] with an explicit stack
 * (`buildStk`, i32 slots: 3 per pending node, at most depth + 1 pending).
 */
export function buildRange(tree: usize, perm: usize, split: usize, n: i32, d: i32, leafSize: i32, lo: i32, hi: i32, node: i32, buildStk: usize): void {
  if (hi < lo) return;
  store<i32>(buildStk, lo);
  store<i32>(buildStk + 4, hi);
  store<i32>(buildStk + 8, node);
  let top = 3;
  while (top > 0) {
    top -= 3;
    const e = buildStk + (<usize>top << 2);
    const a = load<i32>(e);
    const b = load<i32>(e + 4);
    const v = load<i32>(e + 8);
    const m = splitNode(tree, perm, split, n, d, leafSize, a, b, v);
    if (m < 0) continue;
    store<i32>(e, a);
    store<i32>(e + 4, m - 1);
    store<i32>(e + 8, 2 * v + 1);
    store<i32>(e + 12, m + 1);
    store<i32>(e + 16, b);
    store<i32>(e + 20, 2 * v + 2);
    top += 6;
  }
}
