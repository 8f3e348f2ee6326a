import { checkInteger, checkNumber } from '../core/errors.js';
import type { Ptr } from '../core/memory.js';
import { readMatrix, takeRows } from '../core/matrix.js';
import type { Matrix, MatrixLike } from '../core/types.js';
import { checkRandomState, type RandomState, type RandomStateLike } from '../random/RandomState.js';
import { assign, BaseKMeans, checkClusters, checkInit, checkNInit, checkTol, initCenters, type KMeansInit, scaledTolerance } from './common.js';
import { withAssignSpace, type AssignSpace } from './assignSpace.js';

/** Options of `MiniBatchKMeans` (scikit-learn's names, camelCased; same defaults). */
export interface MiniBatchKMeansOptions {
  /** Number of clusters (default 8). */
  nClusters?: number;
  /** `'k-means++'` (default), `'random'` or the initial centres. */
  init?: KMeansInit;
  /** Epochs over the data at most (default 100). */
  maxIter?: number;
  /** Rows per mini-batch (default 1024). */
  batchSize?: number;
  /** Stop when the squared centre change is at most tol x mean variance (default 0: off). */
  tol?: number;
  /** Stop after this many batches without a better smoothed inertia (default 10; `null`: never). */
  maxNoImprovement?: number | null;
  /** Rows drawn for the seeding (default 3 x batchSize, at most the rows there are). */
  initSize?: number | null;
  /** Seedings tried, best inertia on a validation draw kept; `'auto'` (default) = 1 for k-means++, 3 for random. */
  nInit?: number | 'auto';
  /** Share of the largest centre count under which a centre is moved to a random batch row (default 0.01). */
  reassignmentRatio?: number;
  /** Seed or `RandomState`. */
  randomState?: RandomStateLike;
}

const OWNER = 'MiniBatchKMeans';
const KNOWN = ['nClusters', 'init', 'maxIter', 'batchSize', 'tol', 'maxNoImprovement', 'initSize', 'nInit', 'reassignmentRatio', 'randomState'];

/**
 * Mini-batch k-means (scikit-learn's `MiniBatchKMeans`, Sculley 2010): seeding on a random
 * subset, then centres moved by random mini-batches with per-centre learning rates, small
 * centres reassigned to random batch rows, stopped by the smoothed batch inertia. The batch
 * step (assignment and centre update) runs in WebAssembly. Same algorithm and order of random
 * draws as scikit-learn; not bit-identical to it.
 * @example
 * const labels = new MiniBatchKMeans({ nClusters: 8, randomState: 0 }).fitPredict(X);
 */
export class MiniBatchKMeans extends BaseKMeans<MiniBatchKMeansOptions> {
  /** Mini-batch steps run. */
  nSteps_?: number;

  /** Stores the options (checked by `fit`). */
  constructor(options: MiniBatchKMeansOptions = {}) {
    super(options, KNOWN);
  }

  /** Clusters `X`; returns `this`. */
  override fit(X: MatrixLike): this {
    // only read (copied into WebAssembly memory): a valid float64 Matrix is not copied first
    return this.fitMatrix(readMatrix(X, { owner: OWNER }));
  }

  /** `fit` on data already validated (a finite float64 `Matrix`, e.g. a sampler's X). @internal */
  fitMatrix(Xm: Matrix): this {
    const o = this.options;
    const n = Xm.rows;
    const k = checkClusters(OWNER, this.nClusters, n);
    const init = checkInit(OWNER, o.init ?? 'k-means++', k);
    const nInit = checkNInit(OWNER, o.nInit, init, 3);
    const maxIter = checkInteger(OWNER, 'maxIter', o.maxIter ?? 100, 1);
    const batch = Math.min(checkInteger(OWNER, 'batchSize', o.batchSize ?? 1024, 1), n);
    const tol = scaledTolerance(Xm, checkTol(OWNER, o.tol ?? 0));
    const maxNoImprovement = o.maxNoImprovement === null ? null : checkInteger(OWNER, 'maxNoImprovement', o.maxNoImprovement ?? 10, 0);
    let initSize = o.initSize == null ? 3 * batch : checkInteger(OWNER, 'initSize', o.initSize, 1);
    if (initSize < k) initSize = 3 * k;
    initSize = Math.min(initSize, n);
    const ratio = checkNumber(OWNER, 'reassignmentRatio', o.reassignmentRatio ?? 0.01, { min: 0 });
    const random = checkRandomState(o.randomState, OWNER);

    // seeding: the best of nInit seedings on a subset, judged on a validation draw (drawn even
    // for one seeding, as scikit-learn does, but then not needed); run by the loop while the
    // pool's workers quantise the rows (no other random draw comes between)
    const seed = (): Matrix => {
      const validRows = random.randint(0, n, initSize) as Int32Array;
      const valid = nInit > 1 ? takeRows(Xm, validRows) : null;
      let centers: Matrix | null = null;
      let bestInertia = Infinity;
      for (let r = 0; r < nInit; r++) {
        const subset = initSize < n ? takeRows(Xm, random.randint(0, n, initSize) as Int32Array) : Xm;
        const c = initCenters(subset, init, k, random, OWNER);
        const inertia = valid ? assign(valid, c).inertia : 0;
        if (centers === null || inertia < bestInertia) { centers = c; bestInertia = inertia; }
      }
      return centers!;
    };
    const nSteps = Math.floor((maxIter * n) / batch);
    const run = miniBatchLoop(Xm, k, seed, { batch, nSteps, tol, maxNoImprovement, ratio, random });
    this.clusterCenters_ = run.centers;
    this.nSteps_ = run.steps;
    this.nIter_ = Math.ceil((run.steps * batch) / n);
    this.labels_ = run.labels;
    this.inertia_ = run.inertia;
    return this;
  }
}

interface LoopOptions {
  batch: number;
  nSteps: number;
  tol: number;
  maxNoImprovement: number | null;
  ratio: number;
  random: RandomState;
}

/**
 * The mini-batch steps with scikit-learn's stopping rule (`_mini_batch_convergence`), then the
 * labels and inertia of all rows for the final centres (on the same WebAssembly copy of X, in
 * the pool's shared memory when its threads share the assignments: see ./assignSpace.ts).
 */
function miniBatchLoop(X: Matrix, k: number, seed: () => Matrix, o: LoopOptions): { centers: Matrix; steps: number; labels: Int32Array; inertia: number } {
  const { rows: n, cols: d } = X;
  return withAssignSpace(n, d, k, (space) => {
    const kern = space.kern;
    const xp = space.f64(n * d);
    space.f64View(xp, n * d).set(X.data);
    // once per fit: every batch step and the final assignment screen these rows in int16; the
    // seeding runs meanwhile
    let init: Matrix | null = null;
    space.quantise(xp, n, d, () => { init = seed(); });
    const cp = space.f64(k * d);
    space.f64View(cp, k * d).set(init!.data);
    const wp = space.f64(k);
    const bp = space.i32(o.batch);
    const lp = space.i32(o.batch);
    const dp = space.f64(o.batch);
    const sp = space.f64(k * d);
    const np = space.f64(k);
    const labelsAll = space.i32(n);
    const d2All = space.f64(n);
    space.f64View(wp, k).fill(0);
    let ewa: number | null = null;
    let ewaMin: number | null = null;
    let noImprovement = 0;
    let sinceReassign = 0;
    let step = 0;
    for (; step < o.nSteps; step++) {
      const idx = o.random.randint(0, n, o.batch) as Int32Array;
      space.i32View(bp, o.batch).set(idx);
      const before = o.tol > 0 ? space.f64View(cp, k * d).slice() : null;
      space.assign(xp, d, bp, o.batch, cp, k, lp, dp);
      let inertia = kern.cluster_minibatch_update(xp, d, bp, o.batch, cp, k, wp, lp, dp, sp, np);
      // scikit-learn's _random_reassign: when a centre is empty or every 10 k rows
      sinceReassign += o.batch;
      if (o.ratio > 0 && (space.f64View(wp, k).some((v) => v === 0) || sinceReassign >= 10 * k)) {
        sinceReassign = 0;
        reassign(X, idx, space, cp, wp, k, o.ratio, o.random);
      }
      let diff = 0;
      if (before) {
        const c = space.f64View(cp, k * d);
        for (let i = 0; i < k * d; i++) diff += (c[i] - before[i]) ** 2;
      }
      // convergence on the exponentially weighted batch inertia
      inertia /= o.batch;
      if (step === 0) continue;
      if (ewa === null) ewa = inertia;
      else {
        const alpha = Math.min((o.batch * 2) / (n + 1), 1);
        ewa = ewa * (1 - alpha) + inertia * alpha;
      }
      if (o.tol > 0 && diff <= o.tol) { step++; break; }
      if (ewaMin === null || ewa < ewaMin) { noImprovement = 0; ewaMin = ewa; } else noImprovement++;
      if (o.maxNoImprovement !== null && noImprovement >= o.maxNoImprovement) { step++; break; }
    }
    space.assign(xp, d, 0, n, cp, k, labelsAll, d2All);
    const inertia = kern.cluster_sum(d2All, n);
    return { centers: { data: space.f64View(cp, k * d).slice(), rows: k, cols: d }, steps: step, labels: space.i32View(labelsAll, n).slice(), inertia };
  });
}

/** Centres with a count below `ratio x max` move to random rows of the batch (scikit-learn's rule). */
function reassign(X: Matrix, batchIdx: Int32Array, space: AssignSpace, cp: Ptr, wp: Ptr, k: number, ratio: number, random: RandomState): void {
  const d = X.cols;
  const weights = space.f64View(wp, k).slice();
  const m = batchIdx.length;
  let max = -Infinity;
  for (const v of weights) if (v > max) max = v;
  const move = Array.from(weights, (v) => v < ratio * max);
  if (move.filter(Boolean).length > 0.5 * m) {
    const order = Array.from(weights.keys()).sort((a, b) => weights[a] - weights[b] || a - b);
    for (const c of order.slice(Math.floor(0.5 * m))) move[c] = false;
  }
  const nMove = move.filter(Boolean).length;
  if (nMove === 0) return;
  // the draw may grow WebAssembly memory: views are made after it
  const picks = random.permutation(m).subarray(0, nMove);
  const centers = space.f64View(cp, k * d);
  const w = space.f64View(wp, k);
  let minKept = Infinity;
  for (let c = 0; c < k; c++) if (!move[c] && weights[c] < minKept) minKept = weights[c];
  for (let c = 0, p = 0; c < k; c++) {
    if (!move[c]) continue;
    const row = batchIdx[picks[p++]];
    centers.set(X.data.subarray(row * d, row * d + d), c * d);
    w[c] = minKept;
  }
}
