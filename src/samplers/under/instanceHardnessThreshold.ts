/**
 * imbalanced-learn's `InstanceHardnessThreshold`: keeps the rows a cross-validated classifier
 * finds easiest (highest probability of their own class).
 */
import { checkInteger, paramTypeError } from '../../core/errors.js';
import { takeLabels } from '../../core/labels.js';
import { markFinite, takeRows, takeRowsInto } from '../../core/matrix.js';
import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from '../../core/types.js';
import { LogisticRegression } from '../../linearModel/LogisticRegression.js';
import { lbfgsPool } from '../../linearModel/rowSums.js';
import { StratifiedKFold } from '../../modelSelection/kFold.js';
import { cloneEstimator } from '../../pipeline/clone.js';
import { checkRandomState, type RandomStateLike } from '../../random/RandomState.js';
import { BaseUnderSampler, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { rowsByClass } from '../over/assemble.js';

/** A classifier with `fit` and `predictProba` (columns in the order of its sorted `classes`). */
export interface ProbabilisticClassifier {
  fit(X: MatrixLike, y: LabelsLike): unknown;
  predictProba(X: MatrixLike): Matrix;
  /** The labels of the probability columns once fitted (`classes` or scikit-learn's `classes_`); all labels, sorted, if absent. */
  classes?: ArrayLike<Label> | readonly Label[];
  classes_?: ArrayLike<Label> | readonly Label[];
}

/** A cross-validation splitter (`StratifiedKFold`, `KFold`, or your own). */
export interface CrossValidator {
  split(X: Matrix, y: Labels): Iterable<{ train: Int32Array; test: Int32Array }>;
}

/** Options of `InstanceHardnessThreshold` (imbalanced-learn's parameters, camelCased). */
export interface InstanceHardnessThresholdOptions {
  /**
   * Classifier giving the probabilities, cloned for every fold. imbalanced-learn's default is a
   * RandomForestClassifier, which this library does not have: the default here is
   * `new LogisticRegression()`. Any object with `fit` and `predictProba` works.
   */
  estimator?: ProbabilisticClassifier | null;
  /** Which classes to under-sample and to how many rows; default `'auto'` (all but the minority). */
  samplingStrategy?: SamplingStrategy;
  /** Seed or `RandomState` of the shuffled stratified folds. */
  randomState?: RandomStateLike;
  /** Number of stratified folds (default 5, shuffled with `randomState`), or a splitter. */
  cv?: number | CrossValidator;
}

const KNOWN = ['estimator', 'samplingStrategy', 'randomState', 'cv'] as const;

/**
 * `np.percentile(values, q)` with the default linear method, as numpy 1.24 computes it
 * (`q / 100`, virtual index `(n - 1) * q`, and its two-sided interpolation).
 */
export function percentileLinear(values: ArrayLike<number>, q: number): number {
  const work = Float64Array.from(values);
  const n = work.length;
  const virtual = (n - 1) * (q / 100);
  const below = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
  const above = Math.min(below + 1, n - 1);
  const gamma = virtual - below;
  let a: number;
  let b: number;
  if (work.some(Number.isNaN)) {
    work.sort(); // NaN sorts last, as in numpy
    a = work[below];
    b = work[above];
  } else {
    // Two order statistics in linear time: after selecting `below`, the next one is the
    // smallest value to its right.
    a = selectKth(work, below);
    b = a;
    if (above > below) {
      b = Infinity;
      for (let i = above; i < n; i++) if (work[i] < b) b = work[i];
    }
  }
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * Rearranges `a` (no NaN) so that `a[k]` is the value a full sort would put there, smaller or
 * equal values before it and greater or equal after (Hoare quickselect, median-of-three pivots).
 * @returns a[k]
 */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as the pivot value
    const x = a[lo], y = a[mid], z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i]; a[i] = a[j]; a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Indices as an Int32Array (a splitter written in JavaScript may hand over plain arrays). */
function asInt32(indices: ArrayLike<number>): Int32Array {
  return indices instanceof Int32Array ? indices : Int32Array.from(indices);
}

/**
 * For every row, the probability of its own class given by `estimator` cloned and fitted on the
 * other folds (scikit-learn's `cross_val_predict(method='predict_proba')` read at the true class).
 * A class absent from a training fold gets probability 0. `X` must be finite (checked by the
 * caller, as `fitResample` does): its folds are not scanned again.
 */
export function crossValidatedTrueClassProba(estimator: ProbabilisticClassifier, X: Matrix, labels: Labels, allClasses: readonly Label[], codes: Int32Array, cv: CrossValidator): Float64Array {
  const proba = new Float64Array(X.rows);
  return withFoldRows(estimator, X, (take) => {
    fillTrueClassProba(proba, estimator, X, labels, allClasses, codes, cv, take);
    return proba;
  });
}

/** The rows of a fold's index list (`which` buffer: training or test rows), checked in range. */
type TakeFold = (indices: ArrayLike<number>, which: 0 | 1) => Matrix;

/** The gather kernel of the pool's instance (assembly/rows.ts). */
interface GatherKernel {
  rows_gather(src: number, d: number, idx: number, m: number, dst: number): void;
}

/**
 * Runs `body` with the way folds are made. The library's LogisticRegression keeps nothing of its
 * input, so its folds can share two buffers (fresh memory costs a page fault per 4 KiB written);
 * when its fits run on the worker pool, X is copied into the pool's memory once and each fold is
 * gathered there by WebAssembly, where the fit reads it in place. Any other estimator gets fresh
 * arrays.
 */
function withFoldRows<R>(estimator: ProbabilisticClassifier, X: Matrix, body: (take: TakeFold) => R): R {
  const { rows: n, cols: d } = X;
  if (!(estimator instanceof LogisticRegression)) return body((idx) => takeRows(X, checkedFold(idx, n)));
  const size = n * d;
  const threaded = lbfgsPool(n, d);
  if (!threaded) {
    const buffers = [new Float64Array(size), new Float64Array(size)];
    return body((idx, which) => takeRowsInto(X, checkedFold(idx, n), buffers[which]));
  }
  const { pool } = threaded;
  const kern = pool.kern as unknown as GatherKernel;
  return pool.withArena((arena) => {
    const x = arena.f64(size);
    pool.f64View(x, size).set(X.data);
    const list = arena.i32(n);
    const buffers = [arena.f64(size), arena.f64(size)];
    return body((idx, which) => {
      const m = idx.length;
      pool.i32View(list, m).set(checkedFold(idx, n));
      kern.rows_gather(x, d, list, m, buffers[which]);
      return { data: pool.f64View(buffers[which], m * d), rows: m, cols: d };
    });
  });
}

/** A fold's indices as an Int32Array, after checking that each is a row index of X. */
function checkedFold(indices: ArrayLike<number>, n: number): Int32Array {
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new RangeError(`The cross-validation splitter gave the row index ${i}; expected an integer in [0, ${n}).`);
  }
  return asInt32(indices);
}

function fillTrueClassProba(
  proba: Float64Array, estimator: ProbabilisticClassifier, X: Matrix, labels: Labels, allClasses: readonly Label[], codes: Int32Array, cv: CrossValidator,
  take: TakeFold,
): void {
  for (const { train, test } of cv.split(X, labels)) {
    const model = cloneEstimator(estimator);
    // X was checked by fitResample: its folds need no second scan (markFinite)
    const Xtrain = take(train, 0);
    const Xtest = take(test, 1);
    markFinite(Xtrain.data);
    markFinite(Xtest.data);
    model.fit(Xtrain, takeLabels(labels, train));
    const P = model.predictProba(Xtest);
    const columns = Array.from((model.classes ?? model.classes_ ?? allClasses) as ArrayLike<Label>);
    const columnOf = new Map<Label, number>(columns.map((label, j) => [label, j]));
    // each class code's column in P (-1: the class was absent from the training folds)
    const columnOfCode = Int32Array.from(allClasses, (label) => columnOf.get(label) ?? -1);
    for (let r = 0; r < test.length; r++) {
      const i = test[r];
      const j = columnOfCode[codes[i]];
      proba[i] = j < 0 ? 0 : P.data[r * P.cols + j];
    }
  }
}

/**
 * Under-sampling by instance hardness (imbalanced-learn's `InstanceHardnessThreshold`): each
 * row's probability of its own class comes from a classifier cross-validated over stratified,
 * shuffled folds; a class to under-sample to n of its `count` rows keeps the rows whose
 * probability is at least the `(1 - n / count) × 100` percentile of its rows' probabilities
 * (so ties can keep more than n rows, as upstream). Output is grouped by class in sorted-label
 * order, original order within a class. Differences from imbalanced-learn: the default
 * classifier is `LogisticRegression` (no random forest here), and the classifier's own random
 * state is not reseeded from `randomState`.
 *
 * @example
 * const iht = new InstanceHardnessThreshold({ estimator: new LogisticRegression(), cv: 5, randomState: 0 });
 * const { X: Xr, y: yr, sampleIndices } = iht.fitResample(X, y);
 */
export class InstanceHardnessThreshold extends BaseUnderSampler<InstanceHardnessThresholdOptions> {
  // X is only read: estimators get copies of its folds, the output is a row selection
  protected override readonly readsXOnly = true;
  /** Stores the options (validated by `fitResample`). */
  constructor(options: InstanceHardnessThresholdOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    const est = this.options.estimator;
    if (est !== undefined && est !== null && (typeof est !== 'object' || typeof est.fit !== 'function' || typeof est.predictProba !== 'function')) {
      throw paramTypeError(owner, 'estimator', 'an object with fit and predictProba methods or null', est);
    }
    const cv = this.options.cv ?? 5;
    if (typeof cv === 'number') checkInteger(owner, 'cv', cv, 2);
    else if (cv === null || typeof cv !== 'object' || typeof (cv as CrossValidator).split !== 'function') {
      throw paramTypeError(owner, 'cv', 'an integer >= 2 or a splitter with split(X, y)', cv);
    }
    checkRandomState(this.options.randomState, owner);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const random = checkRandomState(this.options.randomState, this.samplerName);
    const estimator = this.options.estimator ?? new LogisticRegression();
    const cvOption = this.options.cv ?? 5;
    const cv = typeof cvOption === 'number' ? new StratifiedKFold({ nSplits: cvOption, shuffle: true, randomState: random }) : cvOption;
    const proba = crossValidatedTrueClassProba(estimator, X, ctx.labels(), ctx.classes, codes, cv);
    const byClass = rowsByClass(codes, ctx.nClasses);
    const keep: number[] = [];
    for (let c = 0; c < ctx.nClasses; c++) {
      const rows = byClass[c];
      const n = ctx.strategy.get(c);
      if (n === undefined) {
        for (const i of rows) keep.push(i);
        continue;
      }
      const classProba = Array.from(rows, (i) => proba[i]);
      const threshold = percentileLinear(classProba, (1.0 - n / rows.length) * 100.0);
      rows.forEach((i, r) => { if (classProba[r] >= threshold) keep.push(i); });
    }
    const sampleIndices = Int32Array.from(keep);
    return { X: takeRows(X, sampleIndices), codes: sampleIndices.map((i) => codes[i]), sampleIndices };
  }
}
