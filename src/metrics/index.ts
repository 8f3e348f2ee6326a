/**
 * Metrics with scikit-learn / imbalanced-learn semantics, threshold moving and probability
 * calibration.
 */
import { accuracyScore } from './confusion.js';
import { registerDefaultAverage } from './imbalanced.js';
import { f1Score, fbetaScore, precisionScore, recallScore } from './prf.js';

export { confusionMatrix, accuracyScore, balancedAccuracyScore, matthewsCorrcoef, cohenKappaScore } from './confusion.js';
export type { ConfusionMatrixOptions, AccuracyScoreOptions, BalancedAccuracyScoreOptions, MatthewsCorrcoefOptions, CohenKappaScoreOptions } from './confusion.js';
export { precisionRecallFscoreSupport, precisionScore, recallScore, f1Score, fbetaScore } from './prf.js';
export type { Average, ZeroDivision, PrfOptions, FbetaOptions, PrecisionRecallFscoreSupport } from './prf.js';
export {
  sensitivitySpecificitySupport, sensitivityScore, specificityScore, geometricMeanScore,
  makeIndexBalancedAccuracy, macroAveragedMeanAbsoluteError,
} from './imbalanced.js';
export type {
  SensSpecOptions, SensitivitySpecificitySupport, GeometricMeanOptions, IndexBalancedAccuracyOptions,
  PredictionMetric, MacroMaeOptions,
} from './imbalanced.js';
export { classificationReport, classificationReportImbalanced } from './reports.js';
export type {
  ClassificationReportOptions, ClassificationReportImbalancedOptions, ClassificationReportDict,
  ClassificationReportImbalancedDict, ReportRow, ImbalancedReportRow,
} from './reports.js';
export { rocCurve, precisionRecallCurve, auc, rocAucScore, averagePrecisionScore } from './ranking.js';
export type { RocCurve, PrecisionRecallCurve, CurveOptions, RocCurveOptions, RocAucScoreOptions, AveragePrecisionScoreOptions } from './ranking.js';
export { logLoss, brierScoreLoss } from './probabilistic.js';
export { setMetricWarningHandler } from './warnings.js';
export type { MetricWarning, MetricWarningHandler } from './warnings.js';
export type { LogLossOptions, BrierScoreLossOptions } from './probabilistic.js';

// The index balanced accuracy reads each metric's default `average`, as Python reads it from the signature.
registerDefaultAverage(precisionScore, 'binary');
registerDefaultAverage(recallScore, 'binary');
registerDefaultAverage(f1Score, 'binary');
registerDefaultAverage(fbetaScore, 'binary');
registerDefaultAverage(accuracyScore, 'binary');

export * from '../threshold/index.js';
export * from '../calibration/index.js';
export { clone, getParams } from '../core/clone.js';
export type { Classifier } from '../core/clone.js';
