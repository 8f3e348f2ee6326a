/**
 * imbalanced-learn's `TomekLinks`: removes the samples of the targeted classes that form a
 * Tomek link (two rows of different classes that are each other's nearest neighbour).
 */
import { paramRangeError, paramTypeError } from '../../core/errors.js';
import { readI32, withArena } from '../../core/memory.js';
import { takeRows } from '../../core/matrix.js';
import type { Matrix } from '../../core/types.js';
import { searchNeighborsInArena } from '../../neighbors/search.js';
import { BaseCleaningSampler, type ResampleContext, type ResampleOutput } from '../base.js';

const CLEANING_NAMES = ['auto', 'majority', 'all', 'not minority', 'not majority'];

/**
 * imbalanced-learn's parameter constraints on `samplingStrategy` for cleaning samplers: a
 * number in (0, 1] (which the strategy check then rejects, as imbalanced-learn does), one of
 * the cleaning names, a list of labels or a function. `'minority'` and objects are refused.
 * @internal shared by the cleaning samplers.
 */
export function checkCleaningSamplingStrategy(owner: string, value: unknown): void {
  const rule = `a number in (0, 1], one of ${CLEANING_NAMES.map((n) => `'${n}'`).join(', ')}, a list of labels or a function`;
  if (typeof value === 'number') {
    if (!(value > 0 && value <= 1)) throw paramRangeError(owner, 'samplingStrategy', rule, value);
  } else if (typeof value === 'string') {
    if (!CLEANING_NAMES.includes(value)) throw paramRangeError(owner, 'samplingStrategy', rule, value);
  } else if (!Array.isArray(value) && typeof value !== 'function') {
    throw paramTypeError(owner, 'samplingStrategy', rule, value);
  }
}

/** Options of `TomekLinks`. */
export interface TomekLinksOptions {
  /**
   * Classes to clean: `'auto'` (default, = `'not minority'`), `'majority'`, `'not minority'`,
   * `'not majority'`, `'all'`, a list of labels, or a function of `y`.
   */
  samplingStrategy?: unknown;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

/**
 * Marks row i as part of a Tomek link when its nearest neighbour j has another class and i is
 * j's nearest neighbour, for rows whose class is cleaned (imbalanced-learn's `is_tomek`).
 * @param nearest nearest other row of each row
 * @param cleaned `cleaned[code]` is 1 for classes to clean
 */
export function tomekLinkMask(codes: Int32Array, nearest: Int32Array, cleaned: Uint8Array): Uint8Array {
  const links = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const j = nearest[i];
    if (cleaned[codes[i]] && codes[j] !== codes[i] && nearest[j] === i) links[i] = 1;
  }
  return links;
}

/**
 * Under-samples by removing Tomek links (imbalanced-learn's `TomekLinks`). Only the rows of the
 * classes selected by `samplingStrategy` are removed; kept rows stay in their original order and
 * `sampleIndices` gives their input positions. Neighbours come from the exact search
 * (`searchNeighbors`): each row is queried against all rows with itself included and its second
 * neighbour taken, as imbalanced-learn does; ties go to the smaller row index.
 * @example
 * const { X, y, sampleIndices } = new TomekLinks().fitResample(X0, y0);
 */
export class TomekLinks extends BaseCleaningSampler<TomekLinksOptions> {
  // the output is always a row selection (takeRows): X itself is only read
  protected override readonly readsXOnly = true;
  /** Stores the options (validated by `fitResample`). */
  constructor(options: TomekLinksOptions = {}) {
    super(options, ['samplingStrategy'], true);
  }

  protected override validateOptions(): void {
    checkCleaningSamplingStrategy(this.samplerName, this.samplingStrategyOption);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const n = X.rows;
    const nearest = withArena((arena) => {
      const fit = arena.f64From(X.data);
      const idx = arena.i32(n * 2);
      const dist = arena.f64(n * 2);
      searchNeighborsInArena(arena, fit, n, X.cols, 0, n, 2, false, idx, dist);
      const pairs = readI32(idx, n * 2);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = pairs[2 * i + 1];
      return out;
    });
    const cleaned = new Uint8Array(ctx.nClasses);
    for (const c of ctx.strategy.keys()) cleaned[c] = 1;
    const links = tomekLinkMask(codes, nearest, cleaned);
    let kept = 0;
    for (let i = 0; i < n; i++) kept += links[i] ? 0 : 1;
    const sampleIndices = new Int32Array(kept);
    for (let i = 0, r = 0; i < n; i++) if (!links[i]) sampleIndices[r++] = i;
    return { X: takeRows(X, sampleIndices), codes: sampleIndices.map((i) => codes[i]), sampleIndices };
  }
}
