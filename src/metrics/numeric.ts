/**
 * numpy's arithmetic where its order matters for the last bits: pairwise summation
 * (`np.sum`, `np.mean`, `np.average`), and Python's number formatting for the reports.
 */

/** numpy's pairwise summation of `a[lo..lo+n)` (8 accumulators below 128 values, as numpy does). */
export function pairwiseSum(a: ArrayLike<number>, lo = 0, n = a.length - lo): number {
  if (n < 8) {
    // numpy starts from -0.0 so that a sum of -0.0 values stays -0.0.
    let s = -0;
    for (let i = lo; i < lo + n; i++) s += a[i];
    return s;
  }
  if (n <= 128) {
    const r = [a[lo], a[lo + 1], a[lo + 2], a[lo + 3], a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[lo + i + j];
    let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += a[lo + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
}

/** `np.sum` of a float64 vector: numpy's reduction starts from the first value, then adds the pairwise sum of the rest. */
export function npSum(a: ArrayLike<number>): number {
  return a.length === 0 ? 0 : a[0] + pairwiseSum(a, 1, a.length - 1);
}

/** `np.mean`. */
export function mean(a: ArrayLike<number>): number {
  return npSum(a) / a.length;
}

/** `np.average(a, weights=w)` (plain mean without weights). */
export function average(a: ArrayLike<number>, w?: ArrayLike<number> | null): number {
  if (!w) return mean(a);
  const prod = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) prod[i] = a[i] * w[i];
  const sw = npSum(w);
  if (sw === 0) throw new RangeError("Weights sum to zero, can't be normalized");
  return npSum(prod) / sw;
}

/** Python's `format(x, '.{digits}f')`: correctly rounded, ties to even, `nan`/`inf`. */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  let s = x.toFixed(digits);
  // JS rounds an exact tie away from zero; Python rounds it to even. A tie needs x to be a
  // dyadic rational with a small denominator, so it can be detected exactly.
  const scaled2 = x * 2 ** (digits + 1);
  if (Number.isInteger(scaled2) && Math.abs(x) * 10 ** (digits + 1) < 2 ** 52) {
    const tenths = Math.abs(x) * 10 ** (digits + 1); // exact: small integer times a power of 5
    if (Number.isInteger(tenths) && tenths % 10 === 5) {
      const down = (tenths - 5) / 10;
      const n = down % 2 === 0 ? down : down + 1;
      const str = n.toString().padStart(digits + 1, '0');
      const body = digits > 0 ? `${str.slice(0, -digits)}.${str.slice(-digits)}` : str;
      s = (x < 0 ? '-' : '') + body;
    }
  }
  return s;
}

/** Python's `str(x)` of a float (`6.0`, `0.1`, `1e-05`, `nan`). */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const s = String(x);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
