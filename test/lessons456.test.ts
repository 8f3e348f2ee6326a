/** Lessons 4-6 of the mini-course against the Python listings (test/reference/lessons.json). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lesson04, lesson04Bonus } from '../examples/lesson04.js';
import { lesson05, lesson05Bonus } from '../examples/lesson05.js';
import { lesson06, lesson06Bonus } from '../examples/lesson06.js';
import { classCounts } from '../src/index.js';
import { firstMismatch, flat, loadReference } from './helpers.js';

const ref = loadReference('lessons.json');
const pick = (n: number) => ref.cases.filter((c: any) => c.lesson === n);
const run = <T>(fn: (seed: number, print: (l: string) => void) => T, seed: number) => {
  const lines: string[] = [];
  const out = fn(seed, (l) => lines.push(l));
  return { lines, out };
};
const counterPairs = (y: ArrayLike<number>) => [...classCounts(y)];
const colSums = (X: { data: Float64Array; rows: number; cols: number }, from = 0) => {
  const s = new Array(X.cols).fill(0);
  for (let i = from; i < X.rows; i++) for (let j = 0; j < X.cols; j++) s[j] += X.data[i * X.cols + j];
  return s;
};
const rowsOf = (X: { data: Float64Array; cols: number }, from: number, to: number) => Array.from(X.data.subarray(from * X.cols, to * X.cols));

function checkDataset(cp: any, X: any, y: Int32Array) {
  expect([...classCounts(y)].sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual(cp.class_counts);
  expect(firstMismatch(rowsOf(X, 0, 3), flat(cp.X_head3), 1e-9)).toBe(-1);
  expect(firstMismatch(colSums(X), cp.X_col_sums, 1e-9)).toBe(-1);
}

describe('lesson 04: RandomUnderSampler(sampling_strategy=0.5)', () => {
  const cases = pick(4);
  it('has seeds 1, 2, 3', () => expect(cases.map((c: any) => c.inputs.seed)).toEqual([1, 2, 3]));
  for (const c of cases) {
    it(c.id, () => {
      const { lines, out } = run(lesson04, c.inputs.seed);
      const e = c.expected;
      expect(lines).toEqual(e.stdout);
      expect(counterPairs(out.y)).toEqual(e.values.counter_before);
      expect(counterPairs(out.yUnder as Int32Array)).toEqual(e.values.counter_after);
      checkDataset(e.checkpoints.dataset, out.X, out.y);
      expect([...out.sampler.samplingStrategy_!]).toEqual(e.checkpoints.sampling_strategy_);
      expect(Array.from(out.sampler.sampleIndices_!)).toEqual(e.checkpoints.sample_indices_);
      expect(firstMismatch(colSums(out.XUnder), e.checkpoints.X_res_col_sums, 1e-9)).toBe(-1);
    });
  }
});

describe('lesson 05: SMOTE(sampling_strategy=0.5)', () => {
  for (const c of pick(5)) {
    it(c.id, () => {
      const { lines, out } = run(lesson05, c.inputs.seed);
      const e = c.expected;
      const cp = e.checkpoints;
      expect(lines).toEqual(e.stdout);
      expect(counterPairs(out.yOver as Int32Array)).toEqual(e.values.counter_after);
      checkDataset(cp.dataset, out.X, out.y);
      expect([...out.sampler.samplingStrategy_!]).toEqual(cp.sampling_strategy_);
      const n = out.X.rows;
      const m = out.XOver.rows;
      expect(firstMismatch(rowsOf(out.XOver, n, n + 5), flat(cp.synthetic_head5), 1e-9)).toBe(-1);
      expect(firstMismatch(rowsOf(out.XOver, m - 5, m), flat(cp.synthetic_tail5), 1e-9)).toBe(-1);
      expect(firstMismatch(colSums(out.XOver, n), cp.synthetic_col_sums, 1e-9)).toBe(-1);
      expect(out.origin!.base.length).toBe(m - n);
    });
  }
});

describe('lesson 06: SMOTEENN(sampling_strategy=0.5)', () => {
  for (const c of pick(6)) {
    it(c.id, () => {
      const { lines, out } = run(lesson06, c.inputs.seed);
      const e = c.expected;
      const cp = e.checkpoints;
      expect(lines).toEqual(e.stdout);
      expect(counterPairs(out.yRes as Int32Array)).toEqual(e.values.counter_after);
      checkDataset(cp.dataset, out.X, out.y);
      const smoteAdded = [...out.sampler.smote_!.samplingStrategy_!.values()][0];
      expect(out.X.rows + smoteAdded).toBe(cp.after_smote_class_counts.reduce((s: number, p: number[]) => s + p[1], 0));
      const enn = Array.from(out.sampler.enn_!.sampleIndices_!);
      expect(enn.slice(0, 20)).toEqual(cp.enn_sample_indices_head20);
      expect(enn.reduce((s, idx, pos) => s + (pos + 1) * idx, 0)).toBe(cp.enn_sample_indices_checksum);
      expect(firstMismatch(colSums(out.XRes), cp.X_res_col_sums, 1e-9)).toBe(-1);
    });
  }
});

describe('bonus sections run and keep their promises', () => {
  it('lesson 04 bonus: other ratios give majority = minority / ratio', () => {
    const { lines } = run(lesson04Bonus, 1);
    expect(lines[0]).toBe('RandomUnderSampler(samplingStrategy=0.1): Counter({0: 1000, 1: 100})');
    expect(lines[2]).toBe('RandomUnderSampler(samplingStrategy=1): Counter({0: 100, 1: 100})');
    expect(lines.length).toBe(5);
  });
  it('lesson 05 bonus: other ratios give minority = ratio * majority', () => {
    const { lines } = run(lesson05Bonus, 1);
    expect(lines[0]).toBe('SMOTE(samplingStrategy=0.1): Counter({0: 9900, 1: 990})');
    expect(lines[2]).toBe('SMOTE(samplingStrategy=1): Counter({0: 9900, 1: 9900})');
  });
  it('lesson 06 bonus: under-sampling then SMOTE by hand', () => {
    const { lines } = run(lesson06Bonus, 1);
    expect(lines).toContain('RandomUnderSampler(0.1): Counter({0: 1000, 1: 100})');
    expect(lines).toContain('  then SMOTE(0.5): Counter({0: 1000, 1: 500})');
  });
});

describe('the lesson scripts print the Python output (seed 1)', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const n of [4, 5, 6]) {
    it(`examples/lesson0${n}.ts`, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', `examples/lesson0${n}.ts`], { encoding: 'utf8', cwd: root });
      expect(r.status).toBe(0);
      const seed1 = pick(n).find((c: any) => c.inputs.seed === 1);
      expect(r.stdout.split('\n').slice(0, 2)).toEqual(seed1.expected.stdout);
    });
  }
});
