/**
 * imbalanced-learn's `_make_samples` for a base set that differs from the neighbour set
 * (BorderlineSMOTE, SVMSMOTE, KMeansSMOTE; ADASYN too): numpy's draws in imbalanced-learn's
 * order, then the SMOTE interpolation with the arithmetic of assembly/smote.ts.
 */
import type { Matrix } from '../../core/types.js';
import type { RandomState } from '../../random/RandomState.js';
import type { PendingBlock } from './assemble.js';

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
 * `nn` is `base.rows x k` row indices of `nnData`. `out` (nNew x d values), when given, receives
 * the rows (the result's `data` is then `out`).
 */
export function makeSamples(
  base: Matrix, nnData: Matrix, nn: Int32Array, k: number, nNew: number, random: RandomState, stepSize = 1, out?: Float64Array,
): Generated {
  const { sample, steps } = drawSamples(base.rows, k, nNew, random, stepSize);
  return interpolateBetween(base, nnData, nn, k, sample, steps, out);
}

/** The draws of `makeSamples`: `sample = randint(0, nBase * k, nNew)`, then `steps = stepSize * uniform(size=nNew)`. */
export function drawSamples(nBase: number, k: number, nNew: number, random: RandomState, stepSize = 1): { sample: Int32Array; steps: Float64Array } {
  const sample = random.randint(0, nBase * k, nNew) as Int32Array;
  const u = random.uniform(0, 1, nNew);
  return { sample, steps: stepSize === 1 ? u : u.map((v) => stepSize * v) };
}

/**
 * The SMOTE interpolation with base rows and neighbour rows from different sets:
 * `sample[i] = r * k + c` picks base row `r` and its `c`-th neighbour `nn[r * k + c]` (a row of
 * `nnData`); new row i is `base[r] + steps[i] * (nnData[nb] - base[r])`, the arithmetic of the
 * kernel in assembly/smote.ts. In TypeScript, straight into the output: the kernel would need
 * both sets copied into WebAssembly memory (all of X for BorderlineSMOTE-2) and the rows copied
 * out, which costs more than the interpolation.
 */
export function interpolateBetween(
  base: Matrix, nnData: Matrix, nn: Int32Array, k: number, sample: Int32Array, steps: Float64Array, out?: Float64Array,
): Generated {
  const d = base.cols;
  const n = sample.length;
  const data = out ?? new Float64Array(n * d);
  const baseOut = new Int32Array(n);
  const neighbor = new Int32Array(n);
  const x = base.data;
  const z = nnData.data;
  for (let i = 0; i < n; i++) {
    const s = sample[i];
    const r = (s / k) | 0;
    const nb = nn[s];
    baseOut[i] = r;
    neighbor[i] = nb;
    const step = steps[i];
    const a = r * d;
    const b = nb * d;
    const o = i * d;
    for (let j = 0; j < d; j++) data[o + j] = x[a + j] + step * (z[b + j] - x[a + j]);
  }
  return { data, base: baseOut, neighbor, step: steps };
}

/**
 * A pending block (./assemble.ts `appendPending`) of `interpolateBetween` rows whose base rows
 * are `baseRows` (input row indices of the rows of `base`) and whose neighbours are `nnRows`
 * (those of `nnData`): the draws are taken, the rows are made into the output.
 */
export function pendingInterpolation(
  code: number, base: Matrix, baseRows: Int32Array, nnData: Matrix, nnRows: Int32Array,
  nn: Int32Array, k: number, sample: Int32Array, steps: Float64Array,
): PendingBlock {
  return {
    code,
    n: sample.length,
    make: (out) => {
      const made = interpolateBetween(base, nnData, nn, k, sample, steps, out);
      return { base: mapIndices(made.base, baseRows), neighbor: mapIndices(made.neighbor, nnRows), step: steps };
    },
  };
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
