/**
 * The slice of imbalanced-wasm the playground uses, typed here so the page states its needs in
 * one place. The worker looks every name up at run time: a build that lacks one (the library is
 * growing) reports it on the page instead of failing to load.
 */
import * as imbalanced from 'imbalanced-wasm';

type Matrix = { data: Float64Array; rows: number; cols: number };
type Label = number | string;
type LabelsIn = ArrayLike<number> | readonly string[];
type LabelsOut = Int32Array | Float64Array | string[];

/** A sampler as exported by the library: options in, `fitResample` out. */
export interface SamplerLike {
  fitResample(
    X: Matrix,
    y: LabelsIn,
  ): { X: Matrix; y: LabelsOut; sampleIndices?: Int32Array; origin?: { base: Int32Array } };
}

export interface ClassifierLike {
  fit(X: Matrix, y: LabelsIn): ClassifierLike;
  predict(X: Matrix): LabelsOut;
  predictProba(X: Matrix): Matrix;
}

type Metric = (yTrue: LabelsIn, yPred: LabelsIn, options?: Record<string, unknown>) => number;

/** Every library function the playground calls, by its api.md name. */
export interface PlaygroundLibrary {
  makeClassification(options: Record<string, unknown>): { X: Matrix; y: Int32Array };
  trainTestSplit(
    X: Matrix,
    y: LabelsIn,
    options: Record<string, unknown>,
  ): { XTrain: Matrix; XTest: Matrix; yTrain: LabelsOut; yTest: LabelsOut };
  toMatrix(X: unknown, options?: Record<string, unknown>): Matrix;
  classCounts(y: LabelsIn): Map<Label, number>;
  takeRows(X: Matrix, indices: ArrayLike<number>): Matrix;
  RandomState: new (seed: number) => { permutation(n: number): Int32Array };
  scatterPlot(X: Matrix, y: LabelsIn, options?: Record<string, unknown>): string;
  LogisticRegression: new (options?: Record<string, unknown>) => ClassifierLike;
  precisionScore: Metric;
  recallScore: Metric;
  f1Score: Metric;
  balancedAccuracyScore: Metric;
  rocAucScore(yTrue: LabelsIn, yScore: Float64Array | Matrix, options?: Record<string, unknown>): number;
}

/** Names the playground cannot work without (metrics degrade to "n/a" one by one instead). */
export const REQUIRED: (keyof PlaygroundLibrary)[] = [
  'makeClassification',
  'trainTestSplit',
  'toMatrix',
  'classCounts',
  'takeRows',
  'RandomState',
  'scatterPlot',
  'LogisticRegression',
];

/** The library's exports, looked up by name. */
export const library = imbalanced as unknown as Partial<PlaygroundLibrary> & Record<string, unknown>;

/** The names of `REQUIRED` that this build of the library does not export. */
export function missingExports(): string[] {
  return REQUIRED.filter((name) => typeof library[name] !== 'function');
}

/** Samplers that need arguments the playground does not offer (categorical columns, a function). */
const NOT_OFFERED = new Set(['SMOTENC', 'SMOTEN', 'FunctionSampler', 'Pipeline']);

/** The order of the sampler menu: the course's samplers first, then the rest of each family. */
const PREFERRED_ORDER = [
  'SMOTE', 'RandomOverSampler', 'ADASYN', 'BorderlineSMOTE', 'SVMSMOTE', 'KMeansSMOTE',
  'RandomUnderSampler', 'NearMiss', 'TomekLinks', 'EditedNearestNeighbours',
  'RepeatedEditedNearestNeighbours', 'AllKNN', 'CondensedNearestNeighbour', 'OneSidedSelection',
  'NeighbourhoodCleaningRule', 'InstanceHardnessThreshold', 'ClusterCentroids', 'SMOTEENN', 'SMOTETomek',
];

/**
 * The samplers this build exports: every exported class whose instances have `fitResample`,
 * minus abstract bases and the ones needing arguments the page cannot give.
 */
export function discoverSamplers(): string[] {
  const found = Object.keys(library).filter((name) => {
    const value = library[name];
    return (
      typeof value === 'function' &&
      typeof (value as { prototype?: { fitResample?: unknown } }).prototype?.fitResample === 'function' &&
      !name.startsWith('Base') &&
      !NOT_OFFERED.has(name)
    );
  });
  const rank = (name: string) => {
    const i = PREFERRED_ORDER.indexOf(name);
    return i < 0 ? PREFERRED_ORDER.length : i;
  };
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A new sampler of the exported class `name`. */
export function makeSampler(name: string, options: Record<string, unknown>): SamplerLike {
  const Sampler = library[name] as new (options: Record<string, unknown>) => SamplerLike;
  return new Sampler(options);
}
