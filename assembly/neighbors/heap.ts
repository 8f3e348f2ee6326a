// A bounded max-heap of (squared distance, index) pairs, stored in a query's own output row:
// `dist` holds k f64 and `idx` k i32. The root is the current worst neighbour; pairs are ordered
// by distance, then by index, so equal distances keep the smaller index (the documented tie rule).
// The heap starts full of (+inf, i32.MAX) sentinels, so insertion never needs a size.

/** Index sentinel of an empty heap slot (larger than any row index). */
export const EMPTY_INDEX: i32 = i32.MAX_VALUE;

/** Fills a heap of `k` slots with sentinels. */
@inline
export function heapReset(dist: usize, idx: usize, k: i32): void {
  for (let i = 0; i < k; i++) {
    store<f64>(dist + (<usize>i << 3), Infinity);
    store<i32>(idx + (<usize>i << 2), EMPTY_INDEX);
  }
}

/** True when (da, ia) comes after (db, ib): farther, or as far with a larger index. */
@inline
function after(da: f64, ia: i32, db: f64, ib: i32): bool {
  return da > db || (da == db && ia > ib);
}

/** Moves the pair at `pos` down until both children come before it (heap of `size`). */
@inline
function siftDown(dist: usize, idx: usize, pos: i32, size: i32): void {
  const d = load<f64>(dist + (<usize>pos << 3));
  const i = load<i32>(idx + (<usize>pos << 2));
  while (true) {
    let child = 2 * pos + 1;
    if (child >= size) break;
    let cd = load<f64>(dist + (<usize>child << 3));
    let ci = load<i32>(idx + (<usize>child << 2));
    const right = child + 1;
    if (right < size) {
      const rd = load<f64>(dist + (<usize>right << 3));
      const ri = load<i32>(idx + (<usize>right << 2));
      if (after(rd, ri, cd, ci)) {
        child = right;
        cd = rd;
        ci = ri;
      }
    }
    if (!after(cd, ci, d, i)) break;
    store<f64>(dist + (<usize>pos << 3), cd);
    store<i32>(idx + (<usize>pos << 2), ci);
    pos = child;
  }
  store<f64>(dist + (<usize>pos << 3), d);
  store<i32>(idx + (<usize>pos << 2), i);
}

/** Offers a candidate: it replaces the root when it comes before it. */
@inline
export function heapOffer(dist: usize, idx: usize, k: i32, d: f64, i: i32): void {
  const rootD = load<f64>(dist);
  if (d < rootD || (d == rootD && i < load<i32>(idx))) {
    store<f64>(dist, d);
    store<i32>(idx, i);
    siftDown(dist, idx, 0, k);
  }
}

/** Sorts the heap nearest first (heapsort) and turns squared distances into distances. */
export function heapFinish(dist: usize, idx: usize, k: i32): void {
  for (let end = k - 1; end > 0; end--) {
    const d0 = load<f64>(dist);
    const i0 = load<i32>(idx);
    store<f64>(dist, load<f64>(dist + (<usize>end << 3)));
    store<i32>(idx, load<i32>(idx + (<usize>end << 2)));
    store<f64>(dist + (<usize>end << 3), d0);
    store<i32>(idx + (<usize>end << 2), i0);
    siftDown(dist, idx, 0, end);
  }
  for (let j = 0; j < k; j++) {
    const p = dist + (<usize>j << 3);
    store<f64>(p, Math.sqrt(load<f64>(p)));
  }
}
