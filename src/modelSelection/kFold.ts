/**
 * K-fold cross-validators: `KFold`, `StratifiedKFold` and their repeated forms, with
 * scikit-learn's fold assignment and random draws. `split` yields ascending train/test row
 * indices; with an integer `randomState` every call gives scikit-learn's folds.
 */
import { checkBoolean, checkInteger, checkKnownOptions, formatValue } from '../core/errors.js';
import type { LabelsLike, MatrixLike } from '../core/types.js';
import { checkRandomState, RandomState, type RandomStateLike } from '../random/RandomState.js';
import { countRows, stratificationCodes } from './rows.js';

/** One train/test split: ascending row indices. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/** Options of `KFold` and `StratifiedKFold`. */
export interface KFoldOptions {
  /** Number of folds, at least 2 (default 5). */
  nSplits?: number;
  /** Shuffle before forming folds (default false). */
  shuffle?: boolean;
  /** Seed or `RandomState` for the shuffle; only allowed with `shuffle: true`. */
  randomState?: RandomStateLike;
}

/** Options of `RepeatedKFold` and `RepeatedStratifiedKFold`. */
export interface RepeatedKFoldOptions {
  /** Number of folds, at least 2 (default 5). */
  nSplits?: number;
  /** Number of repetitions, at least 1 (default 10). */
  nRepeats?: number;
  /** Seed or `RandomState`; one generator is shared by all repetitions, as in scikit-learn. */
  randomState?: RandomStateLike;
}

/** Warns through Node's warning channel when there is one, else the console. */
function warn(message: string): void {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, type: string) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, 'UserWarning');
  else console.warn(message);
}

function checkNSplits(owner: string, nSplits: unknown): number {
  if (typeof nSplits !== 'number' || !Number.isInteger(nSplits)) {
    throw new TypeError(`The number of folds must be of Integral type. ${formatValue(nSplits)} was passed.`);
  }
  if (nSplits <= 1) {
    throw new RangeError(`k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits=${nSplits}.`);
  }
  return checkInteger(owner, 'nSplits', nSplits, 2);
}

/** Train/test indices from a fold number per row. */
function* foldsFromAssignment(testFolds: Int32Array, nSplits: number): Generator<Split> {
  const n = testFolds.length;
  const sizes = new Int32Array(nSplits);
  for (let i = 0; i < n; i++) sizes[testFolds[i]]++;
  for (let f = 0; f < nSplits; f++) {
    // one spare slot each: the loop below writes one past a list's current end
    const test = new Int32Array(sizes[f] + 1);
    const train = new Int32Array(n - sizes[f] + 1);
    // branch-free: each row is written to both lists and kept by the one whose count advances
    // (a row's fold is unpredictable to the branch predictor)
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const inTest = testFolds[i] === f ? 1 : 0;
      test[a] = i;
      train[b] = i;
      a += inTest;
      b += 1 - inTest;
    }
    yield { train: train.subarray(0, b), test: test.subarray(0, a) };
  }
}

/** Shared option handling of the two k-fold splitters. */
abstract class BaseKFold {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: RandomStateLike;
  protected abstract readonly owner: string;

  constructor(owner: string, options: KFoldOptions) {
    // Like scikit-learn's splitters (unlike its estimators), options are checked at construction.
    checkKnownOptions(owner, options, ['nSplits', 'shuffle', 'randomState']);
    this.nSplits = checkNSplits(owner, options.nSplits ?? 5);
    this.shuffle = checkBoolean(owner, 'shuffle', options.shuffle ?? false);
    this.randomState = options.randomState;
    if (!this.shuffle && options.randomState !== undefined && options.randomState !== null) {
      throw new RangeError('Setting a random_state has no effect since shuffle is False. You should leave random_state to its default (None), or set shuffle=True.');
    }
  }

  /** The number of splits `split` yields. */
  getNSplits(): number {
    return this.nSplits;
  }

  protected checkRows(n: number): void {
    if (this.nSplits > n) {
      throw new RangeError(`Cannot have number of splits n_splits=${this.nSplits} greater than the number of samples: n_samples=${n}.`);
    }
  }
}

/**
 * K-fold cross-validator (scikit-learn's `KFold`): consecutive folds of `arange(n)`, shuffled
 * first when `shuffle` is set; the first `n % nSplits` folds have one row more.
 *
 * @example
 * for (const { train, test } of new KFold({ nSplits: 3 }).split(9)) console.log(test); // [0,1,2] [3,4,5] [6,7,8]
 */
export class KFold extends BaseKFold {
  protected readonly owner = 'KFold';
  constructor(options: KFoldOptions = {}) {
    super('KFold', options);
  }

  /** Yields `nSplits` train/test splits of the rows of `X` (a matrix, rows, or a row count). */
  split(X: MatrixLike | number, _y?: LabelsLike | null): Iterable<Split> {
    const n = countRows(X, this.owner);
    this.checkRows(n);
    return this.folds(n, this.shuffle ? checkRandomState(this.randomState, this.owner) : null);
  }

  /** The folds for `n` rows, shuffled with `rs` when given. */
  *folds(n: number, rs: RandomState | null): Generator<Split> {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (rs) rs.shuffle(order);
    const testFolds = new Int32Array(n);
    const base = Math.floor(n / this.nSplits);
    const extra = n % this.nSplits;
    let start = 0;
    for (let f = 0; f < this.nSplits; f++) {
      const size = base + (f < extra ? 1 : 0);
      for (let i = start; i < start + size; i++) testFolds[order[i]] = f;
      start += size;
    }
    yield* foldsFromAssignment(testFolds, this.nSplits);
  }
}

/**
 * Stratified k-fold (scikit-learn's `StratifiedKFold`): each fold keeps the class proportions.
 * Classes are taken in order of first appearance; each class's rows get fold numbers in blocks
 * (shuffled when `shuffle` is set), exactly as scikit-learn assigns them.
 *
 * @example
 * const cv = new StratifiedKFold({ nSplits: 5, shuffle: true, randomState: 1 });
 * for (const { train, test } of cv.split(X, y)) { ... }
 */
export class StratifiedKFold extends BaseKFold {
  protected readonly owner = 'StratifiedKFold';
  constructor(options: KFoldOptions = {}) {
    super('StratifiedKFold', options);
  }

  /** Yields `nSplits` stratified train/test splits; `y` gives the classes (numbers or strings). */
  split(X: MatrixLike | number, y: LabelsLike): Iterable<Split> {
    const n = countRows(X, this.owner);
    const testFolds = this.testFolds(n, y, this.shuffle ? checkRandomState(this.randomState, this.owner) : null);
    return foldsFromAssignment(testFolds, this.nSplits);
  }

  /** The fold of each row (scikit-learn's `_make_test_folds`). */
  testFolds(n: number, y: LabelsLike, rs: RandomState | null): Int32Array {
    this.checkRows(n);
    if (y === undefined || y === null) throw new TypeError(`The 'y' parameter of ${this.owner} is required: the folds are stratified by it.`);
    const { codes, nClasses } = stratificationCodes(y, this.owner, n);
    // Re-encode classes by first appearance.
    const byAppearance = new Int32Array(nClasses).fill(-1);
    let next = 0;
    for (let i = 0; i < n; i++) if (byAppearance[codes[i]] < 0) byAppearance[codes[i]] = next++;
    const enc = new Int32Array(n);
    const counts = new Array<number>(nClasses).fill(0);
    for (let i = 0; i < n; i++) counts[(enc[i] = byAppearance[codes[i]])]++;
    if (counts.every((c) => this.nSplits > c)) {
      throw new RangeError(`n_splits=${this.nSplits} cannot be greater than the number of members in each class.`);
    }
    const minCount = Math.min(...counts);
    if (this.nSplits > minCount) warn(`The least populated class in y has only ${minCount} members, which is less than n_splits=${this.nSplits}.`);
    // allocation[f][k] = bincount(sort(enc)[f::nSplits])[k]: round robin over the sorted labels.
    // sort(enc) holds class k at positions [start_k, start_k + counts[k]): count those positions by fold
    const allocation = Array.from({ length: this.nSplits }, () => new Array<number>(nClasses).fill(0));
    for (let k = 0, start = 0; k < nClasses; start += counts[k], k++) {
      for (let i = start; i < start + counts[k]; i++) allocation[i % this.nSplits][k]++;
    }
    const foldsOf: Int32Array[] = [];
    for (let k = 0; k < nClasses; k++) {
      const folds = new Int32Array(counts[k]);
      let p = 0;
      for (let f = 0; f < this.nSplits; f++) for (let r = 0; r < allocation[f][k]; r++) folds[p++] = f;
      if (rs) rs.shuffle(folds); // class by class, in order of first appearance, as numpy draws
      foldsOf.push(folds);
    }
    // the rows of class k take its folds in row order
    const testFolds = new Int32Array(n);
    const taken = new Int32Array(nClasses);
    for (let i = 0; i < n; i++) testFolds[i] = foldsOf[enc[i]][taken[enc[i]]++];
    return testFolds;
  }
}

function checkRepeated(owner: string, options: RepeatedKFoldOptions): { nSplits: number; nRepeats: number } {
  checkKnownOptions(owner, options, ['nSplits', 'nRepeats', 'randomState']);
  const nRepeats = options.nRepeats ?? 10;
  if (typeof nRepeats !== 'number' || !Number.isInteger(nRepeats)) throw new TypeError('Number of repetitions must be of Integral type.');
  if (nRepeats <= 0) throw new RangeError('Number of repetitions must be greater than 0.');
  return { nSplits: checkNSplits(owner, options.nSplits ?? 5), nRepeats };
}

/**
 * `KFold` repeated `nRepeats` times with different shuffles (scikit-learn's `RepeatedKFold`);
 * one `RandomState` is shared by all repetitions.
 */
export class RepeatedKFold {
  readonly nSplits: number;
  readonly nRepeats: number;
  readonly randomState: RandomStateLike;
  constructor(options: RepeatedKFoldOptions = {}) {
    ({ nSplits: this.nSplits, nRepeats: this.nRepeats } = checkRepeated('RepeatedKFold', options));
    this.randomState = options.randomState;
  }
  /** `nSplits * nRepeats`. */
  getNSplits(): number {
    return this.nSplits * this.nRepeats;
  }
  /** Yields all folds of all repetitions. */
  *split(X: MatrixLike | number, _y?: LabelsLike | null): Generator<Split> {
    const n = countRows(X, 'RepeatedKFold');
    const rs = checkRandomState(this.randomState, 'RepeatedKFold');
    const kf = new KFold({ nSplits: this.nSplits, shuffle: true });
    if (this.nSplits > n) throw new RangeError(`Cannot have number of splits n_splits=${this.nSplits} greater than the number of samples: n_samples=${n}.`);
    for (let r = 0; r < this.nRepeats; r++) yield* kf.folds(n, rs);
  }
}

/**
 * `StratifiedKFold` repeated `nRepeats` times with different shuffles (scikit-learn's
 * `RepeatedStratifiedKFold`); one `RandomState` is shared by all repetitions.
 *
 * @example
 * const cv = new RepeatedStratifiedKFold({ nSplits: 10, nRepeats: 3, randomState: 1 });
 * [...cv.split(X, y)].length; // 30
 */
export class RepeatedStratifiedKFold {
  readonly nSplits: number;
  readonly nRepeats: number;
  readonly randomState: RandomStateLike;
  constructor(options: RepeatedKFoldOptions = {}) {
    ({ nSplits: this.nSplits, nRepeats: this.nRepeats } = checkRepeated('RepeatedStratifiedKFold', options));
    this.randomState = options.randomState;
  }
  /** `nSplits * nRepeats`. */
  getNSplits(): number {
    return this.nSplits * this.nRepeats;
  }
  /** Yields all folds of all repetitions. */
  *split(X: MatrixLike | number, y: LabelsLike): Generator<Split> {
    const n = countRows(X, 'RepeatedStratifiedKFold');
    const rs = checkRandomState(this.randomState, 'RepeatedStratifiedKFold');
    const skf = new StratifiedKFold({ nSplits: this.nSplits, shuffle: true });
    for (let r = 0; r < this.nRepeats; r++) yield* foldsFromAssignment(skf.testFolds(n, y, rs), this.nSplits);
  }
}
