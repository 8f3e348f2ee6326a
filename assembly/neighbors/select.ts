// The KD-tree build shared by the single-threaded build (kdtree.ts) and its multi-threaded
// variant (assembly/parallel.ts): one copy of the code, so both build the same tree.
// Node rule: the median row m of [lo, hi] on the dimension of largest spread (first such
// dimension), children [lo, m-1] and [m+1, hi]; ranges of at most `leafSize` rows are leaves.
// Every node's bounding box (per dimension the min and max of its rows) is kept after the rows
// in the tree buffer (`knn_kdtree_tree_f64`), at its key: the median m, or lo for a leaf (no row
// is both), so a query bounds its distance to any node tightly.

/** f64 slots of a tree buffer of n rows: the rows, then 2 d per node key (box min, box max). */
export function knn_kdtree_tree_f64(n: i32, d: i32): i32 {
  return 3 * n * d;
}

/** The boxes of a tree buffer of n rows. */
@inline
export function boxesOf(tree: usize, n: i32, d: i32): usize {
  return tree + ((<usize>n * <usize>d) << 3);
}

/** The key of node [lo, hi]: its median, or lo for a leaf. */
@inline
export function nodeKey(lo: i32, hi: i32, leafSize: i32): i32 {
  return hi - lo + 1 <= leafSize ? lo : (lo + hi) >> 1;
}

/** The box (d mins, then d maxs) of the node with key `key`. */
@inline
export function boxAt(boxes: usize, d: i32, key: i32): usize {
  return boxes + ((<usize>key * <usize>d) << 4);
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
  } else for (let t = 0; t < d; t++) {
    const o = <usize>t << 3;
    const x = load<f64>(pa + o);
    store<f64>(pa + o, load<f64>(pb + o));
    store<f64>(pb + o, x);
  }
  const ia = load<i32>(perm + (<usize>a << 2));
  store<i32>(perm + (<usize>a << 2), load<i32>(perm + (<usize>b << 2)));
  store<i32>(perm + (<usize>b << 2), ia);
}

/** Hoare/Wirth selection: puts the row of rank k (by `dim`) at k, smaller-or-equal rows before. */
export function selectRows(tree: usize, perm: usize, d: i32, lo: i32, hi: i32, k: i32, dim: i32): void {
  while (hi > lo) {
    // median of three as pivot value (a pivot near the exact median, as Floyd–Rivest sampling
    // gives, measured slower: the scans' branches become unpredictable)
    const a = coord(tree, d, lo, dim);
    const b = coord(tree, d, k, dim);
    const c = coord(tree, d, hi, dim);
    const x = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
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


/** Copies `data` into `tree` and sets `perm` to the identity: the start of a build. */
export function initTree(data: usize, n: i32, d: i32, tree: usize, perm: usize): void {
  memory.copy(tree, data, (<usize>n * <usize>d) << 3);
  for (let i = 0; i < n; i++) store<i32>(perm + (<usize>i << 2), i);
}

/**
 * Splits the node over [lo, hi]: records its bounding box, selects its median row on the
 * dimension of largest spread and records that dimension in `split`. Returns the median
 * position, or -1 for a leaf (whose box is recorded too).
 */
export function splitNode(tree: usize, perm: usize, split: usize, n: i32, d: i32, leafSize: i32, lo: i32, hi: i32): i32 {
  if (leafSize < 1) leafSize = 1;
  const box = boxAt(boxesOf(tree, n, d), d, nodeKey(lo, hi, leafSize));
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

/** Builds the whole subtree over [lo, hi] with an explicit stack (`buildStk`, i32 slots). */
export function buildRange(tree: usize, perm: usize, split: usize, n: i32, d: i32, leafSize: i32, lo: i32, hi: i32, buildStk: usize): void {
  if (hi < lo) return;
  store<i32>(buildStk, lo);
  store<i32>(buildStk + 4, hi);
  let top = 2;
  while (top > 0) {
    top -= 2;
    const a = load<i32>(buildStk + (<usize>top << 2));
    const b = load<i32>(buildStk + (<usize>(top + 1) << 2));
    const m = splitNode(tree, perm, split, n, d, leafSize, a, b);
    if (m < 0) continue;
    store<i32>(buildStk + (<usize>top << 2), a);
    store<i32>(buildStk + (<usize>(top + 1) << 2), m - 1);
    store<i32>(buildStk + (<usize>(top + 2) << 2), m + 1);
    store<i32>(buildStk + (<usize>(top + 3) << 2), b);
    top += 4;
  }
}
