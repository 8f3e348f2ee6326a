import type { Label, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import * as metrics from '../metrics/index.js';
import type { Estimator } from './types.js';

/** A scorer: higher is better, as in scikit-learn (losses are negated). */
export type Scorer = (estimator: Estimator, X: MatrixLike, y: LabelsLike) => number;

/** A metric of (yTrue, yPred) turned into a scorer on predicted labels. */
export function predictScorer(metric: (yTrue: LabelsLike, yPred: LabelsLike, options?: any) => number | number[], options?: object): Scorer {
  return (est, X, y) => metric(y, est.predict(X) as LabelsLike, options) as number;
}

/** The positive-class score column: decisionFunction for binary models, else predictProba[:, 1]. */
function binaryScores(est: Estimator, X: MatrixLike): Float64Array | Matrix {
  if (est.decisionFunction) return est.decisionFunction(X);
  if (!est.predictProba) throw new TypeError('This scorer needs an estimator with decisionFunction or predictProba.');
  const p = est.predictProba(X);
  if (p.cols !== 2) return p;
  const out = new Float64Array(p.rows);
  for (let i = 0; i < p.rows; i++) out[i] = p.data[i * 2 + 1];
  return out;
}

function probaScorer(metric: (yTrue: LabelsLike, proba: any, options?: any) => number, sign: number, positiveColumn: boolean): Scorer {
  return (est, X, y) => {
    if (!est.predictProba) throw new TypeError('This scorer needs an estimator with predictProba.');
    const p = est.predictProba(X);
    if (positiveColumn && p.cols === 2) {
      const col = new Float64Array(p.rows);
      for (let i = 0; i < p.rows; i++) col[i] = p.data[i * 2 + 1];
      return sign * metric(y, col, { posLabel: (est.classes as Label[] | undefined)?.[1] });
    }
    return sign * metric(y, p, { labels: est.classes ? Array.from(est.classes as ArrayLike<Label>) : undefined });
  };
}

/** scikit-learn's scorer names (plus imbalanced-learn's G-mean and sensitivity/specificity). */
export const SCORERS: Record<string, Scorer> = {
  accuracy: predictScorer(metrics.accuracyScore),
  balanced_accuracy: predictScorer(metrics.balancedAccuracyScore),
  precision: predictScorer(metrics.precisionScore),
  recall: predictScorer(metrics.recallScore),
  f1: predictScorer(metrics.f1Score),
  f1_macro: predictScorer(metrics.f1Score, { average: 'macro' }),
  f1_micro: predictScorer(metrics.f1Score, { average: 'micro' }),
  f1_weighted: predictScorer(metrics.f1Score, { average: 'weighted' }),
  precision_macro: predictScorer(metrics.precisionScore, { average: 'macro' }),
  recall_macro: predictScorer(metrics.recallScore, { average: 'macro' }),
  matthews_corrcoef: predictScorer(metrics.matthewsCorrcoef),
  geometric_mean: predictScorer(metrics.geometricMeanScore),
  sensitivity: predictScorer(metrics.sensitivityScore),
  specificity: predictScorer(metrics.specificityScore),
  roc_auc: (est, X, y) => metrics.rocAucScore(y, binaryScores(est, X) as never) as number,
  roc_auc_ovr: (est, X, y) => metrics.rocAucScore(y, est.predictProba!(X) as never, { multiClass: 'ovr' } as never) as number,
  average_precision: (est, X, y) => metrics.averagePrecisionScore(y, binaryScores(est, X) as never) as number,
  neg_log_loss: probaScorer(metrics.logLoss as never, -1, false),
  neg_brier_score: probaScorer(metrics.brierScoreLoss as never, -1, true),
};

/** Resolves a scorer given by name or as a function `(estimator, X, y) => number`. */
export function getScorer(scoring: string | Scorer): Scorer {
  if (typeof scoring === 'function') return scoring;
  const scorer = SCORERS[scoring];
  if (!scorer) {
    throw new RangeError(`'${scoring}' is not a valid scoring value. Use one of ${Object.keys(SCORERS).sort().join(', ')}, or a function (estimator, X, y) => number.`);
  }
  return scorer;
}
