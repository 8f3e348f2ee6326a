/**
 * The sampler contract (imbalanced-learn's `imblearn/base.py`): one template method,
 * `fitResample`, validates options and data, encodes labels, resolves `samplingStrategy`, and
 * hands integer-coded data to the subclass's `_fitResample`; labels are decoded back to the
 * user's kind on the way out.
 */
import { checkKnownOptions, paramRangeError, paramTypeError } from '../core/errors.js';
import { decodeLabels, encodeLabels, type EncodedLabels } from '../core/labels.js';
import { allFinite, toMatrix } from '../core/matrix.js';
import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import { getNJobs, resolveJobs, setNJobs } from '../parallel/jobs.js';
import { classStats, resolveSamplingStrategy, type SamplingType } from './samplingStrategy.js';

/** Where each synthetic row of an over-sampler came from: `base + step * (neighbor - base)`. */
export interface SyntheticOrigin {
  /** Input row index of the base sample, per synthetic row. */
  base: Int32Array;
  /** Input row index of the neighbour used (equals `base` for RandomOverSampler). */
  neighbor: Int32Array;
  /** Interpolation step in [0, 1) (0 for RandomOverSampler). */
  step: Float64Array;
}

/** What `_fitResample` receives besides X and the label codes. */
export interface ResampleContext {
  /** All labels of `y`, sorted like `np.unique`; codes index into it. */
  classes: Label[];
  nClasses: number;
  /** `counts[code]` = rows of that class in the input. */
  counts: Int32Array;
  /** Resolved strategy: class code → n (to add for over-samplers, to keep for under-samplers), sorted. */
  strategy: Map<number, number>;
  /** The user's label kind (for samplers that call other samplers). */
  kind: EncodedLabels['kind'];
  /** The input labels decoded in the user's kind (built on demand). */
  labels(): Labels;
}

/** What `_fitResample` returns: rows, their class codes, and optional provenance. */
export interface ResampleOutput {
  X: Matrix;
  codes: Int32Array;
  /** Input row of each output row, where imbalanced-learn has `sample_indices_`. */
  sampleIndices?: Int32Array;
  /** For over-samplers: the origin of each synthetic row (rows after the originals). */
  origin?: SyntheticOrigin;
}

/** The result of `fitResample`. */
export interface ResampleResult {
  /** The resampled data. */
  X: Matrix;
  /** The resampled labels, in the kind given (Int32Array, Float64Array or string[]). */
  y: Labels;
  /** Input row of each output row (samplers with imbalanced-learn's `sample_indices_`). */
  sampleIndices?: Int32Array;
  /** Over-samplers: where each synthetic row (after the `n` input rows) came from. */
  origin?: SyntheticOrigin;
}

/** Options every sampler has. */
export interface SamplerOptions {
  /** See `SamplingStrategy`; default `'auto'`. */
  samplingStrategy?: unknown;
  /**
   * Threads for this sampler's neighbour searches (samplers that search neighbours): an integer
   * >= 1, or -1 for every processor; default: the value of `setNJobs` (initially automatic: every processor under Node for large searches). Results are the same
   * for every value.
   */
  nJobs?: number | null;
}

/** Options that mark a sampler as searching neighbours, so that it also takes `nJobs`. */
const NEIGHBOUR_OPTIONS = ['kNeighbors', 'nNeighbors', 'mNeighbors', 'smote', 'enn', 'tomek'];

/**
 * Base class of every sampler. A subclass:
 * 1. declares `samplingType` (`'over-sampling'`, `'under-sampling'`, `'clean-sampling'`,
 *    `'ensemble'` or `'bypass'`) — usually by extending `BaseOverSampler`, `BaseUnderSampler`
 *    or `BaseCleaningSampler`;
 * 2. calls `super(options, KNOWN_KEYS)` in its constructor (which only stores the options);
 * 3. overrides `validateOptions()` to check its options (called first by `fitResample`, with
 *    errors from `src/core/errors.ts` naming the class, the option, the rule and the value);
 * 4. implements `_fitResample(X, codes, ctx)`: `X` is a validated float64 copy, `codes[i]` the
 *    class index of row i into `ctx.classes`, `ctx.strategy` the resolved strategy by class
 *    index. It returns the new rows and codes (and `sampleIndices` / `origin` when it has them).
 *
 * @example
 * class KeepFirst extends BaseUnderSampler<{ samplingStrategy?: unknown }> {
 *   constructor(options = {}) { super(options, ['samplingStrategy']); }
 *   protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
 *     const keep: number[] = []; const seen = new Int32Array(ctx.nClasses);
 *     codes.forEach((c, i) => { const n = ctx.strategy.get(c) ?? Infinity; if (seen[c]++ < n) keep.push(i); });
 *     const idx = Int32Array.from(keep);
 *     return { X: takeRows(X, idx), codes: idx.map((i) => codes[i]), sampleIndices: idx };
 *   }
 * }
 */
export abstract class BaseSampler<O extends SamplerOptions = SamplerOptions> {
  /** How `samplingStrategy` is interpreted. */
  abstract readonly samplingType: SamplingType;
  /** The resolved strategy of the last `fitResample` (label → n, sorted by label). */
  samplingStrategy_?: Map<Label, number>;
  /** `sampleIndices` of the last `fitResample`, where the sampler has them. */
  sampleIndices_?: Int32Array;
  /** The options as given (constructors only store them). */
  protected readonly options: Readonly<O>;
  /**
   * True when `_fitResample` never writes into `X`: `fitResample` then validates a float64
   * `Matrix` in place instead of copying it (the user's array is still never mutated).
   */
  protected readonly readsXOnly: boolean = false;

  /** Stores the options after rejecting unknown keys. */
  constructor(options: O | undefined, knownKeys: readonly string[], searchesNeighbours = false) {
    const takesJobs = searchesNeighbours || knownKeys.some((k) => NEIGHBOUR_OPTIONS.includes(k));
    checkKnownOptions(new.target.name, options, takesJobs && !knownKeys.includes('nJobs') ? [...knownKeys, 'nJobs'] : knownKeys);
    this.options = Object.freeze({ ...(options ?? {}) }) as Readonly<O>;
  }

  /** The class name used in messages. */
  get samplerName(): string {
    return this.constructor.name;
  }

  /** The options given to the constructor (a copy), as scikit-learn's `get_params`. */
  getParams(): O {
    return { ...this.options } as O;
  }

  /** A new unfitted sampler with the same options (scikit-learn's `clone`). */
  clone(): this {
    const Ctor = this.constructor as new (options: O) => this;
    return new Ctor({ ...this.options } as O);
  }

  /** Checks the options; called first by `fitResample`. Subclasses override and call super. */
  protected validateOptions(): void {}

  /** The `samplingStrategy` option, `'auto'` when omitted. */
  protected get samplingStrategyOption(): unknown {
    return this.options.samplingStrategy === undefined ? 'auto' : this.options.samplingStrategy;
  }

  /**
   * Resamples `X` and `y` (imbalanced-learn's `fit_resample`). Inputs are never mutated.
   * @returns the new `X` (a `Matrix`), `y` in the label kind given, and `sampleIndices` /
   * `origin` where the sampler has them.
   */
  fitResample(X: MatrixLike, y: LabelsLike): ResampleResult {
    return this.withJobs(() => this.fitResampleBody(X, y));
  }

  /** Runs `body` with this sampler's `nJobs` as the neighbour searches' default, restored after. */
  private withJobs<R>(body: () => R): R {
    const nJobs = (this.options as SamplerOptions).nJobs;
    if (nJobs === undefined || nJobs === null) return body();
    resolveJobs(nJobs, this.samplerName);
    const saved = getNJobs();
    setNJobs(nJobs);
    try {
      return body();
    } finally {
      setNJobs(saved);
    }
  }

  private fitResampleBody(X: MatrixLike, y: LabelsLike): ResampleResult {
    this.validateOptions();
    const owner = this.samplerName;
    const Xm = fastMatrix(X, !this.readsXOnly) ?? toMatrix(X, { owner });
    const fast = fastEncode(y, Xm.rows);
    const encoded = fast ?? encodeLabels(y, { owner, length: Xm.rows });
    checkClassificationTarget(encoded);
    const out = this.run(Xm, encoded, fast?.counts);
    const result: ResampleResult = { X: out.X, y: fastDecode(out.codes, encoded) };
    if (out.sampleIndices) result.sampleIndices = out.sampleIndices;
    if (out.origin) result.origin = out.origin;
    return result;
  }

  /**
   * Resamples data that is already validated and encoded (used by samplers that chain other
   * samplers, such as SMOTEENN). Codes in the output index into `encoded.classes`.
   * @internal
   */
  resampleEncoded(X: Matrix, encoded: EncodedLabels): ResampleOutput {
    return this.withJobs(() => {
      this.validateOptions();
      return this.run(X, encoded);
    });
  }

  private run(X: Matrix, encoded: EncodedLabels, knownCounts?: Int32Array): ResampleOutput {
    let counts = knownCounts;
    if (!counts) {
      counts = new Int32Array(encoded.classes.length);
      const codes = encoded.codes;
      for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
    }
    const stats = classStats(encoded, counts);
    const labels = () => decodeLabels(encoded.codes, encoded.classes, encoded.kind);
    const byStatIndex = resolveSamplingStrategy(this.samplingStrategyOption, stats, this.samplingType, labels, this.samplerName);
    const strategy = new Map<number, number>();
    const resolved = new Map<Label, number>();
    for (const [s, n] of byStatIndex) {
      strategy.set(stats.index[s], n);
      resolved.set(stats.classes[s], n);
    }
    this.samplingStrategy_ = resolved;
    const ctx: ResampleContext = {
      classes: encoded.classes, nClasses: encoded.classes.length, counts, strategy, kind: encoded.kind, labels,
    };
    const out = this._fitResample(X, encoded.codes, ctx);
    this.sampleIndices_ = out.sampleIndices;
    return out;
  }

  /** The algorithm: see the class documentation. */
  protected abstract _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput;
}

/** Base of over-samplers: strategy values are the numbers of rows to add per class. */
export abstract class BaseOverSampler<O extends SamplerOptions = SamplerOptions> extends BaseSampler<O> {
  readonly samplingType: SamplingType = 'over-sampling';
}

/** Base of under-samplers: strategy values are the numbers of rows to keep per class. */
export abstract class BaseUnderSampler<O extends SamplerOptions = SamplerOptions> extends BaseSampler<O> {
  readonly samplingType: SamplingType = 'under-sampling';
}

/** Base of cleaning samplers: the strategy names the classes to clean (a label list allowed). */
export abstract class BaseCleaningSampler<O extends SamplerOptions = SamplerOptions> extends BaseSampler<O> {
  readonly samplingType: SamplingType = 'clean-sampling';
}

/**
 * A validated copy of a float64 `Matrix` without per-element boxing (the common fast case);
 * `null` sends anything unusual to `toMatrix`, which owns the error messages.
 */
function fastMatrix(X: unknown, copy: boolean): Matrix | null {
  if (X === null || typeof X !== 'object' || Array.isArray(X)) return null;
  const { data, rows, cols } = X as Partial<Matrix>;
  if (!(data instanceof Float64Array) || !Number.isInteger(rows) || !Number.isInteger(cols)) return null;
  if (rows! <= 0 || cols! <= 0 || data.length !== rows! * cols!) return null;
  if (!allFinite(data)) return null; // toMatrix names the bad value
  return { data: copy ? data.slice() : data, rows: rows!, cols: cols! };
}

/** The label codes of a typed array of integers through a lookup table; `null` for anything else. */
function fastEncode(y: unknown, length: number): (EncodedLabels & { counts: Int32Array }) | null {
  if (!ArrayBuffer.isView(y) || y instanceof DataView || (y as unknown as ArrayLike<number>).length !== length || length === 0) return null;
  // Int32Array (what makeClassification returns) needs no integer check: one monomorphic loop.
  const v: Int32Array = y instanceof Int32Array ? y : Int32Array.from(y as unknown as ArrayLike<number>);
  if (!(y instanceof Int32Array)) {
    const src = y as unknown as ArrayLike<number>;
    for (let i = 0; i < length; i++) if (src[i] !== v[i]) return null; // not an int32 value
  }
  let min = v[0];
  let max = v[0];
  for (let i = 1; i < length; i++) {
    const t = v[i];
    if (t < min) min = t;
    else if (t > max) max = t;
  }
  if (max - min > 1 << 20) return null;
  const tally = new Int32Array(max - min + 1);
  for (let i = 0; i < length; i++) tally[v[i] - min]++;
  const classes: number[] = [];
  const table = new Int32Array(tally.length);
  for (let k = 0; k < tally.length; k++) if (tally[k]) { table[k] = classes.length; classes.push(k + min); }
  const counts = Int32Array.from(classes, (c) => tally[c - min]);
  // Labels 0..k-1 are their own codes.
  if (min === 0 && classes.length === max + 1) return { classes, codes: v === y ? v.slice() : v, kind: 'int', counts };
  const codes = new Int32Array(length);
  for (let i = 0; i < length; i++) codes[i] = table[v[i] - min];
  return { classes, codes, kind: 'int', counts };
}

/** `decodeLabels` without an intermediate array for numeric labels (codes are fresh arrays we own). */
function fastDecode(codes: Int32Array, encoded: EncodedLabels): Labels {
  if (encoded.kind === 'string') return decodeLabels(codes, encoded.classes, encoded.kind);
  const classes = encoded.classes as number[];
  if (encoded.kind === 'int' && classes.every((c, i) => c === i)) return codes;
  const table = Float64Array.from(classes);
  const out = encoded.kind === 'int' ? new Int32Array(codes.length) : new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]];
  return out;
}

/** scikit-learn's `check_classification_targets`: non-integer numeric labels are a regression target. */
export function checkClassificationTarget(encoded: EncodedLabels): void {
  if (encoded.kind === 'float' && encoded.classes.some((c) => !Number.isInteger(c))) {
    throw new RangeError("Unknown label type: 'continuous'");
  }
}

/** A `NearestNeighbors`-like object as accepted by `kNeighbors` / `nNeighbors` options. */
export interface NeighborsLike {
  nNeighbors: number;
  algorithm?: string;
  kneighbors?: unknown;
}

/** A resolved neighbours option. */
export interface NeighborsOption {
  /** Neighbours per query INCLUDING the query point itself (imbalanced-learn's convention). */
  nNeighbors: number;
  /** Search backend requested by a `NearestNeighbors` object (`'auto'` for an integer). */
  algorithm: 'auto' | 'kd_tree' | 'brute';
}

/**
 * imbalanced-learn's `check_neighbors_object`: an integer k means `k + additional` neighbours
 * (the query point itself is one of them); a `NearestNeighbors` is used as is, so its
 * `nNeighbors` counts the query point.
 */
export function checkNeighborsOption(owner: string, name: string, value: unknown, additional = 1): NeighborsOption {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1) throw paramRangeError(owner, name, 'an integer >= 1', value);
    return { nNeighbors: value + additional, algorithm: 'auto' };
  }
  if (value !== null && typeof value === 'object' && typeof (value as NeighborsLike).nNeighbors === 'number' && 'kneighbors' in value) {
    const nn = value as NeighborsLike;
    const algorithm = (nn.algorithm ?? 'auto') as NeighborsOption['algorithm'];
    return { nNeighbors: nn.nNeighbors, algorithm };
  }
  throw paramTypeError(owner, name, 'an integer >= 1 or a NearestNeighbors', value);
}
