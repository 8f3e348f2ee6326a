/**
 * The cluster vertices of `makeClassification`: distinct corners of the unit hypercube, drawn
 * exactly as scikit-learn's `_generate_hypercube` and `sample_without_replacement` draw them.
 */
import type { RandomState } from '../random/RandomState.js';

/** Which of scikit-learn's `sample_without_replacement` methods `method='auto'` picked. */
export type SampleMethod = 'permutation' | 'tracking_selection' | 'reservoir_sampling';

/**
 * scikit-learn's `sample_without_replacement(nPopulation, nSamples, method='auto')`: `nSamples`
 * distinct integers in [0, nPopulation). The method depends on the ratio, as in scikit-learn, and
 * so does the stream of random numbers consumed.
 */
export function sampleWithoutReplacement(nPopulation: number, nSamples: number, rs: RandomState): { codes: number[]; method: SampleMethod } {
  const ratio = nPopulation !== 0 ? nSamples / nPopulation : 1;
  if (ratio > 0.01 && ratio < 0.99) {
    return { codes: Array.from(rs.permutation(nPopulation).subarray(0, nSamples)), method: 'permutation' };
  }
  if (ratio < 0.2) {
    // Tracking selection: redraw until unseen (Python's random.sample idea).
    const selected = new Set<number>();
    const codes: number[] = [];
    for (let i = 0; i < nSamples; i++) {
      let j = rs.randint(0, nPopulation, 1)[0];
      while (selected.has(j)) j = rs.randint(0, nPopulation, 1)[0];
      selected.add(j);
      codes.push(j);
    }
    return { codes, method: 'tracking_selection' };
  }
  // Reservoir sampling (not re-shuffled afterwards, as in scikit-learn).
  const codes = Array.from({ length: nSamples }, (_, i) => i);
  for (let i = nSamples; i < nPopulation; i++) {
    const j = rs.randint(0, i + 1, 1)[0];
    if (j < nSamples) codes[j] = i;
  }
  return { codes, method: 'reservoir_sampling' };
}

/**
 * `nVertices` distinct binary vectors of length `dimensions` (row-major, 0/1 values), most
 * significant bit first. Above 30 dimensions the first `dimensions - 30` columns are plain
 * `randint(2)` draws, as in scikit-learn.
 */
export function generateHypercube(nVertices: number, dimensions: number, rs: RandomState): { vertices: Float64Array; method: string; codes?: number[] } {
  const out = new Float64Array(nVertices * dimensions);
  let low = dimensions;
  let extra = 0;
  if (dimensions > 30) {
    extra = dimensions - 30;
    low = 30;
    const bits = rs.randint(0, 2, nVertices * extra);
    for (let v = 0; v < nVertices; v++) {
      for (let b = 0; b < extra; b++) out[v * dimensions + b] = bits[v * extra + b];
    }
  }
  const { codes, method } = sampleWithoutReplacement(2 ** low, nVertices, rs);
  for (let v = 0; v < nVertices; v++) {
    for (let b = 0; b < low; b++) {
      // Bit (low - 1 - b) of the code: the binary expansion, most significant bit first.
      out[v * dimensions + extra + b] = Math.floor(codes[v] / 2 ** (low - 1 - b)) % 2;
    }
  }
  return extra > 0 ? { vertices: out, method: 'hstack' } : { vertices: out, method, codes };
}
