/** Output assembly shared by over-samplers: the input rows, then the new rows class by class. */
import type { Matrix } from '../../core/types.js';
import type { ResampleOutput } from '../base.js';

/** New rows of one class and where they came from (global input row indices). */
export interface SyntheticBlock {
  code: number;
  data: Float64Array;
  base: Int32Array;
  neighbor: Int32Array;
  step: Float64Array;
}

/**
 * Stacks `X` and the synthetic blocks in order (imbalanced-learn's `np.vstack` of the original
 * data and each class's new samples), with labels and the provenance of every new row.
 */
export function appendSynthetic(X: Matrix, codes: Int32Array, blocks: readonly SyntheticBlock[]): ResampleOutput {
  const nNew = blocks.reduce((s, b) => s + b.base.length, 0);
  const rows = X.rows + nNew;
  const data = new Float64Array(rows * X.cols);
  data.set(X.data);
  const outCodes = new Int32Array(rows);
  outCodes.set(codes);
  const base = new Int32Array(nNew);
  const neighbor = new Int32Array(nNew);
  const step = new Float64Array(nNew);
  let r = 0;
  for (const b of blocks) {
    data.set(b.data, (X.rows + r) * X.cols);
    outCodes.fill(b.code, X.rows + r, X.rows + r + b.base.length);
    base.set(b.base, r);
    neighbor.set(b.neighbor, r);
    step.set(b.step, r);
    r += b.base.length;
  }
  return { X: { data, rows, cols: X.cols }, codes: outCodes, origin: { base, neighbor, step } };
}

/** New rows of one class, made straight into the output (see `appendPending`). */
export interface PendingBlock {
  code: number;
  /** Rows to add. */
  n: number;
  /** Writes the rows into `data` (`n x d`, a view of the output) and returns where they came from (input row indices) and their steps. */
  make(data: Float64Array): { base: Int32Array; neighbor: Int32Array; step: Float64Array };
}

/**
 * `appendSynthetic` for blocks not made yet: the output is allocated once and each block writes
 * its rows into it, which saves a copy of every new row (and its garbage) over making them first.
 * Blocks make their rows in order; their random draws must already be taken.
 */
export function appendPending(X: Matrix, codes: Int32Array, blocks: readonly PendingBlock[]): ResampleOutput {
  const d = X.cols;
  const out = startSynthetic(X, codes, blocks.reduce((s, b) => s + b.n, 0));
  let at = 0;
  for (const b of blocks) {
    const made = b.make(out.synthetic.data.subarray(at * d, (at + b.n) * d));
    out.synthetic.base.set(made.base, at);
    out.synthetic.neighbor.set(made.neighbor, at);
    out.synthetic.step.set(made.step, at);
    out.codes.fill(b.code, X.rows + at, X.rows + at + b.n);
    at += b.n;
  }
  return out.output;
}

/**
 * Output buffers of an over-sampler: `X` copied at the top, `nNew` synthetic rows to be written
 * after it (`synthetic.data` is a view of the output rows after the originals).
 */
export function startSynthetic(X: Matrix, codes: Int32Array, nNew: number) {
  const rows = X.rows + nNew;
  const data = new Float64Array(rows * X.cols);
  data.set(X.data);
  const outCodes = new Int32Array(rows);
  outCodes.set(codes);
  const synthetic = {
    data: data.subarray(X.rows * X.cols),
    base: new Int32Array(nNew),
    neighbor: new Int32Array(nNew),
    step: new Float64Array(nNew),
  };
  const output: ResampleOutput = {
    X: { data, rows, cols: X.cols },
    codes: outCodes,
    origin: { base: synthetic.base, neighbor: synthetic.neighbor, step: synthetic.step },
  };
  return { output, codes: outCodes, synthetic };
}

/**
 * Input row indices of each class code (`np.flatnonzero(y == c)`). Pass the rows per class
 * (`ctx.counts`) to save a pass, or the number of classes; with `only`, classes not listed get an empty array (saves the majority class).
 */
export function rowsByClass(codes: Int32Array, countsOrNClasses: Int32Array | number, only?: Iterable<number>): Int32Array[] {
  let counts: Int32Array;
  if (typeof countsOrNClasses === 'number') {
    counts = new Int32Array(countsOrNClasses);
    for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  } else {
    counts = countsOrNClasses;
  }
  const wanted = only ? new Set(only) : null;
  const out = Array.from(counts, (n, c) => new Int32Array(!wanted || wanted.has(c) ? n : 0));
  const fill = new Int32Array(counts.length);
  if (!wanted) {
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      out[c][fill[c]++] = i;
    }
    return out;
  }
  const take = Uint8Array.from(counts, (_, c) => (wanted.has(c) ? 1 : 0));
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (take[c]) out[c][fill[c]++] = i;
  }
  return out;
}
