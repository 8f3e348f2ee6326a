/**
 * imbalanced-learn's `OneSidedSelection`: one pass of a k-NN classifier on (minority + seeds),
 * keeping the misclassified rows, then Tomek-link cleaning.
 */
import { takeRows } from '../../core/matrix.js';
import type { Matrix } from '../../core/types.js';
import type { RandomStateLike } from '../../random/RandomState.js';
import type { NeighborsLike, ResampleContext, ResampleOutput } from '../base.js';
import { SeededSelection, type ClassSelection } from './condensedNearestNeighbour.js';
import { knnPredict } from './prototypeSelection.js';
import { searchNeighbors } from '../../neighbors/search.js';

/**
 * The rows of `cleaned` classes that form a Tomek link, exactly as `TomekLinks` marks them (each
 * row's nearest other row = column 1 of a 2-NN search that includes the row itself), while
 * searching for few rows: a link joins two classes, so one of its rows is outside the largest
 * class; those rows are searched, then only the largest-class rows they point to.
 * @internal exported for the equality test with `TomekLinks`.
 */
export function tomekLinksFromFewQueries(X: Matrix, codes: Int32Array, cleaned: Uint8Array, nClasses: number): Uint8Array {
  const n = X.rows;
  const links = new Uint8Array(n);
  if (n < 2) return links;
  const counts = new Int32Array(nClasses);
  for (let i = 0; i < n; i++) counts[codes[i]]++;
  let largest = 0;
  for (let c = 1; c < nClasses; c++) if (counts[c] > counts[largest]) largest = c;
  const nearest = new Int32Array(n).fill(-1);
  const searchNearest = (rows: number[]) => {
    if (rows.length === 0) return;
    const { indices } = searchNeighbors(X, takeRows(X, rows), 2);
    rows.forEach((i, q) => { nearest[i] = indices[2 * q + 1]; });
  };
  const outside: number[] = [];
  for (let i = 0; i < n; i++) if (codes[i] !== largest) outside.push(i);
  searchNearest(outside);
  const partners = new Set<number>();
  for (const i of outside) {
    const j = nearest[i];
    if (codes[j] !== codes[i] && nearest[j] < 0) partners.add(j);
  }
  searchNearest([...partners].sort((a, b) => a - b));
  for (let i = 0; i < n; i++) {
    const j = nearest[i];
    if (j >= 0 && cleaned[codes[i]] && codes[j] !== codes[i] && nearest[j] === i) links[i] = 1;
  }
  return links;
}

/** Options of `OneSidedSelection` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface OneSidedSelectionOptions {
  /** Classes to clean: `'auto'` (default, = `'not minority'`), a cleaning name, a list of labels or a function. */
  samplingStrategy?: unknown;
  /** An integer seed reproduces imbalanced-learn's output for `random_state=seed`. */
  randomState?: RandomStateLike;
  /** Neighbours of the k-NN classifier: `null`/omitted = 1, an integer, or an object with `nNeighbors`. */
  nNeighbors?: number | NeighborsLike | null;
  /** Rows of the class drawn (with replacement) to seed the classifier (default 1). */
  nSeedsS?: number;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'randomState', 'nNeighbors', 'nSeedsS'] as const;

/**
 * Under-sampling by one-sided selection (imbalanced-learn's `OneSidedSelection`). For each class
 * to clean (sorted labels), `nSeedsS` rows are drawn with replacement (one random stream across
 * classes); a k-NN classifier fitted on all minority rows plus those seeds classifies the other
 * rows of the class once, and the misclassified ones are kept with the seeds. Then the Tomek
 * links of the cleaned classes are removed, as `TomekLinks` removes them (searching only the rows
 * outside the largest class and their partners, see `tomekLinksFromFewQueries`). Output: grouped by class in sorted-label order
 * (seeds, then kept rows, for a cleaned class), minus the Tomek links; `sampleIndices` gives the
 * input rows.
 *
 * @example
 * const { X: Xr, y: yr, sampleIndices } = new OneSidedSelection({ randomState: 0 }).fitResample(X, y);
 */
export class OneSidedSelection extends SeededSelection<OneSidedSelectionOptions> {
  /** Stores the options (validated by `fitResample`). */
  constructor(options: OneSidedSelectionOptions = {}) {
    super(options, KNOWN);
  }

  protected selectFromClass({ X, codes, nClasses, c, rows, minorityRows, seedPositions, k, algorithm }: ClassSelection): Iterable<number> {
    const seeds = seedPositions.map((p) => rows[p]);
    const fitRows = Int32Array.from([...minorityRows, ...seeds]);
    // the class without its seed positions (np.delete drops each position once)
    const isSeed = new Uint8Array(rows.length);
    for (const p of seedPositions) isSeed[p] = 1;
    const others = rows.filter((_, p) => !isSeed[p]);
    const predicted = knnPredict(takeRows(X, fitRows), fitRows.map((i) => codes[i]), takeRows(X, others), k, nClasses, algorithm);
    const keep: number[] = Array.from(seeds);
    others.forEach((i, q) => { if (predicted[q] !== c) keep.push(i); });
    return keep;
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const selected = this.selectRows(X, codes, ctx);
    const selectedX = takeRows(X, selected);
    const selectedCodes = selected.map((i) => codes[i]);
    const cleanedClasses = new Uint8Array(ctx.nClasses);
    for (const c of ctx.strategy.keys()) cleanedClasses[c] = 1;
    const links = tomekLinksFromFewQueries(selectedX, selectedCodes, cleanedClasses, ctx.nClasses);
    const survivors: number[] = [];
    for (let r = 0; r < selected.length; r++) if (!links[r]) survivors.push(r);
    const kept = Int32Array.from(survivors);
    const cleaned = { X: takeRows(selectedX, kept), codes: kept.map((r) => selectedCodes[r]) };
    const sampleIndices = kept.map((r) => selected[r]);
    return { X: cleaned.X, codes: cleaned.codes, sampleIndices };
  }
}
