/**
 * scikit-learn's `train_test_split`: a `ShuffleSplit` (or `StratifiedShuffleSplit` when
 * stratifying) taken once, with the same random draws as scikit-learn for the same seed.
 */
import { checkBoolean, checkKnownOptions, paramTypeError } from '../core/errors.js';
import { takeLabels, encodeLabels, makeLabels } from '../core/labels.js';
import { takeRows, toMatrix } from '../core/matrix.js';
import type { Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import { checkRandomState, type RandomState, type RandomStateLike } from '../random/RandomState.js';
import { approximateMode } from './approximateMode.js';
import { stratificationCodes } from './rows.js';
import { splitSizes } from './splitSizes.js';

const OWNER = 'trainTestSplit';

/** Options of `trainTestSplit`. */
export interface TrainTestSplitOptions {
  /** Fraction (below 1) or count (integer >= 1) of test rows; default the complement of `trainSize`, or 0.25. */
  testSize?: number | null;
  /** Fraction (below 1) or count (integer >= 1) of training rows; default the complement of `testSize`. */
  trainSize?: number | null;
  /** Shuffle before splitting (default true); without it the first rows train, the next test. */
  shuffle?: boolean;
  /** `true` stratifies by `y`; an array stratifies by those labels; default none. */
  stratify?: boolean | LabelsLike | null;
  /** Seed or `RandomState`; an integer reproduces scikit-learn's split. */
  randomState?: RandomStateLike;
}

/** What `trainTestSplit` returns. */
export interface TrainTestSplit {
  /** Training rows of X. */
  XTrain: Matrix;
  /** Test rows of X. */
  XTest: Matrix;
  /** Labels of the training rows (same kind as the input y). */
  yTrain: Labels;
  /** Labels of the test rows. */
  yTest: Labels;
  /** Rows of the input in the training part, in scikit-learn's order. */
  trainIndices: Int32Array;
  /** Rows of the input in the test part, in scikit-learn's order. */
  testIndices: Int32Array;
}

/** `ShuffleSplit`: the head of one permutation is the test set, the next rows the training set. */
function shuffleSplit(n: number, nTrain: number, nTest: number, rs: RandomState): [Int32Array, Int32Array] {
  const perm = rs.permutation(n);
  return [perm.slice(nTest, nTest + nTrain), perm.slice(0, nTest)];
}

/** `StratifiedShuffleSplit`, first split. */
export function stratifiedShuffleSplit(codes: Int32Array, nClasses: number, nTrain: number, nTest: number, rs: RandomState): [Int32Array, Int32Array] {
  const counts = new Array<number>(nClasses).fill(0);
  for (const c of codes) counts[c]++;
  if (Math.min(...counts) < 2) {
    throw new RangeError('The least populated class in y has only 1 member, which is too few. The minimum number of groups for any class cannot be less than 2.');
  }
  if (nTrain < nClasses) throw new RangeError(`The train_size = ${nTrain} should be greater or equal to the number of classes = ${nClasses}`);
  if (nTest < nClasses) throw new RangeError(`The test_size = ${nTest} should be greater or equal to the number of classes = ${nClasses}`);
  // Rows of each class in ascending order (a stable sort of the codes).
  const members: number[][] = Array.from({ length: nClasses }, () => []);
  codes.forEach((c, i) => members[c].push(i));
  const nI = approximateMode(counts, nTrain, rs);
  const tI = approximateMode(counts.map((c, i) => c - nI[i]), nTest, rs);
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < nClasses; c++) {
    const perm = rs.permutation(counts[c]);
    for (let j = 0; j < nI[c]; j++) train.push(members[c][perm[j]]);
    for (let j = nI[c]; j < nI[c] + tI[c]; j++) test.push(members[c][perm[j]]);
  }
  const trainPerm = rs.permutation(train.length);
  const testPerm = rs.permutation(test.length);
  return [Int32Array.from(trainPerm, (p) => train[p]), Int32Array.from(testPerm, (p) => test[p])];
}

/**
 * Splits `X` and `y` into random train and test subsets (scikit-learn's `train_test_split`).
 * With an integer `randomState` the rows are those scikit-learn picks, in the same order.
 *
 * @example
 * const { X, y } = makeClassification({ nSamples: 10000, weights: [0.99], flipY: 0, randomState: 1 });
 * const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.5, stratify: true, randomState: 1 });
 */
export function trainTestSplit(X: MatrixLike, y: LabelsLike, options: TrainTestSplitOptions = {}): TrainTestSplit {
  checkKnownOptions(OWNER, options, ['testSize', 'trainSize', 'shuffle', 'stratify', 'randomState']);
  const Xm = toMatrix(X, { owner: OWNER });
  const { classes, codes, kind } = encodeLabels(y, { owner: OWNER, length: Xm.rows });
  const yLabels = makeLabels(Array.from(codes, (c) => classes[c]), kind);
  const shuffle = checkBoolean(OWNER, 'shuffle', options.shuffle ?? true);
  const n = Xm.rows;
  const [nTrain, nTest] = splitSizes(n, options.testSize, options.trainSize, 0.25);
  const stratify = options.stratify ?? null;
  const stratified = stratify !== null && stratify !== false;
  if (stratify !== null && typeof stratify !== 'boolean' && !(Array.isArray(stratify) || ArrayBuffer.isView(stratify))) {
    throw paramTypeError(OWNER, 'stratify', 'true, false, null or an array of labels', stratify);
  }
  let train: Int32Array;
  let test: Int32Array;
  if (!shuffle) {
    if (stratified) throw new RangeError('Stratified train/test split is not implemented for shuffle=False');
    train = Int32Array.from({ length: nTrain }, (_, i) => i);
    test = Int32Array.from({ length: nTest }, (_, i) => nTrain + i);
  } else {
    const rs = checkRandomState(options.randomState, OWNER);
    if (stratified) {
      const strat = stratify === true ? { codes, nClasses: classes.length } : stratificationCodes(stratify as LabelsLike, OWNER, n, 'stratify');
      [train, test] = stratifiedShuffleSplit(strat.codes, strat.nClasses, nTrain, nTest, rs);
    } else {
      [train, test] = shuffleSplit(n, nTrain, nTest, rs);
    }
  }
  return {
    XTrain: takeRows(Xm, train),
    XTest: takeRows(Xm, test),
    yTrain: takeLabels(yLabels, train),
    yTest: takeLabels(yLabels, test),
    trainIndices: train,
    testIndices: test,
  };
}
