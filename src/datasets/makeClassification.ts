/**
 * scikit-learn's `make_classification`, draw for draw: with an integer `randomState` it returns
 * the dataset scikit-learn 1.2.1 returns (labels exactly, features to rounding of the matrix
 * products). The random numbers come from `RandomState`; the matrix work runs in the
 * WebAssembly kernels of assembly/datasets.ts.
 */
import { checkBoolean, checkInteger, checkKnownOptions, checkNumber, formatValue, paramTypeError } from '../core/errors.js';
import { f64View, i32View, readF64, withArena } from '../core/memory.js';
import type { Matrix } from '../core/types.js';
import { kernels } from '../core/wasm.js';
import { checkRandomState, type RandomStateLike } from '../random/RandomState.js';
import { allocState, standardNormalInto } from './gaussianInto.js';
import { generateHypercube } from './hypercube.js';

const OWNER = 'makeClassification';

/** Options of `makeClassification` (scikit-learn's keyword arguments, camelCased, same defaults). */
export interface MakeClassificationOptions {
  /** Number of rows (default 100). */
  nSamples?: number;
  /** Total number of features (default 20). */
  nFeatures?: number;
  /** Informative features, drawn around the cluster centroids (default 2). */
  nInformative?: number;
  /** Random linear combinations of the informative features (default 2). */
  nRedundant?: number;
  /** Copies of informative / redundant features (default 0). */
  nRepeated?: number;
  /** Number of classes (default 2). */
  nClasses?: number;
  /** Gaussian clusters per class (default 2). */
  nClustersPerClass?: number;
  /** Share of rows per class; `nClasses - 1` values get the rest as the last one (default equal). */
  weights?: ArrayLike<number> | null;
  /** Share of labels replaced by random ones (default 0.01). */
  flipY?: number;
  /** Half the side of the hypercube the clusters sit on (default 1.0). */
  classSep?: number;
  /** Clusters on the hypercube's vertices (true) or on a random polytope (default true). */
  hypercube?: boolean;
  /** Added to every feature: a number, one per feature, or `null` for random shifts (default 0). */
  shift?: number | ArrayLike<number> | null;
  /** Multiplies every feature after the shift: a number, one per feature, or `null` for random (default 1). */
  scale?: number | ArrayLike<number> | null;
  /** Shuffle rows and then columns (default true). */
  shuffle?: boolean;
  /** Seed or `RandomState`; an integer reproduces scikit-learn's dataset. */
  randomState?: RandomStateLike;
}

const KNOWN = ['nSamples', 'nFeatures', 'nInformative', 'nRedundant', 'nRepeated', 'nClasses', 'nClustersPerClass',
  'weights', 'flipY', 'classSep', 'hypercube', 'shift', 'scale', 'shuffle', 'randomState'] as const;

interface DatasetKernels {
  mc_put_columns(X: number, ld: number, n: number, src: number, w: number, col0: number): void;
  mc_cluster_affine(X: number, ld: number, r0: number, m: number, k: number, A: number, c: number, scratch: number): void;
  mc_linear_combination(X: number, ld: number, n: number, k: number, B: number, w: number, col0: number): void;
  mc_repeat_columns(X: number, ld: number, n: number, idx: number, w: number, col0: number): void;
  mc_shift_scale_permute(X: number, out: number, n: number, d: number, rows: number, cols: number, shift: number, scale: number): void;
}

/** The typed kernels of assembly/datasets.ts. */
export function datasetKernels(): DatasetKernels {
  return kernels() as unknown as DatasetKernels;
}

/**
 * The number of rows of each cluster: `int(nSamples * w[k % nClasses] / nClustersPerClass)`,
 * then the remainder handed out one by one to clusters 0, 1, 2, ... (scikit-learn's rule).
 */
export function clusterSizes(nSamples: number, weights: ArrayLike<number>, nClasses: number, nClustersPerClass: number): number[] {
  const nClusters = nClasses * nClustersPerClass;
  const sizes: number[] = [];
  for (let k = 0; k < nClusters; k++) sizes.push(Math.trunc((nSamples * weights[k % nClasses]) / nClustersPerClass));
  const rest = nSamples - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; i < rest; i++) sizes[i % nClusters] += 1;
  return sizes;
}

/** Completes `weights` as scikit-learn does (`weights + [1 - sum(weights)]` when one short). */
export function completeWeights(weights: ArrayLike<number> | null | undefined, nClasses: number): number[] {
  if (weights === null || weights === undefined) return Array.from({ length: nClasses }, () => 1.0 / nClasses);
  if (weights.length !== nClasses && weights.length !== nClasses - 1) {
    throw new RangeError('Weights specified but incompatible with number of classes.');
  }
  const w = Array.from(weights);
  if (w.length === nClasses - 1) {
    let sum = 0;
    for (const v of w) sum += v;
    w.push(1.0 - sum);
  }
  return w;
}

function perFeature(name: 'shift' | 'scale', value: number | ArrayLike<number>, nFeatures: number): Float64Array {
  if (typeof value === 'number') {
    if (name === 'scale') checkNumber(OWNER, name, value, { min: 0, minExclusive: true });
    else checkNumber(OWNER, name, value);
    return new Float64Array(nFeatures).fill(value);
  }
  if (!(Array.isArray(value) || ArrayBuffer.isView(value))) {
    throw paramTypeError(OWNER, name, 'a number, an array of nFeatures numbers or null', value);
  }
  if (value.length !== nFeatures) {
    throw new RangeError(`The '${name}' parameter of ${OWNER} must hold one value per feature (nFeatures=${nFeatures}). Got ${value.length} values.`);
  }
  const out = Float64Array.from(value);
  out.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`The '${name}' parameter of ${OWNER} must hold finite numbers: ${name}[${i}] is ${formatValue(v)}.`);
  });
  return out;
}

/**
 * Generates a random n-class classification problem (scikit-learn's `make_classification`):
 * Gaussian clusters on the vertices of a hypercube, plus redundant, repeated and noise
 * features. With an integer `randomState` the result equals scikit-learn's.
 *
 * @example
 * const { X, y } = makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0,
 *   nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1 });
 * formatCounter(classCounts(y)); // 'Counter({0: 990, 1: 10})'
 */
export function makeClassification(options: MakeClassificationOptions = {}): { X: Matrix; y: Int32Array } {
  checkKnownOptions(OWNER, options, KNOWN);
  const nSamples = checkInteger(OWNER, 'nSamples', options.nSamples ?? 100, 1);
  const nFeatures = checkInteger(OWNER, 'nFeatures', options.nFeatures ?? 20, 1);
  const nInformative = checkInteger(OWNER, 'nInformative', options.nInformative ?? 2, 1);
  const nRedundant = checkInteger(OWNER, 'nRedundant', options.nRedundant ?? 2, 0);
  const nRepeated = checkInteger(OWNER, 'nRepeated', options.nRepeated ?? 0, 0);
  const nClasses = checkInteger(OWNER, 'nClasses', options.nClasses ?? 2, 1);
  const nClustersPerClass = checkInteger(OWNER, 'nClustersPerClass', options.nClustersPerClass ?? 2, 1);
  const flipY = checkNumber(OWNER, 'flipY', options.flipY ?? 0.01, { min: 0, max: 1 });
  const classSep = checkNumber(OWNER, 'classSep', options.classSep ?? 1.0, { min: 0, minExclusive: true });
  const hypercube = checkBoolean(OWNER, 'hypercube', options.hypercube ?? true);
  const shuffle = checkBoolean(OWNER, 'shuffle', options.shuffle ?? true);
  const weightsIn = options.weights;
  if (weightsIn !== null && weightsIn !== undefined) {
    if (!(Array.isArray(weightsIn) || ArrayBuffer.isView(weightsIn))) throw paramTypeError(OWNER, 'weights', 'an array of numbers or null', weightsIn);
    Array.from(weightsIn).forEach((v, i) => {
      if (typeof v !== 'number') throw paramTypeError(OWNER, 'weights', 'an array of numbers or null', weightsIn);
      if (!Number.isFinite(v)) throw new RangeError(`The 'weights' parameter of ${OWNER} must hold finite numbers: weights[${i}] is ${formatValue(v)}.`);
    });
  }
  // The data-dependent checks, with scikit-learn's messages.
  if (nInformative + nRedundant + nRepeated > nFeatures) {
    throw new RangeError('Number of informative, redundant and repeated features must sum to less than the number of total features');
  }
  if (nInformative < Math.log2(nClasses * nClustersPerClass)) {
    throw new RangeError(`n_classes(${nClasses}) * n_clusters_per_class(${nClustersPerClass}) must be smaller or equal 2**n_informative(${nInformative})=${2 ** nInformative}`);
  }
  const weights = completeWeights(weightsIn, nClasses);
  const shiftOpt = options.shift === undefined ? 0.0 : options.shift;
  const scaleOpt = options.scale === undefined ? 1.0 : options.scale;
  // Validate fixed shift/scale before drawing anything.
  const shiftFixed = shiftOpt === null ? null : perFeature('shift', shiftOpt, nFeatures);
  const scaleFixed = scaleOpt === null ? null : perFeature('scale', scaleOpt, nFeatures);

  const rs = checkRandomState(options.randomState, OWNER);
  const nUseless = nFeatures - nInformative - nRedundant - nRepeated;
  const nClusters = nClasses * nClustersPerClass;
  const sizes = clusterSizes(nSamples, weights, nClasses, nClustersPerClass);
  if (sizes.some((s) => s < 0)) {
    throw new RangeError(`The 'weights' parameter of ${OWNER} must not give a class a negative share. Got weights ${formatValue(weights)}.`);
  }
  const n = nSamples;
  const d = nFeatures;
  const k = nInformative;

  // 1-2. Cluster centroids on hypercube vertices (optionally squashed onto a random polytope).
  const centroids = generateHypercube(nClusters, k, rs).vertices;
  for (let i = 0; i < centroids.length; i++) centroids[i] = centroids[i] * (2 * classSep) - classSep;
  if (!hypercube) {
    const perCluster = rs.uniform(0, 1, nClusters);
    const perFeatureU = rs.uniform(0, 1, k);
    for (let c = 0; c < nClusters; c++) for (let j = 0; j < k; j++) centroids[c * k + j] *= perCluster[c];
    for (let c = 0; c < nClusters; c++) for (let j = 0; j < k; j++) centroids[c * k + j] *= perFeatureU[j];
  }

  const yPre = new Int32Array(n);
  return withArena((arena) => {
    const K = datasetKernels();
    const X = arena.f64(n * d);
    // `out` first stages the Gaussian blocks, then receives the final matrix.
    const out = arena.f64(n * d);
    const A = arena.f64(k * k);
    const centroid = arena.f64(k);
    const scratch = arena.f64(k);
    const B = arena.f64(Math.max(1, k * nRedundant));
    const repeatIdx = arena.i32(Math.max(1, nRepeated));
    const rows = arena.i32(n);
    const cols = arena.i32(d);
    const shiftBuf = arena.f64(d);
    const scaleBuf = arena.f64(d);
    const rngState = allocState(arena);

    // 3. Informative features: standard normals, row-major n x k.
    standardNormalInto(rs, rngState, out, n * k);
    K.mc_put_columns(X, d, n, out, k, 0);

    // 4. Each cluster: rows @ A + centroid, one fresh A per cluster.
    let start = 0;
    for (let c = 0; c < nClusters; c++) {
      const a = rs.uniform(0, 1, k * k);
      for (let i = 0; i < a.length; i++) a[i] = 2 * a[i] - 1;
      f64View(A, k * k).set(a);
      f64View(centroid, k).set(centroids.subarray(c * k, (c + 1) * k));
      // Weights summing above 1 make the clusters ask for more than n rows: numpy's slice
      // X[start:stop] silently stops at row n, and so must this (never write past the buffer).
      const first = Math.min(start, n);
      const count = Math.min(start + sizes[c], n) - first;
      if (count > 0) K.mc_cluster_affine(X, d, first, count, k, A, centroid, scratch);
      yPre.fill(c % nClasses, first, first + count);
      start += sizes[c];
    }

    // 5. Redundant features: X[:, :k] @ B.
    if (nRedundant > 0) {
      const b = rs.uniform(0, 1, k * nRedundant);
      for (let i = 0; i < b.length; i++) b[i] = 2 * b[i] - 1;
      f64View(B, b.length).set(b);
      K.mc_linear_combination(X, d, n, k, B, nRedundant, k);
    }

    // 6. Repeated features: copies of random informative/redundant columns.
    if (nRepeated > 0) {
      const m = k + nRedundant;
      const u = rs.uniform(0, 1, nRepeated);
      const idx = new Int32Array(nRepeated);
      for (let i = 0; i < nRepeated; i++) idx[i] = Math.trunc((m - 1) * u[i] + 0.5);
      i32View(repeatIdx, nRepeated).set(idx);
      K.mc_repeat_columns(X, d, n, repeatIdx, nRepeated, m);
    }

    // 7. Useless features: more standard normals.
    if (nUseless > 0) {
      standardNormalInto(rs, rngState, out, n * nUseless);
      K.mc_put_columns(X, d, n, out, nUseless, d - nUseless);
    }

    // 8. Label noise. scikit-learn tests `flip_y >= 0`, so the n uniforms are always drawn.
    const u = rs.uniform(0, 1, n);
    let flips = 0;
    for (let i = 0; i < n; i++) if (u[i] < flipY) flips++;
    if (flips > 0) {
      const newLabels = rs.randint(0, nClasses, flips);
      let f = 0;
      for (let i = 0; i < n; i++) if (u[i] < flipY) yPre[i] = newLabels[f++];
    }

    // 9-10. Shift and scale (random ones drawn only when asked for with null).
    let shiftValues = shiftFixed;
    if (!shiftValues) {
      shiftValues = rs.uniform(0, 1, d);
      for (let j = 0; j < d; j++) shiftValues[j] = (2 * shiftValues[j] - 1) * classSep;
    }
    let scaleValues = scaleFixed;
    if (!scaleValues) {
      scaleValues = rs.uniform(0, 1, d);
      for (let j = 0; j < d; j++) scaleValues[j] = 1 + 100 * scaleValues[j];
    }
    f64View(shiftBuf, d).set(shiftValues);
    f64View(scaleBuf, d).set(scaleValues);

    // 11. Shuffle rows, then columns (each an arange shuffled in place, as numpy does).
    const rowOrder = shuffle ? rs.permutation(n) : identity(n);
    const colOrder = shuffle ? rs.permutation(d) : identity(d);
    i32View(rows, n).set(rowOrder);
    i32View(cols, d).set(colOrder);
    K.mc_shift_scale_permute(X, out, n, d, rows, cols, shiftBuf, scaleBuf);

    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) y[i] = yPre[rowOrder[i]];
    return { X: { data: readF64(out, n * d), rows: n, cols: d }, y };
  });
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
