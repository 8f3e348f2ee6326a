import { checkOneOf, paramRangeError } from '../../core/errors.js';
import { f64View, withArena, type Ptr } from '../../core/memory.js';
import { kernels } from '../../core/wasm.js';
import type { Label, Matrix } from '../../core/types.js';
import { checkRandomState, type RandomState, type RandomStateLike } from '../../random/RandomState.js';
import { BaseOverSampler, checkNeighborsOption, type NeighborsLike, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { appendPending, rowsByClass, type PendingBlock } from './assemble.js';
import { drawSamples, pendingInterpolation } from './generate.js';
import { neighborsOfRows, rowsOf } from './neighborsOf.js';

/** Options of `BorderlineSMOTE` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface BorderlineSMOTEOptions {
  /** Which classes to over-sample and how much; default `'auto'` (all but the majority). */
  samplingStrategy?: SamplingStrategy;
  /** An integer seed reproduces imbalanced-learn's output for `random_state=seed`. */
  randomState?: RandomStateLike;
  /** Neighbours used to make new rows (default 5), or a `NearestNeighbors` counting the row itself. */
  kNeighbors?: number | NeighborsLike;
  /** Neighbours used to decide whether a row is in danger (default 10), or a `NearestNeighbors`. */
  mNeighbors?: number | NeighborsLike;
  /** `'borderline-1'` (default) or `'borderline-2'`. */
  kind?: 'borderline-1' | 'borderline-2';
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'randomState', 'kNeighbors', 'mNeighbors', 'kind'] as const;
const KINDS = ['borderline-1', 'borderline-2'] as const;

/** Which rows of `rows` are "in danger" or "noise" by their `m` neighbours in all of `X`. @internal */
export function dangerNoise(X: Matrix, codes: Int32Array, code: number, rows: Int32Array, m: number, kind: 'danger' | 'noise', algorithm: 'auto' | 'kd_tree' | 'brute' = 'auto'): Uint8Array {
  return classify(neighborsOfRows(X, rows, m, algorithm), m, m, codes, code, rows.length, kind);
}

/** imbalanced-learn's `_in_danger_noise` from the first `m` of `width` neighbours per row. */
function classify(nn: Int32Array, width: number, m: number, codes: Int32Array, code: number, nRows: number, kind: 'danger' | 'noise'): Uint8Array {
  const out = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) {
    let other = 0;
    for (let j = 0; j < m; j++) if (codes[nn[i * width + j]] !== code) other++;
    // danger when m/2 <= m' < m, noise when m' = m
    out[i] = kind === 'danger' ? Number(other >= m / 2 && other < m) : Number(other === m);
  }
  return out;
}

/**
 * Borderline-SMOTE (Han et al., 2005): SMOTE that only starts new rows from the rows "in
 * danger" — those with at least half, but not all, of their `mNeighbors` nearest neighbours
 * (in the whole data) from other classes. A class without rows in danger gets no new rows.
 * - `'borderline-1'`: neighbours of the rows in danger are taken in their own class;
 * - `'borderline-2'`: neighbours are taken in the whole data, and towards a row of another
 *   class the step is further multiplied by a draw in [0, 0.5) so the new row stays closer to
 *   the minority row. This follows imbalanced-learn >= 0.12 (0.10 drew the second half of
 *   the rows from minority neighbours only); `origin.step` then reports the combined step.
 *
 * Output: all input rows, then the new rows class by class (sorted labels). As imbalanced-learn,
 * an integer `randomState` restarts the stream for every class; borderline-1 reproduces
 * imbalanced-learn 0.10 exactly. `inDangerIndices_` tells the rows in danger per class.
 * @example
 * const res = new BorderlineSMOTE({ kind: 'borderline-1', randomState: 0 }).fitResample(X, y);
 */
export class BorderlineSMOTE extends BaseOverSampler<BorderlineSMOTEOptions> {
  protected override readonly readsXOnly = true;
  /** Input rows found in danger, per over-sampled label (imbalanced-learn's `in_danger_indices`). */
  inDangerIndices_?: Map<Label, Int32Array>;

  constructor(options: BorderlineSMOTEOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    const k = checkNeighborsOption(owner, 'kNeighbors', this.options.kNeighbors ?? 5);
    if (k.nNeighbors < 2) throw paramRangeError(owner, 'kNeighbors', 'an integer >= 1 or a NearestNeighbors with nNeighbors >= 2', this.options.kNeighbors);
    const m = checkNeighborsOption(owner, 'mNeighbors', this.options.mNeighbors ?? 10);
    if (m.nNeighbors < 2) throw paramRangeError(owner, 'mNeighbors', 'an integer >= 1 or a NearestNeighbors with nNeighbors >= 2', this.options.mNeighbors);
    checkOneOf(owner, 'kind', this.options.kind ?? 'borderline-1', KINDS);
    checkRandomState(this.options.randomState, owner);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const owner = this.samplerName;
    const kOpt = checkNeighborsOption(owner, 'kNeighbors', this.options.kNeighbors ?? 5);
    const mOpt = checkNeighborsOption(owner, 'mNeighbors', this.options.mNeighbors ?? 10);
    const k = kOpt.nNeighbors - 1;
    const m = mOpt.nNeighbors - 1;
    const kind = this.options.kind ?? 'borderline-1';
    const seed = this.options.randomState;
    // imbalanced-learn calls check_random_state in every _make_samples (and again for the
    // borderline-2 weights): an integer seed restarts the stream, a RandomState carries on.
    const shared: RandomState | null = typeof seed === 'number' ? null : checkRandomState(seed, owner);
    const fresh = () => shared ?? checkRandomState(seed, owner);
    // only the classes to over-sample (the majority class's rows are not needed)
    const byClass = rowsByClass(codes, ctx.counts, ctx.strategy.keys());
    const blocks: PendingBlock[] = [];
    this.inDangerIndices_ = new Map();
    for (const [code, nNew] of ctx.strategy) {
      if (nNew === 0) continue;
      const rows = byClass[code];
      if (mOpt.nNeighbors > X.rows) throw tooFew(X.rows, mOpt.nNeighbors);
      // borderline-2 takes both neighbour sets in all of X: one search serves both (nearest first)
      const both = kind === 'borderline-2' && kOpt.nNeighbors <= X.rows && kOpt.algorithm === mOpt.algorithm;
      const width = both ? Math.max(m, k) : m;
      const nnAll = neighborsOfRows(X, rows, width, mOpt.algorithm);
      const mask = classify(nnAll, width, m, codes, code, rows.length, 'danger');
      const danger = rows.filter((_, i) => mask[i] === 1);
      if (danger.length === 0) continue;
      this.inDangerIndices_.set(ctx.classes[code], danger);
      const Xdanger = rowsOf(X, danger);
      if (kind === 'borderline-1') {
        if (kOpt.nNeighbors > rows.length) throw tooFew(rows.length, kOpt.nNeighbors);
        const Xc = rowsOf(X, rows);
        const positions = new Int32Array(danger.length);
        for (let i = 0, p = 0; i < rows.length; i++) if (mask[i]) positions[p++] = i;
        const nn = neighborsOfRows(Xc, positions, k, kOpt.algorithm);
        const { sample, steps } = drawSamples(danger.length, k, nNew, fresh());
        blocks.push(pendingInterpolation(code, Xdanger, danger, Xc, rows, nn, k, sample, steps));
      } else {
        if (kOpt.nNeighbors > X.rows) throw tooFew(X.rows, kOpt.nNeighbors);
        let nn: Int32Array;
        if (both) {
          nn = new Int32Array(danger.length * k);
          for (let i = 0, p = 0; i < rows.length; i++) if (mask[i]) nn.set(nnAll.subarray(i * width, i * width + k), k * p++);
        } else nn = neighborsOfRows(X, danger, k, kOpt.algorithm);
        blocks.push({ code, n: nNew, make: borderline2Samples(X, codes, code, danger, nn, k, nNew, fresh) });
      }
    }
    return appendPending(X, codes, blocks);
  }
}

/**
 * Borderline-2's new rows (imbalanced-learn >= 0.12 `_make_samples` then `_generate_samples`
 * with `y`): `s = randint(0, nDanger * k, nNew)` and `step = uniform(size=nNew)` from one stream,
 * then from a fresh one `w = uniform(0, 0.5)` for each row whose neighbour `nn[s]` (a row of X)
 * is of another class, in row order; such a row is `base + step * ((nb - base) * w)` (its step
 * becomes `step * w`), the others `base + step * (nb - base)`. Each row is computed once. The
 * draws are taken now; the returned function writes the rows.
 */
function borderline2Samples(
  X: Matrix, codes: Int32Array, code: number, danger: Int32Array, nn: Int32Array, k: number, nNew: number, fresh: () => RandomState,
): PendingBlock['make'] {
  const random = fresh();
  const sample = random.randint(0, danger.length * k, nNew) as Int32Array;
  const steps = random.uniform(0, 1, nNew);
  const base = new Int32Array(nNew);
  const neighbor = new Int32Array(nNew);
  let count = 0;
  for (let i = 0; i < nNew; i++) {
    base[i] = danger[(sample[i] / k) | 0];
    neighbor[i] = nn[sample[i]];
    if (codes[neighbor[i]] !== code) count++;
  }
  const w = fresh().uniform(0, 0.5, count);
  return (data) => {
    const step = Float64Array.from(steps);
    fillBorderline2(X, codes, code, base, neighbor, steps, w, data, step);
    return { base, neighbor, step };
  };
}

/**
 * The rows of `borderline2Samples` (and the other-class rows' steps) into `data`. The kernel
 * (`smote_interpolate_scaled`, two values per f64x2) runs from 4 columns when X is no more than
 * twice the rows it makes, X copied in and the rows copied out: BorderlineSMOTE-2 at 50,000 × 20
 * went 16.1–17.0 -> 15.9–16.1 ms; at 2 columns the loop is as fast. Both give the same bits.
 */
function fillBorderline2(
  X: Matrix, codes: Int32Array, code: number, base: Int32Array, neighbor: Int32Array, steps: Float64Array, w: Float64Array,
  data: Float64Array, step: Float64Array,
): void {
  const d = X.cols;
  const n = base.length;
  // the scale of each row: 1 (exact) for a neighbour of the same class, else its w
  const scale = new Float64Array(n);
  for (let i = 0, t = 0; i < n; i++) {
    if (codes[neighbor[i]] === code) scale[i] = 1;
    else {
      scale[i] = w[t++];
      step[i] = steps[i] * scale[i];
    }
  }
  if (n > 0 && d >= 4 && X.data.length <= 2 * n * d) {
    withArena((arena) => {
      const out = arena.f64(n * d);
      (kernels() as unknown as ScaledKernel).smote_interpolate_scaled(
        arena.f64From(X.data), d, arena.i32From(base), arena.i32From(neighbor), arena.f64From(steps), arena.f64From(scale), n, out,
      );
      data.set(f64View(out, n * d));
    });
    return;
  }
  const x = X.data;
  for (let i = 0; i < n; i++) {
    const a = base[i] * d;
    const b = neighbor[i] * d;
    const o = i * d;
    const s = steps[i];
    const u = scale[i];
    for (let j = 0; j < d; j++) data[o + j] = x[a + j] + s * ((x[b + j] - x[a + j]) * u);
  }
}

/** BorderlineSMOTE-2's interpolation kernel (assembly/smote.ts). */
interface ScaledKernel {
  smote_interpolate_scaled(x: Ptr, d: number, base: Ptr, nb: Ptr, steps: Ptr, u: Ptr, n: number, out: Ptr): void;
}

function tooFew(nSamples: number, nNeighbors: number): RangeError {
  return new RangeError(`Expected n_neighbors <= n_samples,  but n_samples = ${nSamples}, n_neighbors = ${nNeighbors}`);
}
