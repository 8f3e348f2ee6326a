/**
 * The SMOTE generation step shared by the SMOTE family: neighbours of one class found in
 * WebAssembly memory, numpy's draws (`randint` then `uniform`), and the interpolation kernel
 * (assembly/smote.ts) run on the same buffers.
 */
import { type Arena, type Ptr, f64View, i32View, withArena } from '../../core/memory.js';
import type { Matrix } from '../../core/types.js';
import { kernels } from '../../core/wasm.js';
import type { RandomState } from '../../random/RandomState.js';
import { interpolateInWasm } from './generate.js';
import { searchNeighborsInArena, type KnnAlgorithm } from '../../neighbors/search.js';

/** Typed view of the SMOTE kernel. @internal */
interface SmoteKernels {
  smote_interpolate(x: Ptr, d: number, nn: Ptr, k: number, sample: Ptr, steps: Ptr, n: number, out: Ptr, outBase: Ptr, outNb: Ptr): void;
}
function smoteKernels(): SmoteKernels {
  return kernels() as unknown as SmoteKernels;
}

/** New rows made by interpolation, with their provenance (indices into the rows given). */
export interface Interpolated {
  /** `n x d` row-major synthetic rows. */
  data: Float64Array;
  /** Base row of each synthetic row. */
  base: Int32Array;
  /** Neighbour row of each synthetic row. */
  neighbor: Int32Array;
}

/**
 * Runs the interpolation kernel: synthetic row i is `x[row] + steps[i] * (x[nb] - x[row])` with
 * `row = sample[i] / k` and `nb = nn[sample[i]]`. `x` is `nRows x d`, `nn` is `nRows x k`.
 */
export function smoteInterpolate(x: Float64Array, d: number, nn: Int32Array, k: number, sample: Int32Array, steps: Float64Array): Interpolated {
  const rows = { data: x, rows: d > 0 ? x.length / d : 0, cols: d };
  return interpolateInWasm(rows, rows, nn, k, sample, steps, new Float64Array(sample.length * d));
}

/** Options of `smoteClass`. */
export interface SmoteClassOptions {
  /** Neighbours per row, excluding the row itself. */
  k: number;
  /** Number of synthetic rows. */
  nNew: number;
  /** Draws `randint(0, nRows * k, nNew)` then `uniform(size=nNew)` from it. */
  random: RandomState;
  algorithm?: KnnAlgorithm;
}

/** Where `smoteClassInto` writes: row-major data and per-row provenance, from row `at` on. */
export interface SyntheticTarget {
  data: Float64Array;
  base: Int32Array;
  neighbor: Int32Array;
  step: Float64Array;
}

/**
 * SMOTE for one class (imbalanced-learn's `_make_samples` with `step_size = 1`): the k nearest
 * same-class neighbours of every row of `rows` (global indices into `X`, self excluded), then
 * `nNew` rows interpolated between random (row, neighbour) pairs, written straight into
 * `target` from synthetic row `at` (provenance as global indices into `X`).
 */
export function smoteClassInto(X: Matrix, rows: Int32Array, opts: SmoteClassOptions, target: SyntheticTarget, at: number): void {
  const { k, nNew, random } = opts;
  const d = X.cols;
  const nC = rows.length;
  const sample = random.randint(0, nC * k, nNew) as Int32Array;
  const steps = random.uniform(0, 1, nNew);
  target.step.set(steps, at);
  withArena((arena: Arena) => {
    const xp = arena.f64(nC * d);
    const nnp = arena.i32(nC * k);
    const distp = arena.f64(nC * k);
    const sp = arena.i32(nNew);
    const stp = arena.f64(nNew);
    const out = arena.f64(nNew * d);
    const ob = arena.i32(nNew);
    const onb = arena.i32(nNew);
    const xv = f64View(xp, nC * d);
    for (let r = 0; r < nC; r++) {
      const src = rows[r] * d;
      xv.set(X.data.subarray(src, src + d), r * d);
    }
    i32View(sp, nNew).set(sample);
    f64View(stp, nNew).set(steps);
    searchNeighborsInArena(arena, xp, nC, d, 0, 0, k, true, nnp, distp, opts.algorithm ?? 'auto');
    smoteKernels().smote_interpolate(xp, d, nnp, k, sp, stp, nNew, out, ob, onb);
    target.data.set(f64View(out, nNew * d), at * d);
    const base = i32View(ob, nNew);
    const nb = i32View(onb, nNew);
    for (let i = 0; i < nNew; i++) {
      target.base[at + i] = rows[base[i]];
      target.neighbor[at + i] = rows[nb[i]];
    }
  });
}

/** `smoteClassInto` into fresh arrays. */
export function smoteClass(X: Matrix, rows: Int32Array, opts: SmoteClassOptions): Interpolated & { step: Float64Array } {
  const n = opts.nNew;
  const target = { data: new Float64Array(n * X.cols), base: new Int32Array(n), neighbor: new Int32Array(n), step: new Float64Array(n) };
  smoteClassInto(X, rows, opts, target, 0);
  return target;
}
