/**
 * The text reports: scikit-learn's `classification_report` and imbalanced-learn's
 * `classification_report_imbalanced`, formatted character for character as Python prints them,
 * or as the dicts Python returns with `outputDict: true`.
 */
import { checkBoolean, checkInteger, checkNumber } from '../core/errors.js';
import type { Label, LabelsLike } from '../core/types.js';
import { geometricMeanScore, makeIndexBalancedAccuracy, specificityScore } from './imbalanced.js';
import { average, formatFixed, npSum, pyFloatRepr } from './numeric.js';
import { checkZeroDivision, prfsOf, type ZeroDivision } from './prf.js';
import { warnMetric } from './warnings.js';
import { checkLabelList, checkSampleWeight, checkTargets } from './targets.js';

/** Options of the two reports. */
export interface ClassificationReportOptions {
  /** Labels to report, in this order (default: the sorted labels of both arrays). */
  labels?: Label[] | null;
  /** Display names of the labels (default: the labels as text). */
  targetNames?: string[] | null;
  sampleWeight?: ArrayLike<number> | null;
  /** Digits after the point in the text (default 2). */
  digits?: number;
  /** Return Python's dict (as an object) instead of the text. */
  outputDict?: boolean;
  zeroDivision?: ZeroDivision;
}

/** Options of `classificationReportImbalanced`. */
export interface ClassificationReportImbalancedOptions extends ClassificationReportOptions {
  /** `alpha` of the index balanced accuracy column (default 0.1). */
  alpha?: number;
}

/** One row of `classificationReport(..., { outputDict: true })`. */
export interface ReportRow {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

/** `classificationReport(..., { outputDict: true })`: rows keyed by name, plus `accuracy` or `micro avg`. */
export type ClassificationReportDict = Record<string, ReportRow | number>;

/** A row of the imbalanced report dict. */
export interface ImbalancedReportRow {
  pre: number; rec: number; spe: number; f1: number; geo: number; iba: number; sup: number;
}

/** `classificationReportImbalanced(..., { outputDict: true })`: rows by label, then `avg_*` and `total_support`. */
export type ClassificationReportImbalancedDict = Record<string, ImbalancedReportRow | number>;

/** Python's `'%s' % label`. */
function labelText(label: Label): string {
  return typeof label === 'string' ? label : Number.isInteger(label) ? String(label) : pyFloatRepr(label);
}

/** Python's `'{}'.format(support)`: an int, or a float's repr once weighted. */
function supportText(x: number, weighted: boolean): string {
  return weighted ? pyFloatRepr(x) : String(x);
}

function resolveNames(labels: Label[], targetNames: string[] | null | undefined, labelsGiven: boolean): string[] {
  if (targetNames !== null && targetNames !== undefined && targetNames.length !== labels.length) {
    if (!labelsGiven) {
      throw new RangeError(`Number of classes, ${labels.length}, does not match size of target_names, ${targetNames.length}. Try specifying the labels parameter`);
    }
    warnMetric('UserWarning', `labels size, ${labels.length}, does not match size of target_names, ${targetNames.length}`);
  }
  return targetNames ?? labels.map(labelText);
}

/**
 * scikit-learn's `classification_report`: precision, recall, F1 and support per label, then
 * accuracy (or micro avg), macro avg and weighted avg.
 * @example console.log(classificationReport(yTest, yPred, { digits: 3 }));
 */
export function classificationReport(yTrue: LabelsLike, yPred: LabelsLike, options: ClassificationReportOptions & { outputDict: true }): ClassificationReportDict;
export function classificationReport(yTrue: LabelsLike, yPred: LabelsLike, options?: ClassificationReportOptions): string;
export function classificationReport(yTrue: LabelsLike, yPred: LabelsLike, options: ClassificationReportOptions = {}): string | ClassificationReportDict {
  const owner = 'classificationReport';
  const targets = checkTargets(yTrue, yPred, owner);
  const given = checkLabelList(options.labels, owner);
  const digits = checkInteger(owner, 'digits', options.digits ?? 2, 0);
  const outputDict = checkBoolean(owner, 'outputDict', options.outputDict ?? false);
  const zeroDivision = checkZeroDivision(owner, options.zeroDivision ?? 'warn');
  const weights = checkSampleWeight(options.sampleWeight, targets.n, owner);
  const labels = given ?? targets.classes;
  const present = new Set(targets.classes);
  const microIsAccuracy = given === undefined || (new Set(given).size === present.size && given.every((l) => present.has(l)));
  const names = resolveNames(labels, options.targetNames, given !== undefined);
  const common = { labels, sampleWeight: weights, zeroDivision };
  const per = prfsOf(targets, { ...common, average: null }, owner);
  const p = per.precision as number[], r = per.recall as number[], f = per.fbetaScore as number[], s = per.support!;
  const totalSupport = npSum(s);
  const weighted = weights !== null;
  const headers = ['precision', 'recall', 'f1-score', 'support'] as const;
  const averages = ['micro', 'macro', 'weighted'] as const;
  if (outputDict) {
    const dict: ClassificationReportDict = {};
    names.forEach((name, i) => { dict[name] = { precision: p[i], recall: r[i], 'f1-score': f[i], support: s[i] }; });
    for (const avg of averages) {
      const heading = avg === 'micro' && microIsAccuracy ? 'accuracy' : `${avg} avg`;
      const a = prfsOf(targets, { ...common, average: avg }, owner);
      if (heading === 'accuracy') dict.accuracy = a.precision as number;
      else dict[heading] = { precision: a.precision as number, recall: a.recall as number, 'f1-score': a.fbetaScore as number, support: totalSupport };
    }
    return dict;
  }
  const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits);
  const pad = (text: string, w: number) => text.padStart(w);
  let report = pad('', width) + ' ' + headers.map((h) => ' ' + pad(h, 9)).join('') + '\n\n';
  const row = (name: string, vals: number[], support: number) =>
    pad(name, width) + ' ' + vals.map((v) => ' ' + pad(formatFixed(v, digits), 9)).join('') + ' ' + pad(supportText(support, weighted), 9) + '\n';
  names.forEach((name, i) => { report += row(name, [p[i], r[i], f[i]], s[i]); });
  report += '\n';
  for (const avg of averages) {
    const heading = avg === 'micro' && microIsAccuracy ? 'accuracy' : `${avg} avg`;
    const a = prfsOf(targets, { ...common, average: avg }, owner);
    if (heading === 'accuracy') {
      report += pad(heading, width) + ' ' + ' ' + pad('', 9) + ' ' + pad('', 9) + ' ' + pad(formatFixed(a.fbetaScore as number, digits), 9)
        + ' ' + pad(supportText(totalSupport, weighted), 9) + '\n';
    } else {
      report += row(heading, [a.precision as number, a.recall as number, a.fbetaScore as number], totalSupport);
    }
  }
  return report;
}

/**
 * imbalanced-learn's `classification_report_imbalanced`: precision, recall, specificity, F1,
 * geometric mean, index balanced accuracy and support per label, then the support-weighted
 * averages (`avg / total`).
 * @example console.log(classificationReportImbalanced(yTest, yPred));
 */
export function classificationReportImbalanced(yTrue: LabelsLike, yPred: LabelsLike, options: ClassificationReportImbalancedOptions & { outputDict: true }): ClassificationReportImbalancedDict;
export function classificationReportImbalanced(yTrue: LabelsLike, yPred: LabelsLike, options?: ClassificationReportImbalancedOptions): string;
export function classificationReportImbalanced(yTrue: LabelsLike, yPred: LabelsLike, options: ClassificationReportImbalancedOptions = {}): string | ClassificationReportImbalancedDict {
  const owner = 'classificationReportImbalanced';
  const targets = checkTargets(yTrue, yPred, owner);
  const given = checkLabelList(options.labels, owner);
  const digits = checkInteger(owner, 'digits', options.digits ?? 2, 0);
  const alpha = checkNumber(owner, 'alpha', options.alpha ?? 0.1);
  const outputDict = checkBoolean(owner, 'outputDict', options.outputDict ?? false);
  const zeroDivision = checkZeroDivision(owner, options.zeroDivision ?? 'warn');
  const weights = checkSampleWeight(options.sampleWeight, targets.n, owner);
  const labels = given ?? targets.classes;
  const names = options.targetNames ?? labels.map(labelText);
  const lastHeading = 'avg / total';
  const width = Math.max(...names.map((n) => n.length), lastHeading.length, digits);
  const per = prfsOf(targets, { labels, average: null, sampleWeight: weights, zeroDivision }, owner);
  const common = { labels, average: null, sampleWeight: weights } as const;
  const spe = specificityScore(yTrue, yPred, common) as number[];
  const geo = geometricMeanScore(yTrue, yPred, common) as number[];
  const iba = makeIndexBalancedAccuracy({ alpha, squared: true })(geometricMeanScore)(yTrue, yPred, common) as number[];
  const support = per.support!;
  const columns: [string, number[]][] = [
    ['pre', per.precision as number[]], ['rec', per.recall as number[]], ['spe', spe],
    ['f1', per.fbetaScore as number[]], ['geo', geo], ['iba', iba],
  ];
  const weighted = weights !== null;
  const line = (cells: string[]) => cells[0].padStart(width) + '  ' + cells.slice(1).map((c) => c.padStart(9)).join(' ') + '\n';
  let report = line(['', 'pre', 'rec', 'spe', 'f1', 'geo', 'iba', 'sup']) + '\n';
  const dict: ClassificationReportImbalancedDict = {};
  labels.forEach((label, i) => {
    const row: Record<string, number> = {};
    const cells = [names[i]];
    for (const [name, values] of columns) {
      cells.push(formatFixed(values[i], digits));
      row[name] = values[i];
    }
    cells.push(supportText(support[i], weighted));
    row.sup = support[i];
    report += line(cells);
    dict[labelText(label)] = row as unknown as ImbalancedReportRow;
  });
  report += '\n';
  const cells = [lastHeading];
  for (const [name, values] of columns) {
    const avg = average(values, support);
    cells.push(formatFixed(avg, digits));
    dict[`avg_${name}`] = avg;
  }
  const total = npSum(support);
  cells.push(supportText(total, weighted));
  report += line(cells);
  dict.total_support = total;
  return outputDict ? dict : report;
}
