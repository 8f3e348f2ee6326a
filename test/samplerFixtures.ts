/**
 * What the generic suites (contract, memory, fuzz) need to know about samplers with required
 * inputs: a new sampler is checked without a line here unless, like SMOTENC, it cannot run on
 * plain continuous data with default options.
 */
import * as lib from '../src/index.js';

export type AnySampler = {
  fitResample(X: unknown, y: unknown): { X: lib.Matrix; y: ArrayLike<unknown>; sampleIndices?: Int32Array };
  samplingType?: string;
};
export type SamplerClass = new (options?: Record<string, unknown>) => AnySampler;

/** Every sampler class the package exports (abstract bases left out), sorted by name. */
export const exportedSamplers: (readonly [string, SamplerClass])[] = Object.entries(lib)
  .filter(([name, v]) => typeof v === 'function' && typeof (v as { prototype?: AnySampler }).prototype?.fitResample === 'function' && !name.startsWith('Base'))
  .map(([name, v]) => [name, v as unknown as SamplerClass] as const)
  .sort(([a], [b]) => a.localeCompare(b));

/** Options a sampler cannot do without on `d`-column data (imbalanced-learn requires them too). */
export function requiredOptions(name: string, d: number): Record<string, unknown> {
  // SMOTENC needs its categorical columns named; the last column plays that part here.
  if (name === 'SMOTENC') return { categoricalFeatures: [Math.max(0, d - 1)] };
  // KMeansSMOTE's default threshold wants minority-dense clusters, which overlapping blobs lack
  if (name === 'KMeansSMOTE') return { clusterBalanceThreshold: 0.01 };
  return {};
}

/** Samplers for categorical data only: they see the data rounded to whole numbers (categories). */
export const categoricalOnly = new Set(['SMOTEN']);

/** The data a sampler is checked on: rounded to categories for categorical-only samplers. */
export function dataFor(name: string, X: number[][]): number[][] {
  return categoricalOnly.has(name) ? X.map((r) => r.map((v) => Math.round(v))) : X;
}

/** Builds the sampler with a seed where it takes one (constructors reject unknown options). */
export function makeSampler(name: string, Cls: SamplerClass, d: number, extra: Record<string, unknown> = {}): { sampler: AnySampler; seeded: boolean } {
  const options = { ...requiredOptions(name, d), ...extra };
  try {
    return { sampler: new Cls({ randomState: 0, ...options }), seeded: true };
  } catch (e) {
    if (!/no option 'randomState'/.test(String(e))) throw e;
    return { sampler: new Cls(options), seeded: false };
  }
}

/**
 * Data a sampler refuses by design, as imbalanced-learn does (the message says why): SMOTENC
 * needs at least one continuous column; KMeansSMOTE finds no cluster where the minority class
 * is dense enough in the 200-feature blobs (too few rows for the dimension) (its documented RangeError).
 */
export function refusedData(name: string, d: number): RegExp | null {
  if (name === 'SMOTENC' && d === 1) return /not designed to work only with categorical features/;
  return null;
}
