import { paramTypeError } from '../core/errors.js';
import { encodeLabels, takeLabels, makeLabels } from '../core/labels.js';
import { takeRows, toMatrix } from '../core/matrix.js';
import type { LabelsLike, MatrixLike } from '../core/types.js';
import { StratifiedKFold } from '../modelSelection/index.js';
import { clone as cloneEstimator } from '../core/clone.js';
import { getScorer, type Scorer } from './scorers.js';
import type { Estimator } from './types.js';

/** A cross-validation splitter: anything with `split(X, y)` yielding train/test index arrays. */
export interface Splitter {
  split(X: MatrixLike, y?: LabelsLike): Iterable<{ train: Int32Array; test: Int32Array }>;
}

/** Options of `crossValidate`. */
export interface CrossValidateOptions {
  /** Folds: a number (StratifiedKFold without shuffling, as scikit-learn does for classifiers) or a splitter. Default 5. */
  cv?: number | Splitter;
  /** A scorer name ('f1', 'roc_auc', 'geometric_mean', ...), a function, a list of names, or a record of them. Default: the estimator's accuracy. */
  scoring?: string | Scorer | readonly string[] | Record<string, string | Scorer>;
  /** Also score each fold's training data. */
  returnTrainScore?: boolean;
  /** Called after each fold with (done, total): progress for long runs. */
  onProgress?: (done: number, total: number) => void;
}

/** What `crossValidate` returns: one value per fold. */
export interface CrossValidateResult {
  fitTime: Float64Array;
  scoreTime: Float64Array;
  /** Test scores per scorer name (`score` when one unnamed scorer was given). */
  test: Record<string, Float64Array>;
  /** Training scores per scorer name, with `returnTrainScore`. */
  train?: Record<string, Float64Array>;
}

function resolveScorers(scoring: CrossValidateOptions['scoring']): Record<string, Scorer> {
  if (scoring === undefined) return { score: getScorer('accuracy') };
  if (typeof scoring === 'string' || typeof scoring === 'function') return { score: getScorer(scoring) };
  if (Array.isArray(scoring)) return Object.fromEntries(scoring.map((s) => [s, getScorer(s)]));
  if (typeof scoring === 'object' && scoring !== null) {
    return Object.fromEntries(Object.entries(scoring as Record<string, string | Scorer>).map(([k, s]) => [k, getScorer(s)]));
  }
  throw paramTypeError('crossValidate', 'scoring', 'a scorer name, a function, a list or a record of them', scoring);
}

/**
 * scikit-learn's `cross_validate`: fits a fresh clone of `estimator` on each training fold and
 * scores it on the test fold. A `Pipeline` with samplers resamples only the training folds.
 * @example
 * const cv = new RepeatedStratifiedKFold({ nSplits: 5, nRepeats: 3, randomState: 1 });
 * const r = crossValidate(makePipeline(new SMOTE(), new LogisticRegression()), X, y, { cv, scoring: ['f1', 'roc_auc'] });
 * r.test.f1 // Float64Array of 15 fold scores
 */
export function crossValidate(estimator: Estimator, X: MatrixLike, y: LabelsLike, options: CrossValidateOptions = {}): CrossValidateResult {
  const Xm = toMatrix(X, { owner: 'crossValidate' });
  const enc = encodeLabels(y, { owner: 'crossValidate', length: Xm.rows });
  const labels = makeLabels(Array.from(y as ArrayLike<number | string>), enc.kind);
  const cv = options.cv ?? 5;
  const splitter: Splitter = typeof cv === 'number' ? new StratifiedKFold({ nSplits: cv }) : cv;
  if (typeof splitter?.split !== 'function') throw paramTypeError('crossValidate', 'cv', 'a number of folds or a splitter with split(X, y)', cv);
  const scorers = resolveScorers(options.scoring);
  const folds = [...splitter.split(Xm, labels)];
  const fitTime = new Float64Array(folds.length);
  const scoreTime = new Float64Array(folds.length);
  const test: Record<string, Float64Array> = {};
  const train: Record<string, Float64Array> = {};
  for (const name of Object.keys(scorers)) {
    test[name] = new Float64Array(folds.length);
    if (options.returnTrainScore) train[name] = new Float64Array(folds.length);
  }
  folds.forEach(({ train: tr, test: te }, f) => {
    const model = cloneEstimator(estimator);
    const Xtr = takeRows(Xm, tr);
    const ytr = takeLabels(labels, tr);
    let t = performance.now();
    model.fit(Xtr, ytr);
    fitTime[f] = (performance.now() - t) / 1000;
    t = performance.now();
    const Xte = takeRows(Xm, te);
    const yte = takeLabels(labels, te);
    for (const [name, scorer] of Object.entries(scorers)) {
      test[name][f] = scorer(model, Xte, yte);
      if (options.returnTrainScore) train[name][f] = scorer(model, Xtr, ytr);
    }
    scoreTime[f] = (performance.now() - t) / 1000;
    options.onProgress?.(f + 1, folds.length);
  });
  return options.returnTrainScore ? { fitTime, scoreTime, test, train } : { fitTime, scoreTime, test };
}

/**
 * scikit-learn's `cross_val_score`: the test scores of one scorer, one per fold.
 * @example crossValScore(new LogisticRegression(), X, y, { cv: 5, scoring: 'roc_auc' })
 */
export function crossValScore(
  estimator: Estimator, X: MatrixLike, y: LabelsLike,
  options: { cv?: number | Splitter; scoring?: string | Scorer; onProgress?: (done: number, total: number) => void } = {},
): Float64Array {
  return crossValidate(estimator, X, y, { ...options, scoring: options.scoring ?? 'accuracy' }).test.score;
}
