/** Threshold moving: best thresholds from curves or any metric, and `TunedThresholdClassifierCV`. */
export { thresholdFromRoc, thresholdFromPrecisionRecall, bestThreshold } from './thresholds.js';
export type { ThresholdChoice, ThresholdFromRocOptions, ThresholdFromPrecisionRecallOptions, BestThresholdOptions, LabelMetric } from './thresholds.js';
export { TunedThresholdClassifierCV } from './TunedThresholdClassifierCV.js';
export type { TunedThresholdClassifierCVOptions, ThresholdScorer, ScoringName } from './TunedThresholdClassifierCV.js';
export type { ResponseMethod } from './response.js';
