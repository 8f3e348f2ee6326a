/**
 * Synthetic data next to numpy / scikit-learn 1.2.1: RandomState throughput (10^6 draws of
 * random_sample, standard_normal, randint, permutation) and make_classification at
 * 1,000,000 x 20 (100,000 x 20 with --quick), default options otherwise. Both sides report the
 * best (minimum) time of the same number of runs, the figure least disturbed by other load on
 * the machine.
 * Run: npx tsx bench/run.ts datasets [--quick]
 */
import { Bench } from 'tinybench';
import { makeClassification, RandomState } from '../src/index.js';
import { minMs, printRatio, runPython, type SuiteOptions } from './util.js';


const N = 1_000_000;

const RNG_TASKS: Record<string, { ours: (rs: RandomState) => unknown; py: string }> = {
  'randomSample(1e6)': { ours: (rs) => rs.randomSample(N), py: `rs.random_sample(${N})` },
  'standardNormal(1e6)': { ours: (rs) => rs.standardNormal(N), py: `rs.standard_normal(${N})` },
  'randint(0, 100, 1e6)': { ours: (rs) => rs.randint(0, 100, N), py: `rs.randint(0, 100, ${N})` },
  'permutation(1e6)': { ours: (rs) => rs.permutation(N), py: `rs.permutation(${N})` },
};

function pythonBest(nSamples: number, rngRepeat: number, mcRepeat: number): Record<string, number> | null {
  const code = `
import json, time
import numpy as np
from sklearn.datasets import make_classification
rs = np.random.RandomState(0)
out = {}
def best_ms(fn, repeat):
    fn()
    best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); fn(); best = min(best, time.perf_counter() - t)
    return best * 1000
${Object.entries(RNG_TASKS).map(([name, t]) => `out['${name}'] = best_ms(lambda: ${t.py}, ${rngRepeat})`).join('\n')}
out['makeClassification'] = best_ms(lambda: make_classification(n_samples=${nSamples}, n_features=20, random_state=0), ${mcRepeat})
print(json.dumps(out))
`;
  return runPython<Record<string, number>>(code);
}

/** Runs the comparison table. */
export default async function datasets({ quick }: SuiteOptions): Promise<void> {
  const nSamples = quick ? 100_000 : 1_000_000;
  const rngRepeat = quick ? 10 : 20;
  const mcRepeat = quick ? 5 : 3;
  const rs = new RandomState(0);
  const rngBench = new Bench({ iterations: rngRepeat, time: 0, warmupIterations: 1, warmupTime: 0 });
  for (const [name, t] of Object.entries(RNG_TASKS)) rngBench.add(name, () => { t.ours(rs); });
  await rngBench.run();
  const mcBench = new Bench({ iterations: mcRepeat, time: 0, warmupIterations: 1, warmupTime: 0 });
  mcBench.add('makeClassification', () => { makeClassification({ nSamples, nFeatures: 20, randomState: 0 }); });
  await mcBench.run();
  const ours = new Map([...minMs(rngBench), ...minMs(mcBench)]);
  const theirs = pythonBest(nSamples, rngRepeat, mcRepeat);
  console.log(`\nRandomState, 10^6 draws (numpy 1.24 legacy RandomState)`);
  for (const name of Object.keys(RNG_TASKS)) printRatio(name, ours.get(name)!, theirs?.[name] ?? null);
  console.log(`\nmakeClassification ${nSamples.toLocaleString('en-US')} x 20 (defaults; scikit-learn 1.2.1)`);
  printRatio('makeClassification', ours.get('makeClassification')!, theirs?.makeClassification ?? null);
}
