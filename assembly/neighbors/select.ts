// Row selection shared by the KD-tree build (kdtree.ts) and its multi-threaded variant
// (assembly/parallel.ts): one copy of the code, so both build the same tree.

@inline
export function coord(tree: usize, d: i32, row: i32, dim: i32): f64 {
  return load<f64>(tree + ((<usize>row * <usize>d + <usize>dim) << 3));
}

@inline
function swapRows(tree: usize, perm: usize, d: i32, a: i32, b: i32): void {
  const pa = tree + ((<usize>a * <usize>d) << 3);
  const pb = tree + ((<usize>b * <usize>d) << 3);
  for (let t = 0; t < d; t++) {
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
    // median of three as pivot value
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

