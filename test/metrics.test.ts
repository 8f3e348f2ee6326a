import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { loadReference } from './helpers.js';

const ref = loadReference('metrics.json');

/** snake_case keyword arguments of the reference to the library's camelCase options. */
function camel(params: Record<string, unknown>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(params)) out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}

function oneHot(y: (number | string)[], labels: (number | string)[]): number[][] {
  return y.map((v) => labels.map((l) => (l === v ? 1 : 0)));
}

/** Calls the library function a reference case names and returns a JSON-like value. */
function run(c: any): unknown {
  const { y_true: yt, y_pred: yp, y_score: ys, labels } = c.inputs;
  const p = camel(c.params);
  switch (c.function) {
    case 'precision_score': return lib.precisionScore(yt, yp, p);
    case 'recall_score': return lib.recallScore(yt, yp, p);
    case 'f1_score': return lib.f1Score(yt, yp, p);
    case 'fbeta_score': return lib.fbetaScore(yt, yp, p as any);
    case 'precision_recall_fscore_support': {
      const r = lib.precisionRecallFscoreSupport(yt, yp, p);
      return [r.precision, r.recall, r.fbetaScore, r.support];
    }
    case 'sensitivity_specificity_support': {
      const r = lib.sensitivitySpecificitySupport(yt, yp, p);
      return [r.sensitivity, r.specificity, r.support];
    }
    case 'sensitivity_score': return lib.sensitivityScore(yt, yp, p);
    case 'specificity_score': return lib.specificityScore(yt, yp, p);
    case 'geometric_mean_score': return lib.geometricMeanScore(yt, yp, p);
    case 'make_index_balanced_accuracy(geometric_mean_score)': {
      const { alpha, squared, ...rest } = p;
      return lib.makeIndexBalancedAccuracy({ alpha, squared })(lib.geometricMeanScore)(yt, yp, rest);
    }
    case 'classification_report': return lib.classificationReport(yt, yp, p);
    case 'classification_report_imbalanced': return lib.classificationReportImbalanced(yt, yp, p);
    case 'balanced_accuracy_score': return lib.balancedAccuracyScore(yt, yp, p);
    case 'matthews_corrcoef': return lib.matthewsCorrcoef(yt, yp, p);
    case 'accuracy_score': return lib.accuracyScore(yt, yp, p);
    case 'cohen_kappa_score': return lib.cohenKappaScore(yt, yp, p);
    case 'confusion_matrix': return lib.confusionMatrix(yt, yp, p);
    case 'macro_averaged_mean_absolute_error': return lib.macroAveragedMeanAbsoluteError(yt, yp, p);
    case 'roc_auc_score': return lib.rocAucScore(yt, ys, p);
    case 'average_precision_score': {
      if (p.yTrue === 'one-hot') {
        const { yTrue: _, ...rest } = p;
        return lib.averagePrecisionScore(oneHot(yt, labels), ys, rest);
      }
      return lib.averagePrecisionScore(yt, ys, p);
    }
    case 'roc_curve': {
      const r = lib.rocCurve(yt, ys, p);
      return { fpr: Array.from(r.fpr), tpr: Array.from(r.tpr), thresholds: Array.from(r.thresholds) };
    }
    case 'precision_recall_curve': {
      const r = lib.precisionRecallCurve(yt, ys, p);
      return { precision: Array.from(r.precision), recall: Array.from(r.recall), thresholds: Array.from(r.thresholds) };
    }
    case 'auc(precision_recall_curve recall, precision)': {
      const r = lib.precisionRecallCurve(yt, ys, p);
      return lib.auc(r.recall, r.precision);
    }
    case 'log_loss': return lib.logLoss(yt, ys, p);
    case 'brier_score_loss': return lib.brierScoreLoss(yt, ys, p);
    default: throw new Error(`no runner for ${c.function}`);
  }
}

/** Deep comparison: numbers rel 1e-12 (NaN equals NaN), everything else exact. Returns a path on mismatch. */
function mismatch(actual: unknown, expected: unknown, path = '$'): string | null {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path}: expected number ${expected}, got ${JSON.stringify(actual)}`;
    if (Number.isNaN(expected)) return Number.isNaN(actual) ? null : `${path}: expected NaN, got ${actual}`;
    return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)) ? null : `${path}: expected ${expected}, got ${actual}`;
  }
  if (expected === null || typeof expected === 'string' || typeof expected === 'boolean') {
    return actual === expected ? null : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    const a = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
    if (!Array.isArray(a) || a.length !== expected.length) return `${path}: expected an array of length ${expected.length}, got ${JSON.stringify(a)}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(a[i], expected[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  const e = expected as Record<string, unknown>;
  if (typeof actual !== 'object' || actual === null) return `${path}: expected an object, got ${JSON.stringify(actual)}`;
  const a = actual as Record<string, unknown>;
  const ka = Object.keys(a), ke = Object.keys(e);
  if (ka.join('|') !== ke.join('|')) return `${path}: keys ${ka.join(',')} differ from ${ke.join(',')}`;
  for (const k of ke) {
    const m = mismatch(a[k], e[k], `${path}.${k}`);
    if (m) return m;
  }
  return null;
}

describe('metrics.json reference (scikit-learn 1.2.1 / imbalanced-learn 0.10.0)', () => {
  it('has cases', () => {
    expect(ref.cases.length).toBe(444);
  });
  for (const c of ref.cases as any[]) {
    it(c.id, () => {
      const seen = new Set<string>();
      lib.setMetricWarningHandler((w) => seen.add(`${w.category}: ${w.message}`));
      try {
        if (c.expected.error) {
          expect(() => run(c)).toThrow(c.expected.error.message);
          return;
        }
        expect(mismatch(run(c), c.expected.value)).toBeNull();
        // The distinct warnings, with scikit-learn's categories and texts.
        const expected = (c.expected.warnings ?? []).map((w: any) => `${w.category}: ${w.message}`);
        expect([...seen].sort()).toEqual([...new Set<string>(expected)].sort());
      } finally {
        lib.setMetricWarningHandler(null);
      }
    });
  }
});

describe('metrics beyond the reference vectors', () => {
  const seeded = (seed: number, n: number) => {
    const rs = new lib.RandomState(seed);
    const y = Int32Array.from(rs.randint(0, 2, n));
    const s = Float64Array.from(rs.randomSample(n), (v, i) => Math.round((v + 0.25 * y[i]) * 40) / 40);
    return { y, s };
  };

  it('the comparison helper detects mismatches', () => {
    expect(mismatch(1, 1 + 1e-9)).not.toBeNull();
    expect(mismatch([1, 2], [1, 2, 3])).not.toBeNull();
    expect(mismatch('a\n', 'a')).not.toBeNull();
    expect(mismatch({ a: 1 }, { a: 1 })).toBeNull();
  });

  for (const seed of [1, 2]) {
    it(`rocAucScore equals the Mann-Whitney probability over all pairs, ties counting 1/2 (seed ${seed})`, () => {
      const { y, s } = seeded(seed, 1500);
      let wins = 0, pairs = 0;
      for (let i = 0; i < y.length; i++) {
        if (y[i] !== 1) continue;
        for (let j = 0; j < y.length; j++) {
          if (y[j] !== 0) continue;
          pairs++;
          wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
      }
      expect(lib.rocAucScore(y, s)).toBeCloseTo(wins / pairs, 12);
    });

    it(`averagePrecisionScore equals Σ (R_n − R_{n−1}) P_n over brute-force thresholds (seed ${seed})`, () => {
      const { y, s } = seeded(seed, 800);
      const thresholds = [...new Set(s)].sort((a, b) => b - a);
      const nPos = y.reduce((a, b) => a + b, 0);
      let ap = 0, prevRecall = 0;
      for (const t of thresholds) {
        let tp = 0, fp = 0;
        for (let i = 0; i < y.length; i++) if (s[i] >= t) { if (y[i] === 1) tp++; else fp++; }
        ap += (tp / nPos - prevRecall) * (tp / (tp + fp));
        prevRecall = tp / nPos;
      }
      expect(lib.averagePrecisionScore(y, s)).toBeCloseTo(ap, 12);
    });
  }

  it('integer sample weights count like repeated samples', () => {
    const rs = new lib.RandomState(5);
    const yt = Array.from(rs.randint(0, 3, 60));
    const yp = Array.from(rs.randint(0, 3, 60));
    const w = Array.from(rs.randint(1, 4, 60));
    const rep = (a: number[]) => a.flatMap((v, i) => new Array(w[i]).fill(v));
    expect(lib.confusionMatrix(yt, yp, { sampleWeight: w })).toEqual(lib.confusionMatrix(rep(yt), rep(yp)));
    expect(lib.f1Score(yt, yp, { sampleWeight: w, average: 'macro' })).toBeCloseTo(lib.f1Score(rep(yt), rep(yp), { average: 'macro' }) as number, 12);
    expect(lib.matthewsCorrcoef(yt, yp, { sampleWeight: w })).toBeCloseTo(lib.matthewsCorrcoef(rep(yt), rep(yp)), 12);
    const { y, s } = seeded(3, 60);
    const rocW = lib.rocCurve(y, s, { sampleWeight: w, dropIntermediate: false });
    const rocR = lib.rocCurve(rep(Array.from(y)), rep(Array.from(s)), { dropIntermediate: false });
    expect(mismatch(Array.from(rocW.tpr), Array.from(rocR.tpr))).toBeNull();
    expect(mismatch(Array.from(rocW.fpr), Array.from(rocR.fpr))).toBeNull();
  });

  it('string labels work everywhere and posLabel picks the class', () => {
    const yt = ['spam', 'ham', 'spam', 'ham', 'ham'];
    const yp = ['spam', 'spam', 'ham', 'ham', 'ham'];
    expect(lib.precisionScore(yt, yp, { posLabel: 'spam' })).toBe(0.5);
    expect(lib.sensitivityScore(yt, yp, { posLabel: 'spam' })).toBe(0.5);
    expect(lib.confusionMatrix(yt, yp)).toEqual([[2, 1], [1, 1]]);
    const s = [0.9, 0.2, 0.6, 0.4, 0.1];
    const roc = lib.rocCurve(yt, s, { posLabel: 'spam' });
    expect(Array.from(roc.tpr)).toEqual([0, 0.5, 1, 1]);
    expect(Array.from(roc.fpr)).toEqual([0, 0, 0, 1]);
    expect(() => lib.rocCurve(yt, s)).toThrow("y_true takes value in {'ham', 'spam'} and pos_label is not specified: either make y_true take value in {0, 1} or {-1, 1} or pass pos_label explicitly.");
    expect(() => lib.precisionScore(yt, yp)).toThrow("pos_label=1 is not a valid label. It should be one of ['ham', 'spam']");
  });

  it('raises scikit-learn errors: RangeError for ValueError, TypeError for wrong types', () => {
    expect(() => lib.f1Score([0, 1, 2], [0, 1, 1])).toThrow(RangeError);
    expect(() => lib.f1Score([0, 1, 2], [0, 1, 1])).toThrow("Target is multiclass but average='binary'.");
    expect(() => lib.accuracyScore([0, 1], [0, 1, 1])).toThrow('Found input variables with inconsistent numbers of samples: [2, 3]');
    expect(() => lib.accuracyScore([0, 1], ['a', 'b'])).toThrow(TypeError);
    expect(() => lib.accuracyScore([0, 1.5], [0, 1])).toThrow("Classification metrics can't handle a mix of continuous and binary targets");
    expect(() => lib.rocAucScore([1, 1, 1], [0.1, 0.2, 0.3])).toThrow('Only one class present in y_true. ROC AUC score is not defined in that case.');
    expect(() => lib.rocAucScore([0, 1, 2], { data: new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]), rows: 3, cols: 3 })).toThrow("multi_class must be in ('ovo', 'ovr')");
    expect(() => lib.confusionMatrix([0, 1], [0, 1], { labels: [] })).toThrow("'labels' should contains at least one label.");
    expect(() => lib.confusionMatrix([0, 1], [0, 1], { labels: [5] })).toThrow('At least one label specified must be in y_true');
    expect(() => lib.precisionScore([0, 1], [0, 1], { average: 'mean' as any })).toThrow("average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')");
    expect(() => lib.auc([0, 1, 0.5], [0, 1, 1])).toThrow(/x is neither increasing nor decreasing/);
    expect(() => lib.rocCurve([0, 1], [0.1, NaN])).toThrow(/^Input contains NaN: the 'yScore' parameter of rocCurve has NaN at entry 1/);
    expect(() => lib.geometricMeanScore([0, 1], [0, 1], { correction: -1 })).toThrow(RangeError);
  });

  it('never mutates its inputs', () => {
    const yt = [2, 0, 1, 1, 0, 2];
    const yp = new Int32Array([2, 1, 1, 0, 0, 2]);
    const s = new Float64Array([0.3, 0.1, 0.9, 0.4, 0.2, 0.8]);
    const copies = [yt.slice(), yp.slice(), s.slice()];
    lib.classificationReportImbalanced(yt, yp);
    lib.confusionMatrix(yt, yp, { labels: [2, 1, 0], normalize: 'true' });
    lib.rocCurve(yt.map((v) => (v === 2 ? 1 : 0)), s);
    lib.averagePrecisionScore(yt.map((v) => (v === 2 ? 1 : 0)), s);
    expect([yt, yp, s]).toEqual(copies);
  });

  it('formats report numbers as Python does (round half to even on exact ties)', () => {
    const y = [0, 0, 0, 0, 0, 0, 0, 0, 1];
    const p = [0, 0, 0, 0, 0, 1, 1, 1, 1];
    // recall of class 0 is 5/8 = 0.625 exactly: Python prints 0.62 (JavaScript's toFixed would give 0.63).
    const text = lib.classificationReport(y, p);
    expect(text.split('\n')[2]).toBe('           0       1.00      0.62      0.77         8');
  });

  it('makeIndexBalancedAccuracy uses the wrapped metric\'s default average', () => {
    const yt = [0, 0, 1, 1, 1, 0, 1, 0];
    const yp = [0, 1, 1, 1, 0, 0, 1, 0];
    const iba = lib.makeIndexBalancedAccuracy({ alpha: 0.1, squared: true })(lib.f1Score);
    const sen = lib.sensitivityScore(yt, yp) as number;
    const spe = lib.specificityScore(yt, yp) as number;
    expect(iba(yt, yp)).toBeCloseTo((1 + 0.1 * (sen - spe)) * (lib.f1Score(yt, yp) as number) ** 2, 14);
  });

  it('handles 10^6 labels and scores', () => {
    const n = 1_000_000;
    const rs = new lib.RandomState(11);
    const y = Int32Array.from(rs.randomSample(n), (v) => (v < 0.05 ? 1 : 0));
    const s = Float64Array.from(rs.randomSample(n), (v, i) => v * 0.8 + 0.2 * y[i]);
    const auc = lib.rocAucScore(y, s) as number;
    expect(auc).toBeGreaterThan(0.6);
    const { fpr, tpr } = lib.rocCurve(y, s);
    expect(lib.auc(fpr, tpr)).toBeCloseTo(auc, 12);
    const cm = lib.confusionMatrix(y, Int32Array.from(s, (v) => (v >= 0.5 ? 1 : 0)));
    expect(cm[0][0] + cm[0][1] + cm[1][0] + cm[1][1]).toBe(n);
  });
});
