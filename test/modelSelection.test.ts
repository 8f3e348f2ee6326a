import { describe, expect, it } from 'vitest';
import {
  approximateMode, KFold, RandomState, RepeatedKFold, RepeatedStratifiedKFold, StratifiedKFold, trainTestSplit, toRows,
} from '../src/index.js';
import { loadReference } from './helpers.js';

const ref = loadReference('model_selection.json');
const column = (n: number) => Array.from({ length: n }, (_, i) => [i]);

function runCase(c: any): { train: number[]; test: number[] }[] {
  const p = c.params;
  const { n_samples: n, y } = c.inputs;
  switch (c.function) {
    case 'train_test_split': {
      const r = trainTestSplit(column(n), y, {
        testSize: p.test_size, trainSize: p.train_size, shuffle: p.shuffle,
        stratify: p.stratify ? true : null, randomState: p.random_state,
      });
      // X = arange(n): the returned rows are the indices themselves.
      expect(toRows(r.XTrain).flat()).toEqual(Array.from(r.trainIndices));
      expect(toRows(r.XTest).flat()).toEqual(Array.from(r.testIndices));
      expect(Array.from(r.yTest as Int32Array)).toEqual(Array.from(r.testIndices, (i) => y[i]));
      return [{ train: Array.from(r.trainIndices), test: Array.from(r.testIndices) }];
    }
    case 'KFold':
    case 'StratifiedKFold': {
      const Cls = c.function === 'KFold' ? KFold : StratifiedKFold;
      const cv = new Cls({ nSplits: p.n_splits, shuffle: p.shuffle, randomState: p.random_state });
      expect(cv.getNSplits()).toBe(p.n_splits);
      return [...cv.split(column(n), y)].map((s) => ({ train: Array.from(s.train), test: Array.from(s.test) }));
    }
    case 'RepeatedStratifiedKFold': {
      const cv = new RepeatedStratifiedKFold({ nSplits: p.n_splits, nRepeats: p.n_repeats, randomState: p.random_state });
      expect(cv.getNSplits()).toBe(p.n_splits * p.n_repeats);
      return [...cv.split(n, y)].map((s) => ({ train: Array.from(s.train), test: Array.from(s.test) }));
    }
    default:
      throw new Error(`unknown function ${c.function}`);
  }
}

describe('model selection matches scikit-learn 1.2.1', () => {
  it('covers every reference case', () => expect(ref.cases.length).toBe(228));
  for (const c of ref.cases) {
    it(c.id, () => {
      if (c.expected.error) {
        expect(() => runCase(c)).toThrow(c.expected.error.message);
        return;
      }
      const got = runCase(c);
      const want = c.function === 'train_test_split' ? [{ train: c.expected.train, test: c.expected.test }] : c.expected.splits;
      expect(got).toEqual(want);
    });
  }
  it('string labels give the same folds as their integer codes', () => {
    for (const c of ref.cases.filter((c) => c.function === 'StratifiedKFold' && !c.expected.error)) {
      const names = c.inputs.y.map((v: number) => `class${v}`);
      const p = c.params;
      const cv = new StratifiedKFold({ nSplits: p.n_splits, shuffle: p.shuffle, randomState: p.random_state });
      const got = [...cv.split(c.inputs.n_samples, names)].map((s) => ({ train: Array.from(s.train), test: Array.from(s.test) }));
      // StratifiedKFold encodes classes by first appearance, so renaming them changes nothing.
      expect(got).toEqual(c.expected.splits);
    }
    const labels = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 'yes' : 'no'));
    const s = trainTestSplit(column(20), labels, { testSize: 0.5, stratify: true, randomState: 0 });
    expect(s.yTest).toEqual(Array.from(s.testIndices, (i) => labels[i]));
    expect(s.yTrain).toEqual(Array.from(s.trainIndices, (i) => labels[i]));
    // Same rows as with the integer codes of the same classes ('no' < 'yes' like 0 < 1).
    const codes = labels.map((v) => (v === 'yes' ? 1 : 0));
    expect(trainTestSplit(column(20), codes, { testSize: 0.5, stratify: true, randomState: 0 }).testIndices).toEqual(s.testIndices);
  });
});

describe('approximateMode', () => {
  it('gives scikit-learn documented examples', () => {
    // Values printed by scikit-learn 1.2.1's _approximate_mode for the same seeds.
    expect(approximateMode([2, 2, 2, 1], 2, new RandomState(0))).toEqual([0, 1, 1, 0]);
    expect(approximateMode([2, 2, 2, 1], 2, new RandomState(42))).toEqual([1, 1, 0, 0]);
    expect(approximateMode([10, 10, 10], 4, new RandomState(0))).toEqual([1, 1, 2]);
  });
});

describe('splitters', () => {
  it('KFold folds partition the rows, the first n % k one larger', () => {
    const folds = [...new KFold({ nSplits: 3, shuffle: true, randomState: 4 }).split(11)];
    expect(folds.map((f) => f.test.length)).toEqual([4, 4, 3]);
    const all = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 11 }, (_, i) => i));
    for (const f of folds) expect(f.train.length + f.test.length).toBe(11);
  });
  it('RepeatedKFold shares one generator across repeats', () => {
    const rep = [...new RepeatedKFold({ nSplits: 2, nRepeats: 2, randomState: 3 }).split(10)];
    expect(rep.length).toBe(4);
    const rs = new RandomState(3);
    const kf = new KFold({ nSplits: 2, shuffle: true });
    const want = [...kf.folds(10, rs), ...kf.folds(10, rs)];
    expect(rep).toEqual(want);
    expect(rep[0].test).not.toEqual(rep[2].test);
  });
  it('a seeded StratifiedKFold split is repeatable', () => {
    const y = Array.from({ length: 30 }, (_, i) => i % 3);
    const cv = new StratifiedKFold({ nSplits: 3, shuffle: true, randomState: 7 });
    expect([...cv.split(30, y)]).toEqual([...cv.split(30, y)]);
  });
  it('validates options with scikit-learn messages', () => {
    expect(() => new KFold({ nSplits: 1 })).toThrow('k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits=1.');
    expect(() => new KFold({ nSplits: 2.5 })).toThrow(TypeError);
    expect(() => new RepeatedStratifiedKFold({ nRepeats: 0 })).toThrow('Number of repetitions must be greater than 0.');
    expect(() => new StratifiedKFold({ nSplits: 2 }).split(4, [0, 0.5, 1, 1])).toThrow(/continuous/);
    expect(() => new StratifiedKFold({ nSplits: 3 }).split(4, [0, 0, 1, 1])).toThrow('n_splits=3 cannot be greater than the number of members in each class.');
    expect(() => trainTestSplit(column(10), new Int32Array(10), { testSize: 0.6, trainSize: 0.6 })).toThrow(/The sum of test_size and train_size = 1.2/);
    expect(() => trainTestSplit(column(10), new Int32Array(10), { testSize: 5, trainSize: 6 })).toThrow(/The sum of train_size and test_size = 11/);
    expect(() => trainTestSplit(column(4), [0, 0, 0, 1], { stratify: true, randomState: 0 })).toThrow(/only 1 member/);
    expect(() => trainTestSplit(column(4), [0, 0, 0, 1], { stratify: 'yes' as any })).toThrow(TypeError);
    expect(() => trainTestSplit(column(4), [0, 1], {})).toThrow(/same length/);
  });
  it('stratifies by a separate array', () => {
    const y = Array.from({ length: 40 }, (_, i) => i % 2);
    const groups = Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0));
    const s = trainTestSplit(column(40), y, { testSize: 0.5, stratify: groups, randomState: 1 });
    expect(Array.from(s.testIndices).filter((i) => i < 10).length).toBe(5);
  });
});
