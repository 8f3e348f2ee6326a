// Row gathers: the rows of an index list copied into a buffer, runs of consecutive indices (sorted
// folds) in one block copy each.

/**
 * Copies rows `idx[0..m)` of `src` (`d` f64 per row) into `dst` in list order. Indices must be in
 * range (the caller's lists are).
 */
export function rows_gather(src: usize, d: i32, idx: usize, m: i32, dst: usize): void {
  const rowBytes = <usize>d << 3;
  let i = 0;
  while (i < m) {
    const start = load<i32>(idx + (<usize>i << 2));
    let j = i + 1;
    while (j < m && load<i32>(idx + (<usize>j << 2)) == start + (j - i)) j++;
    memory.copy(dst + <usize>i * rowBytes, src + <usize>start * rowBytes, <usize>(j - i) * rowBytes);
    i = j;
  }
}
