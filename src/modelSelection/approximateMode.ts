/**
 * scikit-learn's `_approximate_mode`: how many of `nDraws` rows each class gets in a stratified
 * split. Floors the proportional share, then hands out the rest by decreasing remainder, ties
 * broken by `choice(..., replace=False)`, which draws a full permutation even when every tied
 * class is taken (that consumption is part of reproducing scikit-learn's stream).
 */
import type { RandomState } from '../random/RandomState.js';

/** Rows per class (same order as `classCounts`). */
export function approximateMode(classCounts: ArrayLike<number>, nDraws: number, rs: RandomState): number[] {
  let total = 0;
  for (let i = 0; i < classCounts.length; i++) total += classCounts[i];
  const continuous = Array.from(classCounts, (c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let need = Math.trunc(nDraws - floored.reduce((a, b) => a + b, 0));
  if (need > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, need);
      const picked = rs.choice(inds.length, addNow, false);
      for (let j = 0; j < addNow; j++) floored[inds[picked[j]]] += 1;
      need -= addNow;
      if (need === 0) break;
    }
  }
  return floored;
}
