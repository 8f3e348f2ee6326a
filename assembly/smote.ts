// SMOTE interpolation: new = x[row] + step * (x[nb] - x[row]), elementwise in float64 with a
// separate multiply and add (never fused), so results are bit-identical to numpy's.

/**
 * Generates `n` synthetic rows from the `nRows x d` float64 rows at `x` and their `k` nearest
 * neighbours at `nn` (`nRows x k` int32 row indices into `x`). Synthetic row i uses
 * `row = sample[i] / k`, `nb = nn[row * k + sample[i] % k]`, `step = steps[i]` (numpy's
 * floor_divide / mod on non-negative draws). Writes `n x d` rows to `out` and the row and
 * neighbour used to `outBase` / `outNb` (int32, indices into `x`).
 */
export function smote_interpolate(
  x: usize, d: i32, nn: usize, k: i32, sample: usize, steps: usize, n: i32,
  out: usize, outBase: usize, outNb: usize,
): void {
  smote_interpolate_between(x, x, d, nn, k, sample, steps, n, out, outBase, outNb);
}

/**
 * `smote_interpolate` with the neighbours in another row set: base rows from `x`, neighbour
 * rows `nn[...]` from `z` (both `d` values per row); `outNb` indexes `z`.
 */
export function smote_interpolate_between(
  x: usize, z: usize, d: i32, nn: usize, k: i32, sample: usize, steps: usize, n: i32,
  out: usize, outBase: usize, outNb: usize,
): void {
  const rowBytes = <usize>d << 3;
  const pairs = d & ~1;
  for (let i = 0; i < n; i++) {
    const s = load<i32>(sample + (<usize>i << 2));
    const row = s / k;
    const nb = load<i32>(nn + (<usize>s << 2));
    const step = load<f64>(steps + (<usize>i << 3));
    store<i32>(outBase + (<usize>i << 2), row);
    store<i32>(outNb + (<usize>i << 2), nb);
    const a = x + <usize>row * rowBytes;
    const b = z + <usize>nb * rowBytes;
    const o = out + <usize>i * rowBytes;
    const vstep = f64x2.splat(step);
    let j = 0;
    for (; j < pairs; j += 2) {
      const off = <usize>j << 3;
      const va = v128.load(a + off);
      const vb = v128.load(b + off);
      v128.store(o + off, f64x2.add(va, f64x2.mul(vstep, f64x2.sub(vb, va))));
    }
    if (j < d) {
      const off = <usize>j << 3;
      const xa = load<f64>(a + off);
      store<f64>(o + off, xa + step * (load<f64>(b + off) - xa));
    }
  }
}

/**
 * BorderlineSMOTE-2's rows: row i is `x[base[i]] + steps[i] * ((x[nb[i]] - x[base[i]]) * u[i])`
 * over the `d` values (`base`, `nb`: int32 row indices into `x`; `steps`, `u`: f64). A row whose
 * neighbour is of its own class has u = 1, which leaves `nb - base` exact: the same bits as
 * `x[base] + step * (x[nb] - x[base])`. Writes `n x d` values to `out`.
 */
export function smote_interpolate_scaled(x: usize, d: i32, base: usize, nb: usize, steps: usize, u: usize, n: i32, out: usize): void {
  const rowBytes = <usize>d << 3;
  const pairs = d & ~1;
  for (let i = 0; i < n; i++) {
    const a = x + <usize>load<i32>(base + (<usize>i << 2)) * rowBytes;
    const b = x + <usize>load<i32>(nb + (<usize>i << 2)) * rowBytes;
    const step = load<f64>(steps + (<usize>i << 3));
    const scale = load<f64>(u + (<usize>i << 3));
    const o = out + <usize>i * rowBytes;
    const vstep = f64x2.splat(step);
    const vscale = f64x2.splat(scale);
    let j = 0;
    for (; j < pairs; j += 2) {
      const off = <usize>j << 3;
      const va = v128.load(a + off);
      v128.store(o + off, f64x2.add(va, f64x2.mul(vstep, f64x2.mul(f64x2.sub(v128.load(b + off), va), vscale))));
    }
    if (j < d) {
      const off = <usize>j << 3;
      const xa = load<f64>(a + off);
      store<f64>(o + off, xa + step * ((load<f64>(b + off) - xa) * scale));
    }
  }
}
