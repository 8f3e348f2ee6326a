/**
 * `TunedThresholdClassifierCV` (scikit-learn 1.5's): chooses the decision threshold of a binary
 * classifier that maximises a metric, by cross-validation, then predicts with it.
 */
import { clone, type Classifier } from '../core/clone.js';
import { checkBoolean, checkInteger, checkKnownOptions, formatValue } from '../core/errors.js';
import { takeLabels } from '../core/labels.js';
import { takeRows, toMatrix } from '../core/matrix.js';
import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import { accuracyScore, balancedAccuracyScore } from '../metrics/confusion.js';
import { f1Score, precisionScore, recallScore } from '../metrics/prf.js';
import { labelValues, uniqueSorted } from '../metrics/targets.js';
import { StratifiedKFold } from '../modelSelection/kFold.js';
import { trainTestSplit } from '../modelSelection/trainTestSplit.js';
import type { RandomStateLike } from '../random/RandomState.js';
import { positiveScores, type ResponseMethod } from './response.js';
import { labelsAtThreshold, linspace } from './thresholds.js';

/** A cross-validation splitter: anything with scikit-learn's `split(X, y)`. */
export interface Splitter {
  split(X: MatrixLike, y: LabelsLike): Iterable<{ train: Int32Array; test: Int32Array }>;
}

/** A metric of (yTrue, yPred, options) to maximise. */
export type ThresholdScorer = (yTrue: LabelsLike, yPred: LabelsLike, options?: { posLabel?: Label; sampleWeight?: ArrayLike<number> }) => number | number[];

/** The scorer names `TunedThresholdClassifierCV` understands. */
export type ScoringName = 'balanced_accuracy' | 'accuracy' | 'f1' | 'precision' | 'recall';

/** Options of `TunedThresholdClassifierCV`. */
export interface TunedThresholdClassifierCVOptions {
  /** The classifier whose threshold is tuned (cloned for every fit). */
  estimator: Classifier;
  /** The metric to maximise (default `'balanced_accuracy'`). */
  scoring?: ScoringName | ThresholdScorer;
  /** Which output of the estimator is thresholded (default `'auto'`: `predictProba`, else `decisionFunction`). */
  responseMethod?: ResponseMethod;
  /**
   * Number of stratified folds (default 5), a fraction in (0, 1) for one stratified shuffled
   * train/validation split of that validation size (drawn with `randomState`), or a splitter with
   * `split(X, y)`.
   */
  cv?: number | Splitter;
  /** The positive class (default: the greater label). */
  posLabel?: Label | null;
  /** Refit the estimator on all the data (default true); otherwise keep the one of the last fold. */
  refit?: boolean;
  /** Number of evenly spaced candidate thresholds (default 100) or the candidates themselves. */
  thresholds?: number | ArrayLike<number>;
  /** Seed of the single shuffled split when `cv` is a fraction. */
  randomState?: RandomStateLike;
}

const KNOWN = ['estimator', 'scoring', 'responseMethod', 'cv', 'posLabel', 'refit', 'thresholds', 'randomState'];

const SCORERS: Record<ScoringName, ThresholdScorer> = {
  balanced_accuracy: (t, p, o) => balancedAccuracyScore(t, p, { sampleWeight: o?.sampleWeight }),
  accuracy: (t, p, o) => accuracyScore(t, p, { sampleWeight: o?.sampleWeight }),
  f1: (t, p, o) => f1Score(t, p, o),
  precision: (t, p, o) => precisionScore(t, p, { ...o, zeroDivision: 0 }),
  recall: (t, p, o) => recallScore(t, p, o),
};

/** `np.interp(x, xp, fp)` for increasing `xp`. */
function interp(x: number, xp: Float64Array, fp: Float64Array): number {
  const n = xp.length;
  if (x <= xp[0]) return fp[0];
  if (x >= xp[n - 1]) return fp[n - 1];
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xp[mid] <= x) lo = mid; else hi = mid;
  }
  if (xp[hi] === xp[lo]) return fp[lo];
  return ((fp[hi] - fp[lo]) / (xp[hi] - xp[lo])) * (x - xp[lo]) + fp[lo];
}

/**
 * Tunes the decision threshold of a binary classifier by cross-validation (scikit-learn's
 * `TunedThresholdClassifierCV`): on each validation fold, the metric is computed at evenly spaced
 * thresholds of the fold's scores; the fold curves are interpolated onto common thresholds and
 * averaged; the best mean wins. `predict` then thresholds the refitted estimator's scores.
 *
 * @example
 * const tuned = new TunedThresholdClassifierCV({ estimator: new LogisticRegression(), scoring: 'f1' }).fit(X, y);
 * tuned.bestThreshold_; tuned.bestScore_; tuned.predict(XTest);
 */
export class TunedThresholdClassifierCV {
  /** The constructor options, unchanged (see `clone`). */
  readonly params: TunedThresholdClassifierCVOptions;
  /** The fitted estimator used by `predict`. */
  estimator_: Classifier | null = null;
  /** The chosen threshold on the estimator's response. */
  bestThreshold_ = NaN;
  /** The mean cross-validated score at `bestThreshold_`. */
  bestScore_ = NaN;
  /** The classes, sorted. */
  classes: Label[] = [];
  /** The candidate thresholds and their mean scores, for plotting. */
  cvResults_: { thresholds: Float64Array; scores: Float64Array } | null = null;
  private kind: 'int' | 'float' | 'string' = 'int';
  private posLabel_: Label = 1;
  private negLabel_: Label = 0;

  constructor(options: TunedThresholdClassifierCVOptions) {
    this.params = options;
  }

  /** Returns the constructor options (for `clone`). */
  getParams(): TunedThresholdClassifierCVOptions {
    return { ...this.params };
  }

  /** Cross-validates the thresholds, keeps the best, and refits the estimator. */
  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    const owner = 'TunedThresholdClassifierCV';
    checkKnownOptions(owner, this.params, KNOWN);
    const { estimator, scoring = 'balanced_accuracy', responseMethod = 'auto', cv = 5, refit = true, thresholds = 100 } = this.params ?? ({} as TunedThresholdClassifierCVOptions);
    if (!estimator || typeof estimator.fit !== 'function') throw new TypeError(`The 'estimator' parameter of ${owner} must be a classifier with fit. Got ${formatValue(estimator)}.`);
    const scorer = typeof scoring === 'function' ? scoring : SCORERS[scoring as ScoringName];
    if (!scorer) throw new RangeError(`The 'scoring' parameter of ${owner} must be one of ${Object.keys(SCORERS).map((k) => `'${k}'`).join(', ')} or a function. Got ${formatValue(scoring)}.`);
    checkBoolean(owner, 'refit', refit);
    const M = toMatrix(X, { owner });
    const { values, kind } = labelValues(y, 'y', owner);
    if (values.length !== M.rows) throw new RangeError(`Found input variables with inconsistent numbers of samples: [${M.rows}, ${values.length}]`);
    const classes = uniqueSorted(values);
    if (classes.length !== 2) throw new RangeError(`Only binary classification is supported. Unknown label type: ${classes.length} classes.`);
    const pos = this.params.posLabel ?? classes[1];
    if (!classes.includes(pos)) throw new RangeError(`The 'posLabel' parameter of ${owner} must be one of the classes. Got ${formatValue(pos)}.`);
    this.classes = classes;
    this.kind = kind;
    this.posLabel_ = pos;
    this.negLabel_ = classes[0] === pos ? classes[1] : classes[0];
    const yArr = (kind === 'string' ? values : Float64Array.from(values as number[])) as Labels;
    let splitter: Splitter;
    if (typeof cv === 'number' && cv > 0 && cv < 1) {
      // One stratified shuffled split (scikit-learn's StratifiedShuffleSplit(n_splits=1, test_size=cv)).
      const { trainIndices, testIndices } = trainTestSplit(M, yArr as LabelsLike, { testSize: cv, stratify: true, randomState: this.params.randomState });
      splitter = { split: () => [{ train: trainIndices, test: testIndices }] };
    } else if (typeof cv === 'number') {
      if (!Number.isInteger(cv) || cv < 2) {
        throw new RangeError(`The 'cv' parameter of ${owner} must be an integer >= 2, a fraction in (0, 1) or a splitter with split(X, y). Got ${formatValue(cv)}.`);
      }
      splitter = new StratifiedKFold({ nSplits: cv });
    } else {
      splitter = cv;
    }
    if (!splitter || typeof splitter.split !== 'function') throw new TypeError(`The 'cv' parameter of ${owner} must be an integer >= 2 or a splitter with split(X, y). Got ${formatValue(cv)}.`);
    const nThresholds = typeof thresholds === 'number' ? checkInteger(owner, 'thresholds', thresholds, 1) : 0;
    const foldCurves: { th: Float64Array; sc: Float64Array }[] = [];
    let last: Classifier | null = null;
    for (const { train, test } of splitter.split(M, yArr as LabelsLike)) {
      const model = clone(estimator);
      const wTrain = sampleWeight ? Float64Array.from(train, (i) => sampleWeight[i]) : undefined;
      if (wTrain) model.fit(takeRows(M, train), takeLabels(yArr, train), wTrain); else model.fit(takeRows(M, train), takeLabels(yArr, train));
      const s = positiveScores(model, takeRows(M, test), pos, responseMethod, owner);
      const yTest = takeLabels(yArr, test);
      const wTest = sampleWeight ? Float64Array.from(test, (i) => sampleWeight[i]) : undefined;
      let lo = Infinity, hi = -Infinity;
      for (const v of s) { if (v < lo) lo = v; if (v > hi) hi = v; }
      const th = typeof thresholds === 'number' ? linspace(lo, hi, nThresholds) : Float64Array.from(thresholds).sort();
      const sc = Float64Array.from(th, (t) => {
        const pred = labelsAtThreshold(s, t, pos, this.negLabel_);
        const v = scorer(yTest as LabelsLike, (kind === 'string' ? pred : Float64Array.from(pred as number[])) as LabelsLike, { posLabel: pos, sampleWeight: wTest });
        if (typeof v !== 'number') throw new TypeError(`${owner}: the scoring function must return a number. Got ${formatValue(v)}.`);
        return v;
      });
      foldCurves.push({ th, sc });
      last = model;
    }
    if (foldCurves.length === 0) throw new RangeError(`${owner}: the splitter produced no split.`);
    if (foldCurves.some(({ th }) => Math.abs(th[0] - th[th.length - 1]) <= 1e-8 + 1e-5 * Math.abs(th[th.length - 1])) && typeof thresholds === 'number') {
      throw new RangeError('The provided estimator makes constant predictions. Therefore, it is impossible to optimize the decision threshold.');
    }
    const minT = Math.min(...foldCurves.map((f) => f.th[0]));
    const maxT = Math.max(...foldCurves.map((f) => f.th[f.th.length - 1]));
    const candidates = typeof thresholds === 'number' ? linspace(minT, maxT, nThresholds) : Float64Array.from(thresholds);
    const mean = Float64Array.from(candidates, (t) => foldCurves.reduce((acc, f) => acc + interp(t, f.th, f.sc), 0) / foldCurves.length);
    let best = 0;
    for (let i = 1; i < mean.length; i++) if (mean[i] > mean[best]) best = i;
    this.bestThreshold_ = candidates[best];
    this.bestScore_ = mean[best];
    this.cvResults_ = { thresholds: candidates, scores: mean };
    if (refit) {
      const model = clone(estimator);
      if (sampleWeight) model.fit(M, yArr as LabelsLike, sampleWeight); else model.fit(M, yArr as LabelsLike);
      this.estimator_ = model;
    } else {
      this.estimator_ = last;
    }
    return this;
  }

  private fitted(): Classifier {
    if (!this.estimator_) throw new Error('This TunedThresholdClassifierCV instance is not fitted yet. Call fit first.');
    return this.estimator_;
  }

  /** Labels: the positive class where the estimator's response is `>= bestThreshold_`. */
  predict(X: MatrixLike): Labels {
    const s = positiveScores(this.fitted(), X, this.posLabel_, this.params.responseMethod ?? 'auto', 'TunedThresholdClassifierCV');
    const pred = labelsAtThreshold(s, this.bestThreshold_, this.posLabel_, this.negLabel_);
    if (this.kind === 'string') return pred as string[];
    return this.kind === 'int' ? Int32Array.from(pred as number[]) : Float64Array.from(pred as number[]);
  }

  /** The estimator's probabilities (unchanged by the threshold). */
  predictProba(X: MatrixLike): Matrix {
    const e = this.fitted();
    if (typeof e.predictProba !== 'function') throw new TypeError('TunedThresholdClassifierCV: the estimator has no predictProba method.');
    return e.predictProba(X);
  }

  /** The estimator's decision function (unchanged by the threshold). */
  decisionFunction(X: MatrixLike): Float64Array | Matrix {
    const e = this.fitted();
    if (typeof e.decisionFunction !== 'function') throw new TypeError('TunedThresholdClassifierCV: the estimator has no decisionFunction method.');
    return e.decisionFunction(X);
  }
}
