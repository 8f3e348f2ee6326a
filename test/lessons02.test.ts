import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classCounts, formatCounter, makeClassification } from '../src/index.js';
import { firstMismatch, flat, loadReference } from './helpers.js';

const cases = loadReference('lessons.json').cases.filter((c) => c.id.startsWith('lesson02'));

describe('lesson 2 reproduces the mini-course output', () => {
  it('has the six lesson-2 cases (two listings x seeds 1-3)', () => expect(cases.length).toBe(6));
  for (const c of cases) {
    it(c.id, () => {
      const p = c.params.make_classification;
      const { X, y } = makeClassification({
        nSamples: p.n_samples, nFeatures: p.n_features, nRedundant: p.n_redundant,
        nClustersPerClass: p.n_clusters_per_class, flipY: p.flip_y, weights: p.weights, randomState: p.random_state,
      });
      const counts = classCounts(y);
      expect([formatCounter(counts)]).toEqual(c.expected.stdout);
      expect([...counts].sort((a, b) => b[1] - a[1])).toEqual(c.expected.values.counter);
      const dataset = c.expected.checkpoints.dataset;
      expect(firstMismatch(X.data.subarray(0, 6), flat(dataset.X_head3), 1e-9)).toBe(-1);
      const sums = [0, 0];
      for (let i = 0; i < X.rows; i++) { sums[0] += X.data[2 * i]; sums[1] += X.data[2 * i + 1]; }
      expect(firstMismatch(sums, dataset.X_col_sums, 1e-9)).toBe(-1);
    });
  }
  it('examples/lesson02.ts prints the seed-1 line first', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/lesson02.ts'], { encoding: 'utf8', cwd: root });
    expect(r.status).toBe(0);
    const want = cases.find((c) => c.id === 'lesson02_listing1/seed=1')!.expected.stdout;
    expect(r.stdout.split('\n').slice(0, want.length)).toEqual(want);
    expect(r.stdout).toContain('out/lesson02.svg');
  });
});
