/**
 * imbalanced-learn's `make_imbalance`: turns a dataset into an imbalanced one by keeping a
 * random subset of some classes. It is `RandomUnderSampler(sampling_strategy=dict,
 * replacement=False)`, written here on its own so the datasets module needs no sampler.
 */
import { checkKnownOptions, formatValue } from '../core/errors.js';
import { encodeLabels, makeLabels } from '../core/labels.js';
import { takeRows, toMatrix } from '../core/matrix.js';
import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import { checkRandomState, type RandomStateLike } from '../random/RandomState.js';

const OWNER = 'makeImbalance';

/** How many rows to keep per class: an object or `Map` from label to count, or a function of `y` returning one. */
export type ImbalanceStrategy =
  | Map<Label, number>
  | Record<string, number>
  | ((y: Labels) => Map<Label, number> | Record<string, number>);

/** Options of `makeImbalance`. */
export interface MakeImbalanceOptions {
  /** Rows to keep per class; classes left out are kept whole. */
  samplingStrategy: ImbalanceStrategy;
  /** Seed or `RandomState`; an integer reproduces imbalanced-learn's choice of rows. */
  randomState?: RandomStateLike;
}

/** Resolves the strategy to counts per class index (imbalanced-learn's dict checks and messages). */
function resolveStrategy(strategy: unknown, classes: Label[], counts: number[], yOut: Labels): Map<number, number> {
  let table: unknown = strategy;
  if (typeof strategy === 'function') table = (strategy as (y: Labels) => unknown)(yOut);
  const entries: [unknown, unknown][] =
    table instanceof Map ? [...table.entries()]
      : table !== null && typeof table === 'object' && !Array.isArray(table) && !ArrayBuffer.isView(table) ? Object.entries(table)
        : (() => {
          const what = typeof strategy === 'function' ? `a function returning ${formatValue(table)}` : formatValue(strategy);
          throw new TypeError(`The 'samplingStrategy' parameter of ${OWNER} must be an object or Map from class label to count, or a function of y returning one. Got ${what}.`);
        })();
  const byKey = new Map<string, number>(classes.map((c, i) => [String(c), i]));
  const missing = entries.filter(([key]) => !byKey.has(String(key))).map(([key]) => key);
  if (missing.length > 0) throw new RangeError(`The {${missing.map(formatValue).join(', ')}} target class is/are not present in the data.`);
  const resolved = new Map<number, number>();
  for (const [key, value] of entries) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError(`The 'samplingStrategy' parameter of ${OWNER} must map each class to an integer count. Got ${formatValue(value)} for class ${formatValue(key)}.`);
    }
    if (value < 0) {
      throw new RangeError(`The number of samples in a class cannot be negative. 'samplingStrategy' asks ${value} for class ${formatValue(key)}.`);
    }
  }
  for (const [key, value] of entries) {
    const c = byKey.get(String(key))!;
    if ((value as number) > counts[c]) {
      throw new RangeError(`With under-sampling methods, the number of samples in a class should be less or equal to the original number of samples. Originally, there is ${counts[c]} samples and ${value} samples are asked.`);
    }
    resolved.set(c, value as number);
  }
  return resolved;
}

/**
 * Makes a dataset imbalanced (imbalanced-learn's `make_imbalance`): for each class named in
 * `samplingStrategy`, keeps that many of its rows chosen at random without replacement; other
 * classes are kept whole. Rows come out grouped by class in sorted label order, as
 * imbalanced-learn returns them; `sampleIndices` gives their rows in the input.
 *
 * @example
 * const { X, y } = makeClassification({ nSamples: 300, nClasses: 3, nInformative: 3, randomState: 0 });
 * const small = makeImbalance(X, y, { samplingStrategy: { 0: 100, 1: 20, 2: 5 }, randomState: 0 });
 * classCounts(small.y); // Map { 0 => 100, 1 => 20, 2 => 5 }
 */
export function makeImbalance(X: MatrixLike, y: LabelsLike, options: MakeImbalanceOptions): { X: Matrix; y: Labels; sampleIndices: Int32Array } {
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new TypeError(`The options of ${OWNER} must be an object with a 'samplingStrategy'. Got ${formatValue(options)}.`);
  }
  checkKnownOptions(OWNER, options, ['samplingStrategy', 'randomState']);
  const Xm = toMatrix(X, { owner: OWNER });
  const { classes, codes, kind } = encodeLabels(y, { owner: OWNER, length: Xm.rows });
  const yOut = makeLabels(Array.from(codes, (c) => classes[c]), kind);
  const counts = new Array<number>(classes.length).fill(0);
  for (const c of codes) counts[c]++;
  const keep = resolveStrategy(options.samplingStrategy, classes, counts, yOut);
  const rs = checkRandomState(options.randomState, OWNER);

  const members: number[][] = classes.map(() => []);
  for (let i = 0; i < codes.length; i++) members[codes[i]].push(i);
  const chosen: number[] = [];
  for (let c = 0; c < classes.length; c++) {
    const n = keep.get(c);
    if (n === undefined) {
      chosen.push(...members[c]);
      continue;
    }
    // choice(range(count), n, replace=False) draws a full permutation and keeps its head.
    const pick = rs.choice(counts[c], n, false);
    for (let i = 0; i < n; i++) chosen.push(members[c][pick[i]]);
  }
  const sampleIndices = Int32Array.from(chosen);
  return {
    X: takeRows(Xm, sampleIndices),
    y: makeLabels(chosen.map((i) => classes[codes[i]]), kind),
    sampleIndices,
  };
}
