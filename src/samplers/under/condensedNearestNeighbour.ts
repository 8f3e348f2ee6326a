/**
 * imbalanced-learn's `CondensedNearestNeighbour` (Hart's condensed nearest neighbour rule), made
 * incremental: the same rows as upstream, without refitting a classifier after every addition.
 */
import { checkInteger, paramRangeError, paramTypeError } from '../../core/errors.js';
import { type Arena, i32View, f64View, withArena } from '../../core/memory.js';
import { kernels } from '../../core/wasm.js';
import { takeRows } from '../../core/matrix.js';
import type { Matrix } from '../../core/types.js';
import { searchNeighborsInArena, type KnnAlgorithm } from '../../neighbors/search.js';
import { checkRandomState, type RandomStateLike } from '../../random/RandomState.js';
import { BaseCleaningSampler, type NeighborsLike, type ResampleContext, type ResampleOutput } from '../base.js';
import { rowsByClass } from '../over/assemble.js';
import { counterMinority, neighbourVote, tooManyNeighbors } from './prototypeSelection.js';
import { checkCleaningSamplingStrategy } from './tomekLinks.js';

/** Options of `CondensedNearestNeighbour` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface CondensedNearestNeighbourOptions {
  /** Classes to condense: `'auto'` (default, = `'not minority'`), a cleaning name, a list of labels or a function. */
  samplingStrategy?: unknown;
  /** An integer seed reproduces imbalanced-learn's output for `random_state=seed`. */
  randomState?: RandomStateLike;
  /**
   * Neighbours of the k-NN classifier: `null`/omitted = 1, an integer, or an object with
   * `nNeighbors` (a k-NN classifier's k, used as is).
   */
  nNeighbors?: number | NeighborsLike | null;
  /** Rows of the class drawn (with replacement) to start the condensed set (default 1). */
  nSeedsS?: number;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'randomState', 'nNeighbors', 'nSeedsS'] as const;

/** The k-NN classifier of CNN / OSS: `{ k, algorithm }` from the `nNeighbors` option. @internal */
export function classifierOption(owner: string, value: unknown): { k: number; algorithm: KnnAlgorithm } {
  const rule = "an integer >= 1, an object with 'nNeighbors' or null";
  if (value === undefined || value === null) return { k: 1, algorithm: 'auto' };
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1) throw paramRangeError(owner, 'nNeighbors', rule, value);
    return { k: value, algorithm: 'auto' };
  }
  if (typeof value === 'object' && typeof (value as NeighborsLike).nNeighbors === 'number') {
    const k = (value as NeighborsLike).nNeighbors;
    if (!Number.isInteger(k) || k < 1) throw paramRangeError(owner, 'nNeighbors', rule, k);
    return { k, algorithm: ((value as NeighborsLike).algorithm ?? 'auto') as KnnAlgorithm };
  }
  throw paramTypeError(owner, 'nNeighbors', rule, value);
}

interface CondenseKernel {
  knn_insert_incremental(
    data: number, d: number, qRows: number, from: number, to: number, newRow: number, newIndex: number,
    k: number, bestDist: number, bestIdx: number, cLabel: number, nClasses: number, votes: number, pred: number,
  ): void;
}

/**
 * Condenses one class (imbalanced-learn's inner loop): `seeds` (input rows) and every row of
 * `minorityRows` start the set C; the class rows are visited in order and a row that the k-NN
 * classifier on C misclassifies joins C. Upstream refits the classifier after each addition and
 * re-predicts the whole class; here each class row keeps its k nearest rows of C (one shared
 * search at the start) and an addition only updates the rows it comes closer to, which gives the
 * same predictions. Upstream's skip rule is kept: a position p is skipped when it equals the
 * INPUT index of a kept row (a position/global-index mix-up), or when its row is already
 * classified correctly.
 * @returns the kept input rows of the class: the seeds, then the added rows in order.
 * @internal exported for the equality test against a plain version of the upstream loop.
 */
export function condenseClass(
  X: Matrix, codes: Int32Array, nClasses: number, classRows: Int32Array, minorityRows: Int32Array, seeds: Int32Array,
  k: number, algorithm: KnnAlgorithm = 'auto',
): number[] {
  const target = codes[classRows[0]];
  const nS = classRows.length;
  const nC0 = minorityRows.length + seeds.length;
  if (k > nC0) throw tooManyNeighbors(nC0, k);
  const d = X.cols;
  const kept = Array.from(seeds);
  withArena((arena: Arena) => {
    const data = arena.f64From(X.data);
    const qRows = arena.i32From(classRows);
    const c0 = arena.f64(nC0 * d);
    const query = arena.f64(nS * d);
    const bestIdx = arena.i32(nS * k);
    const bestDist = arena.f64(nS * k);
    const cLabel = arena.i32(nC0 + nS);
    const votes = arena.i32(nClasses);
    const pred = arena.i32(nS);
    const c0Rows = [...minorityRows, ...seeds];
    const view = f64View(c0, nC0 * d);
    c0Rows.forEach((row, r) => view.set(X.data.subarray(row * d, row * d + d), r * d));
    f64View(query, nS * d).set(takeRows(X, classRows).data);
    i32View(cLabel, nC0).set(c0Rows.map((row) => codes[row]));
    searchNeighborsInArena(arena, c0, nC0, d, query, nS, k, false, bestIdx, bestDist, algorithm);
    // views only after the search, which allocates its scratch
    i32View(pred, nS).set(neighbourVote(i32View(bestIdx, nS * k), k, k, i32View(cLabel, nC0), nClasses));
    const predicted = i32View(pred, nS);
    const labels = i32View(cLabel, nC0 + nS);
    const keptInputRows = new Set<number>(seeds);
    const kern = kernels() as unknown as CondenseKernel;
    let size = nC0;
    for (let p = 0; p < nS; p++) {
      if (keptInputRows.has(p) || predicted[p] === target) continue;
      const row = classRows[p];
      kept.push(row);
      keptInputRows.add(row);
      labels[size] = target;
      kern.knn_insert_incremental(data, d, qRows, p + 1, nS, row, size, k, bestDist, bestIdx, cLabel, nClasses, votes, pred);
      size++;
    }
  });
  return kept;
}

/** One resampled class, as `SeededSelection.selectFromClass` receives it. */
export interface ClassSelection {
  X: Matrix;
  codes: Int32Array;
  nClasses: number;
  /** The class code and its rows (input order). */
  c: number;
  rows: Int32Array;
  /** Rows of the minority class (`Counter` order tie rule). */
  minorityRows: Int32Array;
  /** Positions in `rows` of the seed rows drawn for this class. */
  seedPositions: Int32Array;
  k: number;
  algorithm: KnnAlgorithm;
}

/**
 * What CondensedNearestNeighbour and OneSidedSelection share: their options and checks, and the
 * loop over classes (sorted labels) that keeps the classes not resampled whole and, for each
 * resampled class, draws `nSeedsS` seed positions from one stream and asks `selectFromClass`.
 */
export abstract class SeededSelection<O extends CondensedNearestNeighbourOptions> extends BaseCleaningSampler<O> {
  // the output is always a row selection (takeRows): X itself is only read
  protected override readonly readsXOnly = true;
  protected override validateOptions(): void {
    const owner = this.samplerName;
    checkCleaningSamplingStrategy(owner, this.samplingStrategyOption);
    classifierOption(owner, this.options.nNeighbors);
    checkInteger(owner, 'nSeedsS', this.options.nSeedsS ?? 1, 1);
    checkRandomState(this.options.randomState, owner);
  }

  /** The kept input rows: whole classes not resampled, `selectFromClass` for the others. */
  protected selectRows(X: Matrix, codes: Int32Array, ctx: ResampleContext): Int32Array {
    const { k, algorithm } = classifierOption(this.samplerName, this.options.nNeighbors);
    const nSeeds = this.options.nSeedsS ?? 1;
    const random = checkRandomState(this.options.randomState, this.samplerName);
    const byClass = rowsByClass(codes, ctx.nClasses);
    const minorityRows = byClass[counterMinority(codes, ctx.nClasses)];
    const keep: number[] = [];
    for (let c = 0; c < ctx.nClasses; c++) {
      const rows = byClass[c];
      if (!ctx.strategy.has(c)) {
        for (const i of rows) keep.push(i);
        continue;
      }
      const seedPositions = random.randint(0, rows.length, nSeeds) as Int32Array;
      for (const i of this.selectFromClass({ X, codes, nClasses: ctx.nClasses, c, rows, minorityRows, seedPositions, k, algorithm })) keep.push(i);
    }
    return Int32Array.from(keep);
  }

  /** The rows of one resampled class to keep, seeds first. */
  protected abstract selectFromClass(step: ClassSelection): Iterable<number>;
}

/**
 * Under-sampling by the condensed nearest neighbour rule (imbalanced-learn's
 * `CondensedNearestNeighbour`). For each class to clean (sorted labels): `nSeedsS` rows drawn
 * with replacement (`randint`, one random stream across classes) plus all minority rows form C;
 * then each class row misclassified by a k-NN classifier on C joins C (see `condenseClass` for
 * the incremental version of upstream's loop, which gives the same rows in O(additions × class
 * rows) instead of refitting and re-predicting after every addition). Output is grouped by class
 * in sorted-label order: for a condensed class, the seeds and then the added rows. The minority
 * class is the one with the fewest rows, ties to the first to appear in `y`.
 *
 * @example
 * const { X: Xr, y: yr, sampleIndices } = new CondensedNearestNeighbour({ randomState: 0 }).fitResample(X, y);
 */
export class CondensedNearestNeighbour extends SeededSelection<CondensedNearestNeighbourOptions> {
  /** Stores the options (validated by `fitResample`). */
  constructor(options: CondensedNearestNeighbourOptions = {}) {
    super(options, KNOWN);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const sampleIndices = this.selectRows(X, codes, ctx);
    return { X: takeRows(X, sampleIndices), codes: sampleIndices.map((i) => codes[i]), sampleIndices };
  }

  protected selectFromClass({ X, codes, nClasses, rows, minorityRows, seedPositions, k, algorithm }: ClassSelection): Iterable<number> {
    const seeds = seedPositions.map((p) => rows[p]);
    return condenseClass(X, codes, nClasses, rows, minorityRows, seeds, k, algorithm);
  }
}
