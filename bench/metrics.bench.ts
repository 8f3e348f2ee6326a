/**
 * rocAucScore, rocCurve, averagePrecisionScore and confusionMatrix on 10^6 scores next to
 * scikit-learn 1.2.1, on the same data (both sides draw it from RandomState(0) / RandomState(1)),
 * and a check that both sides return the same values.
 * Run: npx tsx bench/run.ts metrics [--quick]
 */
import { Bench } from 'tinybench';
import { RandomState, averagePrecisionScore, confusionMatrix, rocAucScore, rocCurve } from '../src/index.js';
import { meanMs, printRatio, runPython, type SuiteOptions } from './util.js';

interface PyResult { ms: Record<string, number>; values: Record<string, number> }

function pythonSide(n: number, repeat: number): PyResult | null {
  return runPython<PyResult>(`
import json, time
import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve, average_precision_score, confusion_matrix
s = np.round(np.random.RandomState(0).random_sample(${n}), 4)
y = (np.random.RandomState(1).random_sample(${n}) < 0.1).astype(np.int64)
p = (s >= 0.5).astype(np.int64)
tasks = {
  'rocAucScore': lambda: roc_auc_score(y, s),
  'rocCurve': lambda: roc_curve(y, s),
  'averagePrecisionScore': lambda: average_precision_score(y, s),
  'confusionMatrix': lambda: confusion_matrix(y, p),
}
ms, out = {}, {}
for name, fn in tasks.items():
    best = float('inf')
    for _ in range(${repeat}):
        t = time.perf_counter(); r = fn(); best = min(best, time.perf_counter() - t)
    ms[name] = best * 1000
    out[name] = r
values = {'rocAucScore': float(out['rocAucScore']), 'rocCurvePoints': len(out['rocCurve'][0]),
          'averagePrecisionScore': float(out['averagePrecisionScore']), 'tp': int(out['confusionMatrix'][1][1])}
print(json.dumps({'ms': ms, 'values': values}))
`);
}

async function compare(n: number, repeat: number): Promise<void> {
  const s = Float64Array.from(new RandomState(0).randomSample(n), (v) => Math.round(v * 1e4) / 1e4);
  const y = Int32Array.from(new RandomState(1).randomSample(n), (v) => (v < 0.1 ? 1 : 0));
  const p = Int32Array.from(s, (v) => (v >= 0.5 ? 1 : 0));
  const values: Record<string, number> = {};
  const bench = new Bench({ iterations: repeat, time: 0, warmupIterations: 1, warmupTime: 0 });
  bench.add('rocAucScore', () => { values.rocAucScore = rocAucScore(y, s) as number; });
  bench.add('rocCurve', () => { values.rocCurvePoints = rocCurve(y, s).fpr.length; });
  bench.add('averagePrecisionScore', () => { values.averagePrecisionScore = averagePrecisionScore(y, s) as number; });
  bench.add('confusionMatrix', () => { values.tp = confusionMatrix(y, p)[1][1]; });
  await bench.run();
  const ours = meanMs(bench);
  const theirs = pythonSide(n, repeat);
  console.log(`\nMetrics on ${n.toLocaleString('en-US')} scores (10,000 distinct values, 10% positives)`);
  for (const name of ['rocAucScore', 'rocCurve', 'averagePrecisionScore', 'confusionMatrix']) printRatio(name, ours.get(name)!, theirs?.ms[name] ?? null);
  if (theirs) {
    for (const [k, v] of Object.entries(theirs.values)) {
      console.log(`  ${k.padEnd(24)} ours ${values[k]}  sklearn ${v}  ${Math.abs(values[k] - v) <= 1e-12 * Math.max(1, Math.abs(v)) ? 'same' : 'DIFFERENT'}`);
    }
  }
}

/** Runs the comparison table (quick mode: 10^5 scores). */
export default async function metrics({ quick }: SuiteOptions): Promise<void> {
  await compare(quick ? 100_000 : 1_000_000, quick ? 3 : 5);
}
