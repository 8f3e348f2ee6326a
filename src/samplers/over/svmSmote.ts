import { checkNumber, paramRangeError, paramTypeError } from '../../core/errors.js';
import type { Labels, Matrix, MatrixLike } from '../../core/types.js';
import { checkRandomState, type RandomState, type RandomStateLike } from '../../random/RandomState.js';
import { SVC } from '../../svm/SVC.js';
import { BaseOverSampler, checkNeighborsOption, type NeighborsLike, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { appendSynthetic, rowsByClass, type SyntheticBlock } from './assemble.js';
import { makeSamples, mapIndices } from './generate.js';
import { neighborsOfRows, rowsOf } from './neighborsOf.js';

/** What SVMSMOTE needs of a support vector machine: `fit(X, y)` then `support_` (row indices). */
export interface SupportVectorModel {
  fit(X: MatrixLike, y: Labels): unknown;
  support_?: ArrayLike<number>;
}

/** Options of `SVMSMOTE` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface SVMSMOTEOptions {
  /** Which classes to over-sample and how much; default `'auto'` (all but the majority). */
  samplingStrategy?: SamplingStrategy;
  /** An integer seed restarts the streams as imbalanced-learn does. */
  randomState?: RandomStateLike;
  /** Neighbours used to make new rows (default 5), or a `NearestNeighbors` counting the row itself. */
  kNeighbors?: number | NeighborsLike;
  /** Neighbours used to tell noise and danger (default 10), or a `NearestNeighbors`. */
  mNeighbors?: number | NeighborsLike;
  /** The SVM whose support vectors are the base rows (default `new SVC({ gamma: 'scale' })`). */
  svmEstimator?: SupportVectorModel;
  /** Extrapolation step away from the neighbour for support vectors in safety (default 0.5). */
  outStep?: number;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'randomState', 'kNeighbors', 'mNeighbors', 'svmEstimator', 'outStep'] as const;

/**
 * SVM-SMOTE (Nguyen, Cooper and Kamei, 2009): the base rows are the support vectors of the class
 * found by an SVM (an RBF `SVC` by default), minus the noisy ones (all `mNeighbors` neighbours of
 * another class). A fraction `beta(10, 10)` of the new rows is interpolated from support vectors
 * in danger (at least half of the neighbours from other classes) towards same-class neighbours;
 * the rest is extrapolated from safe support vectors away from a neighbour (`step` in
 * `(-outStep, 0]`, reported as such in `origin.step`).
 *
 * Order of random draws as imbalanced-learn: one stream for the `beta` fractions, and (with an
 * integer seed) a fresh stream for each batch of new rows. The SVM's solution equals libsvm's up
 * to its tolerance, so support vectors at the margin can differ from scikit-learn's.
 * @throws RangeError when every support vector of a class is noise.
 * @example
 * const res = new SVMSMOTE({ randomState: 0 }).fitResample(X, y);
 */
export class SVMSMOTE extends BaseOverSampler<SVMSMOTEOptions> {
  /** The SVM fitted by the last `fitResample`. */
  svmEstimator_?: SupportVectorModel;

  constructor(options: SVMSMOTEOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    for (const [name, def] of [['kNeighbors', 5], ['mNeighbors', 10]] as const) {
      const { nNeighbors } = checkNeighborsOption(owner, name, this.options[name] ?? def);
      if (nNeighbors < 2) throw paramRangeError(owner, name, 'an integer >= 1 or a NearestNeighbors with nNeighbors >= 2', this.options[name]);
    }
    const est = this.options.svmEstimator;
    if (est !== undefined && (est === null || typeof est !== 'object' || typeof est.fit !== 'function')) {
      throw paramTypeError(owner, 'svmEstimator', 'an object with fit and support_ (such as SVC)', est);
    }
    checkNumber(owner, 'outStep', this.options.outStep ?? 0.5, { min: 0, max: 1 });
    checkRandomState(this.options.randomState, owner);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const owner = this.samplerName;
    const kOpt = checkNeighborsOption(owner, 'kNeighbors', this.options.kNeighbors ?? 5);
    const mOpt = checkNeighborsOption(owner, 'mNeighbors', this.options.mNeighbors ?? 10);
    const k = kOpt.nNeighbors - 1;
    const m = mOpt.nNeighbors - 1;
    const outStep = this.options.outStep ?? 0.5;
    const seed = this.options.randomState;
    const random = checkRandomState(seed, owner);
    const fresh = (): RandomState => (typeof seed === 'number' ? checkRandomState(seed, owner) : random);
    const svm = this.options.svmEstimator ?? new SVC({ gamma: 'scale' });
    this.svmEstimator_ = svm;
    const labels = ctx.labels();
    const byClass = rowsByClass(codes, ctx.nClasses);
    const blocks: SyntheticBlock[] = [];
    for (const [code, nNew] of ctx.strategy) {
      if (nNew === 0) continue;
      const rows = byClass[code];
      svm.fit(X, labels);
      if (!svm.support_) {
        throw new TypeError('`svm_estimator` is required to exposed a `support_` fitted attribute. Such estimator belongs to the familly of Support Vector Machine.');
      }
      const support = Int32Array.from(svm.support_).filter((i) => codes[i] === code);
      if (mOpt.nNeighbors > X.rows) throw tooFew(X.rows, mOpt.nNeighbors);
      // one neighbour search serves both tests (imbalanced-learn asks the same fitted index twice):
      // noise when all m neighbours are of other classes, danger when at least half of them
      const other = otherClassCounts(neighborsOfRows(X, support, m, mOpt.algorithm), m, codes, code);
      const kept = support.filter((_, i) => other[i] < m);
      if (kept.length === 0) {
        throw new RangeError('All support vectors are considered as noise. SVM-SMOTE is not adapted to your dataset. Try another SMOTE variant.');
      }
      const keptOther = other.filter((c) => c < m);
      const inDanger = kept.filter((_, i) => keptOther[i] >= m / 2);
      const safe = kept.filter((_, i) => keptOther[i] < m / 2);
      if (kOpt.nNeighbors > rows.length) throw tooFew(rows.length, kOpt.nNeighbors);
      const Xc = rowsOf(X, rows);
      const position = new Map<number, number>();
      rows.forEach((r, p) => position.set(r, p));
      const fraction = legacyBeta(random, 10, 10);
      const nDanger = Math.trunc(fraction * (nNew + 1));
      const part = (sv: Int32Array, n: number, stepSize: number) => {
        const nn = neighborsOfRows(Xc, sv.map((r) => position.get(r)!), k, kOpt.algorithm);
        const made = makeSamples(rowsOf(X, sv), Xc, nn, k, n, fresh(), stepSize);
        blocks.push({ code, data: made.data, base: mapIndices(made.base, sv), neighbor: mapIndices(made.neighbor, rows), step: made.step });
      };
      if (inDanger.length > 0) part(inDanger, nDanger, 1);
      if (safe.length > 0) part(safe, nNew - nDanger, -outStep);
    }
    return appendSynthetic(X, codes, blocks);
  }
}

/** For each row of `nn` (`m` neighbour indices a row), how many neighbours are not of class `code`. */
function otherClassCounts(nn: Int32Array, m: number, codes: Int32Array, code: number): Int32Array {
  const out = new Int32Array(nn.length / m);
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < m; j++) if (codes[nn[i * m + j]] !== code) out[i]++;
  }
  return out;
}

/**
 * numpy's legacy `RandomState.beta(a, b)` for `a, b > 1`: `Ga / (Ga + Gb)` with Marsaglia and
 * Tsang's gamma variates drawn from the legacy Gaussian (`standard_normal`) and `random_sample`.
 * @internal
 */
export function legacyBeta(random: RandomState, a: number, b: number): number {
  const ga = legacyStandardGamma(random, a);
  const gb = legacyStandardGamma(random, b);
  return ga / (ga + gb);
}

/** numpy's `legacy_standard_gamma` for `shape > 1`. @internal */
export function legacyStandardGamma(random: RandomState, shape: number): number {
  const b = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * b);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = random.standardNormal(1)[0];
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.randomSample(1)[0];
    if (u < 1 - 0.0331 * (x * x) * (x * x)) return b * v;
    if (Math.log(u) < 0.5 * x * x + b * (1 - v + Math.log(v))) return b * v;
  }
}

function tooFew(nSamples: number, nNeighbors: number): RangeError {
  return new RangeError(`Expected n_neighbors <= n_samples,  but n_samples = ${nSamples}, n_neighbors = ${nNeighbors}`);
}
