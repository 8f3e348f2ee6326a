/**
 * imbalanced-learn's metrics: sensitivity, specificity, the geometric mean, the index balanced
 * accuracy wrapper and the macro-averaged mean absolute error.
 */
import { checkNumber, checkBoolean, formatValue } from '../core/errors.js';
import type { Label, LabelsLike } from '../core/types.js';
import { labelSums } from './confusion.js';
import { average, npSum } from './numeric.js';
import { checkAverage, prfDivide, type Average } from './prf.js';
import { warnMetric } from './warnings.js';
import { checkLabelList, checkSampleWeight, checkTargets, decodeValues, labelRepr, type Targets } from './targets.js';

/** Options of the sensitivity / specificity functions. */
export interface SensSpecOptions {
  labels?: Label[] | null;
  posLabel?: Label | null;
  average?: Average;
  sampleWeight?: ArrayLike<number> | null;
}

/** Per-label arrays (`average: null`) or averaged numbers; `support` is null once averaged. */
export interface SensitivitySpecificitySupport<T = number | number[]> {
  sensitivity: T;
  specificity: T;
  support: number[] | number | null;
}

function numpyArrayRepr(labels: readonly Label[]): string {
  return `array([${labels.map(labelRepr).join(', ')}])`;
}

function sensSpecOf(targets: Targets, options: SensSpecOptions, owner: string, warnFor: readonly string[] = ['sensitivity', 'specificity']): SensitivitySpecificitySupport {
  const avg = checkAverage(options.average === undefined ? null : options.average);
  const posLabel = options.posLabel === undefined ? 1 : options.posLabel;
  const weights = checkSampleWeight(options.sampleWeight, targets.n, owner);
  let labels = checkLabelList(options.labels, owner);
  if (avg === 'binary') {
    if (targets.type !== 'binary') {
      throw new RangeError(`Target is ${targets.type} but average='binary'. Please choose another average setting.`);
    }
    if (posLabel === null || !targets.classes.includes(posLabel)) {
      if (targets.classes.length < 2) return { sensitivity: 0, specificity: 0, support: 0 };
      throw new RangeError(`pos_label=${posLabel === null ? 'None' : labelRepr(posLabel)} is not a valid label: ${numpyArrayRepr(targets.classes)}`);
    }
    labels = [posLabel];
  } else if (posLabel !== null && posLabel !== 1) {
    warnMetric('UserWarning', `Note that pos_label (set to ${labelRepr(posLabel)}) is ignored when average != 'binary' (got ${avg === null ? 'None' : `'${avg}'`}). You may use labels=[pos_label] to specify a single positive class.`);
  }
  if (avg === 'samples') {
    throw new RangeError('Sample-based precision, recall, fscore is not meaningful outside multilabel classification. See the accuracy_score instead.');
  }
  let { tp, predSum, trueSum } = labelSums(targets, labels, weights);
  // imbalanced-learn counts true negatives from the unweighted number of samples.
  const n = targets.n;
  let tn = tp.map((t, i) => n - (predSum[i] + trueSum[i] - t));
  if (avg === 'micro') {
    const s = (a: Float64Array) => Float64Array.of(npSum(a));
    tp = s(tp); predSum = s(predSum); trueSum = s(trueSum); tn = s(tn);
  }
  const specDen = tn.map((t, i) => t + predSum[i] - tp[i]);
  const specificity = prfDivide(tn, specDen, 'warn', { metric: 'specificity', modifier: 'predicted', average: avg, warnFor });
  const sensitivity = prfDivide(tp, trueSum, 'warn', { metric: 'sensitivity', modifier: 'true', average: avg, warnFor });
  if (avg === null) return { sensitivity: Array.from(sensitivity), specificity: Array.from(specificity), support: Array.from(trueSum) };
  let w: Float64Array | null = null;
  if (avg === 'weighted') {
    w = trueSum;
    if (npSum(w) === 0) return { sensitivity: 0, specificity: 0, support: null };
  }
  return { sensitivity: average(sensitivity, w), specificity: average(specificity, w), support: null };
}

/**
 * imbalanced-learn's `sensitivity_specificity_support` (default `average: null`).
 * @example sensitivitySpecificitySupport([0, 1, 1], [0, 1, 0]) // {sensitivity: [1, 0.5], specificity: [0.5, 1], support: [1, 2]}
 */
export function sensitivitySpecificitySupport(yTrue: LabelsLike, yPred: LabelsLike, options: SensSpecOptions = {}): SensitivitySpecificitySupport {
  const owner = 'sensitivitySpecificitySupport';
  return sensSpecOf(checkTargets(yTrue, yPred, owner), options, owner);
}

/**
 * imbalanced-learn's `sensitivity_score` (recall of the positive class; default `average: 'binary'`).
 * @example sensitivityScore([0, 1, 1], [0, 1, 0]) // 0.5
 */
export function sensitivityScore(yTrue: LabelsLike, yPred: LabelsLike, options: SensSpecOptions & { average: null }): number[];
export function sensitivityScore(yTrue: LabelsLike, yPred: LabelsLike, options?: SensSpecOptions): number;
export function sensitivityScore(yTrue: LabelsLike, yPred: LabelsLike, options: SensSpecOptions = {}): number | number[] {
  const owner = 'sensitivityScore';
  const average = options.average === undefined ? 'binary' : options.average;
  return sensSpecOf(checkTargets(yTrue, yPred, owner), { ...options, average }, owner, ['sensitivity']).sensitivity;
}

/**
 * imbalanced-learn's `specificity_score` (recall of the negative class; default `average: 'binary'`).
 * @example specificityScore([0, 1, 1, 0], [0, 1, 0, 1]) // 0.5
 */
export function specificityScore(yTrue: LabelsLike, yPred: LabelsLike, options: SensSpecOptions & { average: null }): number[];
export function specificityScore(yTrue: LabelsLike, yPred: LabelsLike, options?: SensSpecOptions): number;
export function specificityScore(yTrue: LabelsLike, yPred: LabelsLike, options: SensSpecOptions = {}): number | number[] {
  const owner = 'specificityScore';
  const average = options.average === undefined ? 'binary' : options.average;
  return sensSpecOf(checkTargets(yTrue, yPred, owner), { ...options, average }, owner, ['specificity']).specificity;
}

/** Options of `geometricMeanScore`. */
export interface GeometricMeanOptions extends Omit<SensSpecOptions, 'average'> {
  /** `'multiclass'` (default): geometric mean of the per-class recalls; otherwise sqrt(sensitivity × specificity). */
  average?: Average | 'multiclass';
  /** Value replacing a zero recall in the `'multiclass'` mean (default 0). */
  correction?: number;
}

/**
 * imbalanced-learn's `geometric_mean_score`.
 * @example geometricMeanScore([0, 0, 1, 1], [0, 1, 1, 1]) // sqrt(0.5 * 1)
 */
export function geometricMeanScore(yTrue: LabelsLike, yPred: LabelsLike, options: GeometricMeanOptions & { average: null }): number[];
export function geometricMeanScore(yTrue: LabelsLike, yPred: LabelsLike, options?: GeometricMeanOptions): number;
export function geometricMeanScore(yTrue: LabelsLike, yPred: LabelsLike, options: GeometricMeanOptions = {}): number | number[] {
  const owner = 'geometricMeanScore';
  const targets = checkTargets(yTrue, yPred, owner);
  const avg = options.average === undefined ? 'multiclass' : options.average;
  const correction = checkNumber(owner, 'correction', options.correction ?? 0, { min: 0 });
  if (avg !== 'multiclass') {
    const { sensitivity, specificity } = sensSpecOf(targets, { ...options, average: avg }, owner, ['specificity', 'specificity']);
    const sqrt = (x: number) => {
      if (x < 0) warnMetric('RuntimeWarning', 'invalid value encountered in sqrt');
      return Math.sqrt(x);
    };
    if (Array.isArray(sensitivity)) {
      const products = sensitivity.map((s, i) => s * (specificity as number[])[i]);
      if (products.some((x) => x < 0)) warnMetric('RuntimeWarning', 'invalid value encountered in sqrt');
      return products.map((x) => Math.sqrt(x));
    }
    return sqrt(sensitivity * (specificity as number));
  }
  const weights = checkSampleWeight(options.sampleWeight, targets.n, owner);
  const { tp, trueSum } = labelSums(targets, checkLabelList(options.labels, owner), weights);
  const recall = prfDivide(tp, trueSum, 'warn', { metric: 'recall', modifier: 'true', average: null, warnFor: 'recall' });
  if (recall.length === 0) return 0;
  const logs = recall.map((r) => Math.log(r === 0 ? correction : r));
  return Math.exp(npSum(logs) / logs.length);
}

/** A metric of (yTrue, yPred, options) as the index balanced accuracy wraps it. */
export type PredictionMetric = (yTrue: LabelsLike, yPred: LabelsLike, options?: any) => number | number[];

/** The default `average` of the library's metrics, for the wrapper (Python reads it from the signature). */
const DEFAULT_AVERAGE = new Map<Function, Average | 'multiclass' | undefined>();

/** Options of `makeIndexBalancedAccuracy`. */
export interface IndexBalancedAccuracyOptions {
  /** Weight of the dominance (sensitivity − specificity), default 0.1. */
  alpha?: number;
  /** Square the metric before weighting it (default true). */
  squared?: boolean;
}

/**
 * imbalanced-learn's `make_index_balanced_accuracy`: wraps a metric so that it returns
 * `(1 + alpha * (sensitivity - specificity)) * metric` (the metric squared by default).
 * Sensitivity and specificity are computed with the `labels`, `posLabel`, `average` and
 * `sampleWeight` the wrapped call receives (the metric's default `average` when not given;
 * `'multiclass'` of `geometricMeanScore` becomes `'macro'`, `accuracyScore` uses `'binary'`).
 * @example
 * const gmeanIba = makeIndexBalancedAccuracy({ alpha: 0.1, squared: true })(geometricMeanScore);
 * gmeanIba(yTrue, yPred);
 */
export function makeIndexBalancedAccuracy(options: IndexBalancedAccuracyOptions = {}): <F extends PredictionMetric>(metric: F) => F {
  const owner = 'makeIndexBalancedAccuracy';
  const alpha = checkNumber(owner, 'alpha', options.alpha ?? 0.1);
  const squared = checkBoolean(owner, 'squared', options.squared ?? true);
  return <F extends PredictionMetric>(metric: F): F => {
    if (typeof metric !== 'function') throw new TypeError(`${owner} wraps a metric function. Got ${formatValue(metric)}.`);
    const wrapped = (yTrue: LabelsLike, yPred: LabelsLike, opts: Record<string, any> = {}) => {
      let score = metric(yTrue, yPred, opts);
      if (squared) score = Array.isArray(score) ? score.map((s) => s ** 2) : score ** 2;
      let avg: Average | 'multiclass' | undefined = opts.average !== undefined ? opts.average : DEFAULT_AVERAGE.get(metric);
      if (metric === (geometricMeanScore as unknown) && avg === 'multiclass') avg = 'macro';
      const { sensitivity, specificity } = sensitivitySpecificitySupport(yTrue, yPred, {
        labels: opts.labels, posLabel: opts.posLabel, sampleWeight: opts.sampleWeight,
        average: avg === undefined ? null : (avg as Average),
      });
      const weigh = (s: number, sen: number, spe: number) => (1 + alpha * (sen - spe)) * s;
      if (Array.isArray(sensitivity)) {
        const spe = specificity as number[];
        return sensitivity.map((sen, i) => weigh(Array.isArray(score) ? score[i] : score, sen, spe[i]));
      }
      if (Array.isArray(score)) return score.map((s) => weigh(s, sensitivity, specificity as number));
      return weigh(score, sensitivity, specificity as number);
    };
    Object.defineProperty(wrapped, 'name', { value: metric.name });
    return wrapped as unknown as F;
  };
}

/** Registers the default `average` of a metric for `makeIndexBalancedAccuracy`. */
export function registerDefaultAverage(metric: Function, average: Average | 'multiclass' | undefined): void {
  DEFAULT_AVERAGE.set(metric, average);
}

registerDefaultAverage(geometricMeanScore, 'multiclass');
registerDefaultAverage(sensitivityScore, 'binary');
registerDefaultAverage(specificityScore, 'binary');
registerDefaultAverage(sensitivitySpecificitySupport as unknown as Function, null);

/** Options of `macroAveragedMeanAbsoluteError`. */
export interface MacroMaeOptions {
  sampleWeight?: ArrayLike<number> | null;
}

/**
 * imbalanced-learn's `macro_averaged_mean_absolute_error`: the mean over classes of the mean
 * absolute error of the samples of that class (ordinal classification, numeric labels).
 * @example macroAveragedMeanAbsoluteError([1, 1, 2, 2], [1, 2, 2, 2]) // (0.5 + 0) / 2
 */
export function macroAveragedMeanAbsoluteError(yTrue: LabelsLike, yPred: LabelsLike, options: MacroMaeOptions = {}): number {
  const owner = 'macroAveragedMeanAbsoluteError';
  const targets = checkTargets(yTrue, yPred, owner);
  if (targets.kind === 'string') throw new TypeError(`${owner} needs numeric (ordinal) labels.`);
  const n = targets.n;
  const weights = checkSampleWeight(options.sampleWeight, n, owner) ?? new Float64Array(n).fill(1);
  const yt = decodeValues(targets.trueCodes, targets.classes) as number[];
  const yp = decodeValues(targets.predCodes, targets.classes) as number[];
  const maes = targets.classes.map((c) => {
    const errors: number[] = [];
    const w: number[] = [];
    for (let i = 0; i < n; i++) if (yt[i] === c) { errors.push(Math.abs(yp[i] - yt[i])); w.push(weights[i]); }
    return average(errors, w);
  });
  return npSum(maes) / maes.length;
}
