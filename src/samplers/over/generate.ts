/**
 * imbalanced-learn's `_make_samples` for a base set that differs from the neighbour set
 * (BorderlineSMOTE, SVMSMOTE, KMeansSMOTE): numpy's draws in imbalanced-learn's order, then the
 * SMOTE interpolation kernel of ./smoteCore.ts.
 */
import type { Matrix } from '../../core/types.js';
import type { RandomState } from '../../random/RandomState.js';
import { smoteInterpolate } from './smoteCore.js';

/** New rows with provenance: `base`/`neighbor` index the rows of `baseRows` / `nnData` given. */
export interface Generated {
  data: Float64Array;
  base: Int32Array;
  neighbor: Int32Array;
  step: Float64Array;
}

/**
 * `x = base[r] + step * (nnData[nn[r, c]] - base[r])` for `nNew` draws: `s = randint(0, nBase * k,
 * nNew)`, `r = s // k`, `c = s % k`, then `step = stepSize * uniform(size=nNew)` (a negative
 * `stepSize` extrapolates away from the neighbour, as SVMSMOTE's safe rows do).
 * `nn` is `base.rows x k` row indices of `nnData`.
 */
export function makeSamples(base: Matrix, nnData: Matrix, nn: Int32Array, k: number, nNew: number, random: RandomState, stepSize = 1): Generated {
  const sample = random.randint(0, base.rows * k, nNew) as Int32Array;
  const u = random.uniform(0, 1, nNew);
  const steps = stepSize === 1 ? u : u.map((v) => stepSize * v);
  return interpolateBetween(base, nnData, nn, k, sample, steps);
}

/**
 * Runs the interpolation kernel on `[base; nnData]` so that base rows and neighbour rows may
 * come from different sets. `sample[i] = r * k + c` picks base row `r` and its `c`-th neighbour.
 */
export function interpolateBetween(base: Matrix, nnData: Matrix, nn: Int32Array, k: number, sample: Int32Array, steps: Float64Array): Generated {
  const d = base.cols;
  const nb = base.rows;
  const x = new Float64Array((nb + nnData.rows) * d);
  x.set(base.data);
  x.set(nnData.data, nb * d);
  const shifted = new Int32Array(nb * k);
  for (let i = 0; i < nb * k; i++) shifted[i] = nn[i] + nb;
  const made = smoteInterpolate(x, d, shifted, k, sample, steps);
  for (let i = 0; i < made.neighbor.length; i++) made.neighbor[i] -= nb;
  return { data: made.data, base: made.base, neighbor: made.neighbor, step: steps };
}

/** Maps indices through a lookup table (local row → input row), in place. */
export function mapIndices(idx: Int32Array, table: ArrayLike<number>): Int32Array {
  for (let i = 0; i < idx.length; i++) idx[i] = table[idx[i]];
  return idx;
}

/** numpy's `np.rint`: round half to even. */
export function rint(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
