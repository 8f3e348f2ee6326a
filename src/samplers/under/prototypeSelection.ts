/**
 * Small pieces shared by the prototype-selection under-samplers (NearMiss, CNN, OSS, NCR, RENN,
 * AllKNN): imbalanced-learn's `Counter`-based minority class, the k-NN classifier vote, and
 * scikit-learn's neighbour-count error.
 * @internal
 */
import type { Matrix } from '../../core/types.js';
import { searchNeighbors, type KnnAlgorithm } from '../../neighbors/search.js';

/**
 * The minority class as imbalanced-learn's samplers compute it internally,
 * `min(Counter(y), key=Counter(y).get)`: the smallest count, ties going to the class that
 * appears first in `y` (unlike `samplingStrategy`, whose ties go to the smallest label).
 */
export function counterMinority(codes: Int32Array, nClasses: number): number {
  const counts = new Int32Array(nClasses);
  const firstSeen = new Int32Array(nClasses).fill(-1);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (counts[c]++ === 0) firstSeen[c] = i;
  }
  let best = -1;
  for (let c = 0; c < nClasses; c++) {
    if (counts[c] === 0) continue;
    if (best < 0 || counts[c] < counts[best] || (counts[c] === counts[best] && firstSeen[c] < firstSeen[best])) best = c;
  }
  return best;
}

/** Classes in order of first appearance in `codes` (the key order of Python's `Counter`). */
export function appearanceOrder(codes: Int32Array, nClasses: number): number[] {
  const seen = new Uint8Array(nClasses);
  const order: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    if (!seen[codes[i]]) { seen[codes[i]] = 1; order.push(codes[i]); }
  }
  return order;
}

/** scikit-learn 1.2's `kneighbors` error (its message has two spaces after the comma). */
export function tooManyNeighbors(nSamples: number, nNeighbors: number): RangeError {
  return new RangeError(`Expected n_neighbors <= n_samples,  but n_samples = ${nSamples}, n_neighbors = ${nNeighbors}`);
}

/**
 * `KNeighborsClassifier.predict` with uniform weights: the most common label among the first `k`
 * of `width` neighbour columns of each row, ties going to the smallest class code
 * (`scipy.stats.mode`). `labelOf[j]` is the class code of fit row j.
 */
export function neighbourVote(neighbors: Int32Array, width: number, k: number, labelOf: ArrayLike<number>, nClasses: number): Int32Array {
  const nQuery = width === 0 ? 0 : neighbors.length / width;
  const out = new Int32Array(nQuery);
  const votes = new Int32Array(nClasses);
  for (let q = 0; q < nQuery; q++) {
    votes.fill(0);
    for (let c = 0; c < k; c++) votes[labelOf[neighbors[q * width + c]]]++;
    let mode = 0;
    for (let c = 1; c < nClasses; c++) if (votes[c] > votes[mode]) mode = c;
    out[q] = mode;
  }
  return out;
}

/**
 * A fitted `KNeighborsClassifier(k)` predicting `query`: neighbours among `fit` rows (labels
 * `fitCodes`) by the shared exact search, then the vote of `neighbourVote`.
 * @throws RangeError (scikit-learn's wording) when `k` exceeds the fit rows.
 */
export function knnPredict(fit: Matrix, fitCodes: ArrayLike<number>, query: Matrix, k: number, nClasses: number, algorithm: KnnAlgorithm = 'auto'): Int32Array {
  if (k > fit.rows) throw tooManyNeighbors(fit.rows, k);
  if (query.rows === 0) return new Int32Array(0);
  const { indices } = searchNeighbors(fit, query, k, algorithm);
  return neighbourVote(indices, k, k, fitCodes, nClasses);
}

/** Warns through Node's warning channel when there is one, else the console. */
export function warnUser(message: string): void {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, type: string) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, 'UserWarning');
  else console.warn(message);
}
