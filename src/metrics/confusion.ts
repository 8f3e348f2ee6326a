/**
 * Metrics read off the confusion matrix: `confusionMatrix`, `accuracyScore`,
 * `balancedAccuracyScore`, `matthewsCorrcoef`, `cohenKappaScore`, and the per-label
 * true-positive / predicted / true sums every precision-recall style metric starts from.
 */
import { checkBoolean, checkOneOf, formatValue } from '../core/errors.js';
import type { Label, LabelsLike } from '../core/types.js';
import { confusionCounts } from './kernels.js';
import { average, npSum } from './numeric.js';
import { warnMetric } from './warnings.js';
import { checkLabelList, checkSampleWeight, checkTargets, extendedLabels, remapCodes, type Targets } from './targets.js';

/** The (weighted) confusion counts of `targets` over `labels`, row = true label, column = predicted. */
export function confusionOver(targets: Targets, labels: readonly Label[], weights: Float64Array | null): Float64Array {
  return confusionCounts(remapCodes(targets.trueCodes, targets.classes, labels), remapCodes(targets.predCodes, targets.classes, labels), labels.length, weights);
}

/** Per-label sums behind precision, recall, sensitivity and specificity. */
export interface LabelSums {
  /** The scored labels, in the order of the per-label arrays. */
  labels: Label[];
  tp: Float64Array;
  predSum: Float64Array;
  trueSum: Float64Array;
}

/**
 * True positives, predicted and true counts of each label of `labels` (default: the sorted present
 * labels), like scikit-learn's `multilabel_confusion_matrix` for multiclass targets.
 */
export function labelSums(targets: Targets, labels: Label[] | undefined, weights: Float64Array | null): LabelSums {
  const { all, nSelected } = extendedLabels(targets, labels);
  const k = all.length;
  const cm = confusionOver(targets, all, weights);
  const tp = new Float64Array(nSelected);
  const predSum = new Float64Array(nSelected);
  const trueSum = new Float64Array(nSelected);
  for (let c = 0; c < nSelected; c++) {
    tp[c] = cm[c * k + c];
    for (let j = 0; j < k; j++) {
      trueSum[c] += cm[c * k + j];
      predSum[c] += cm[j * k + c];
    }
  }
  return { labels: all.slice(0, nSelected), tp, predSum, trueSum };
}

/** Options of `confusionMatrix`. */
export interface ConfusionMatrixOptions {
  /** Labels indexing the rows and columns (default: the sorted labels of both arrays). */
  labels?: Label[] | null;
  sampleWeight?: ArrayLike<number> | null;
  /** Normalise over the true labels (rows), the predicted labels (columns), or all cells. */
  normalize?: 'true' | 'pred' | 'all' | null;
}

/**
 * scikit-learn's `confusion_matrix`: `C[i][j]` counts samples of true label i predicted as j.
 * @example confusionMatrix([0, 1, 1], [0, 1, 0]) // [[1, 0], [1, 1]]
 */
export function confusionMatrix(yTrue: LabelsLike, yPred: LabelsLike, options: ConfusionMatrixOptions = {}): number[][] {
  const owner = 'confusionMatrix';
  const targets = checkTargets(yTrue, yPred, owner);
  const given = checkLabelList(options.labels, owner);
  const n = targets.n;
  const weights = checkSampleWeight(options.sampleWeight, n, owner);
  const normalize = options.normalize ?? null;
  if (normalize !== null) checkOneOf(owner, 'normalize', normalize, ['true', 'pred', 'all'] as const);
  let labels = targets.classes;
  if (given !== undefined) {
    if (given.length === 0) throw new RangeError("'labels' should contains at least one label.");
    if (n === 0) return given.map(() => given.map(() => 0));
    const inTrue = new Uint8Array(targets.classes.length);
    for (const c of targets.trueCodes) inTrue[c] = 1;
    const present = new Set(targets.classes.filter((_, c) => inTrue[c]));
    if (!given.some((l) => present.has(l))) throw new RangeError('At least one label specified must be in y_true');
    labels = given;
  }
  const k = labels.length;
  const cm = confusionOver(targets, labels, weights);
  const rows: number[][] = [];
  for (let i = 0; i < k; i++) rows.push(Array.from(cm.subarray(i * k, (i + 1) * k)));
  if (normalize === null) return rows;
  const nanToZero = (v: number) => (Number.isNaN(v) ? 0 : v);
  if (normalize === 'true') return rows.map((r) => { const s = npSum(r); return r.map((v) => nanToZero(v / s)); });
  if (normalize === 'pred') {
    const colSums = labels.map((_, j) => npSum(rows.map((r) => r[j])));
    return rows.map((r) => r.map((v, j) => nanToZero(v / colSums[j])));
  }
  const total = npSum(cm);
  return rows.map((r) => r.map((v) => nanToZero(v / total)));
}

/** Options of `accuracyScore`. */
export interface AccuracyScoreOptions {
  /** Return the fraction (default) or the (weighted) count of correct predictions. */
  normalize?: boolean;
  sampleWeight?: ArrayLike<number> | null;
}

/**
 * scikit-learn's `accuracy_score`: the fraction (or count) of exact matches.
 * @example accuracyScore([0, 1, 1, 0], [0, 1, 0, 0]) // 0.75
 */
export function accuracyScore(yTrue: LabelsLike, yPred: LabelsLike, options: AccuracyScoreOptions = {}): number {
  const owner = 'accuracyScore';
  const targets = checkTargets(yTrue, yPred, owner);
  const normalize = checkBoolean(owner, 'normalize', options.normalize ?? true);
  const n = targets.n;
  const weights = checkSampleWeight(options.sampleWeight, n, owner);
  const hits = new Float64Array(n);
  for (let i = 0; i < n; i++) hits[i] = targets.trueCodes[i] === targets.predCodes[i] ? 1 : 0;
  if (normalize) return average(hits, weights);
  if (!weights) return npSum(hits);
  let s = 0;
  for (let i = 0; i < n; i++) s += hits[i] * weights[i];
  return s;
}

/** Options of `balancedAccuracyScore`. */
export interface BalancedAccuracyScoreOptions {
  sampleWeight?: ArrayLike<number> | null;
  /** Rescale so that chance scores 0 and a perfect prediction 1. */
  adjusted?: boolean;
}

/**
 * scikit-learn's `balanced_accuracy_score`: the mean recall over the classes present in `yTrue`.
 * @example balancedAccuracyScore([0, 0, 0, 1], [0, 0, 1, 1]) // (2/3 + 1) / 2
 */
export function balancedAccuracyScore(yTrue: LabelsLike, yPred: LabelsLike, options: BalancedAccuracyScoreOptions = {}): number {
  const owner = 'balancedAccuracyScore';
  const targets = checkTargets(yTrue, yPred, owner);
  const adjusted = checkBoolean(owner, 'adjusted', options.adjusted ?? false);
  const weights = checkSampleWeight(options.sampleWeight, targets.n, owner);
  const k = targets.classes.length;
  const cm = confusionOver(targets, targets.classes, weights);
  const perClass: number[] = [];
  for (let i = 0; i < k; i++) {
    const rowSum = npSum(cm.subarray(i * k, (i + 1) * k));
    const v = cm[i * k + i] / rowSum;
    if (!Number.isNaN(v)) perClass.push(v); // classes only predicted are left out
  }
  if (perClass.length < k) warnMetric('UserWarning', 'y_pred contains classes not in y_true');
  let score = npSum(perClass) / perClass.length;
  if (adjusted) {
    const chance = 1 / perClass.length;
    score -= chance;
    score /= 1 - chance;
  }
  return score;
}

/** Options of `matthewsCorrcoef`. */
export interface MatthewsCorrcoefOptions {
  sampleWeight?: ArrayLike<number> | null;
}

/**
 * scikit-learn's `matthews_corrcoef` (multiclass R_K statistic); 0 when undefined.
 * @example matthewsCorrcoef([1, 1, 0, 0], [1, 0, 0, 0])
 */
export function matthewsCorrcoef(yTrue: LabelsLike, yPred: LabelsLike, options: MatthewsCorrcoefOptions = {}): number {
  const owner = 'matthewsCorrcoef';
  const targets = checkTargets(yTrue, yPred, owner);
  const weights = checkSampleWeight(options.sampleWeight, targets.n, owner);
  const k = targets.classes.length;
  const cm = confusionOver(targets, targets.classes, weights);
  const tSum = new Float64Array(k);
  const pSum = new Float64Array(k);
  let nCorrect = 0;
  for (let i = 0; i < k; i++) {
    nCorrect += cm[i * k + i];
    for (let j = 0; j < k; j++) {
      tSum[i] += cm[i * k + j];
      pSum[j] += cm[i * k + j];
    }
  }
  const nSamples = npSum(pSum);
  let tp = 0, pp = 0, tt = 0;
  for (let i = 0; i < k; i++) {
    tp += tSum[i] * pSum[i];
    pp += pSum[i] * pSum[i];
    tt += tSum[i] * tSum[i];
  }
  const covYtYp = nCorrect * nSamples - tp;
  const covYpYp = nSamples ** 2 - pp;
  const covYtYt = nSamples ** 2 - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}

/** Options of `cohenKappaScore`. */
export interface CohenKappaScoreOptions {
  labels?: Label[] | null;
  /** Disagreement weights: none (0/1), `'linear'` or `'quadratic'` in the label distance. */
  weights?: 'linear' | 'quadratic' | null;
  sampleWeight?: ArrayLike<number> | null;
}

/**
 * scikit-learn's `cohen_kappa_score`: agreement between two labelings beyond chance.
 * @example cohenKappaScore([0, 1, 1, 0], [0, 1, 0, 0]) // 0.5
 */
export function cohenKappaScore(y1: LabelsLike, y2: LabelsLike, options: CohenKappaScoreOptions = {}): number {
  const owner = 'cohenKappaScore';
  const confusion = confusionMatrix(y1, y2, { labels: options.labels, sampleWeight: options.sampleWeight });
  const kind = options.weights ?? null;
  if (kind !== null && kind !== 'linear' && kind !== 'quadratic') {
    throw new RangeError(`Unknown kappa weighting type. The 'weights' parameter of ${owner} must be one of 'linear', 'quadratic' or null. Got ${formatValue(kind)}.`);
  }
  const k = confusion.length;
  const sum0 = new Float64Array(k);
  const sum1 = new Float64Array(k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { sum0[j] += confusion[i][j]; sum1[i] += confusion[i][j]; }
  const total = npSum(sum0);
  const w = (i: number, j: number) => (kind === null ? (i === j ? 0 : 1) : kind === 'linear' ? Math.abs(i - j) : (i - j) ** 2);
  const num = new Float64Array(k * k);
  const den = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      num[i * k + j] = w(i, j) * confusion[i][j];
      den[i * k + j] = w(i, j) * ((sum0[i] * sum1[j]) / total);
    }
  }
  return 1 - npSum(num) / npSum(den);
}
