/**
 * Messages between the playground page (main.ts) and its Web Worker (worker.ts). Every request
 * carries an `id`; the worker answers with the same `id` and either a result or an error.
 */

/** One class and how many rows it has, in the order of first appearance (Python's Counter). */
export interface ClassCount {
  label: string;
  count: number;
}

/** Where the data comes from: the course's make_classification, or a CSV file's text. */
export type DataSource =
  | {
      kind: 'generate';
      nSamples: number;
      weights: number[];
      classSep: number;
      randomState: number | null;
    }
  | { kind: 'csv'; text: string; labelColumn: string; fileName: string };

/** How the loaded data is split into a training set and a held-out test set. */
export interface SplitOptions {
  testSize: number;
  randomState: number | null;
}

/** Sampler name (an export of the library) and its options, already typed. */
export interface SamplerChoice {
  name: string;
  options: Record<string, unknown>;
}

/** Options of the LogisticRegression trained on each training set. */
export interface ModelOptions {
  solver: 'liblinear' | 'lbfgs';
  classWeight: 'balanced' | null;
}

/** Scores of one model on the held-out test set (null when the metric is unavailable). */
export interface Scores {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  rocAuc: number | null;
  balancedAccuracy: number | null;
}

export type Request =
  | { id: number; type: 'init' }
  | { id: number; type: 'load'; source: DataSource; split: SplitOptions }
  | { id: number; type: 'resample'; sampler: SamplerChoice; model: ModelOptions }
  | { id: number; type: 'export' };

/** A request before the page numbers it. */
export type RequestBody = Request extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export interface InitResult {
  type: 'init';
  samplers: string[];
  /** Library exports the playground needs but this build does not have yet. */
  missing: string[];
}

export interface LoadResult {
  type: 'load';
  description: string;
  nRows: number;
  nFeatures: number;
  classes: string[];
  positiveLabel: string;
  countsDataset: ClassCount[];
  countsTrain: ClassCount[];
  countsTest: ClassCount[];
  svgTrain: string;
  ms: number;
}

export interface ResampleResult {
  type: 'resample';
  sampler: string;
  countsAfter: ClassCount[];
  nSynthetic: number;
  nRemoved: number;
  svgAfter: string;
  scoresBefore: Scores;
  scoresAfter: Scores;
  resampleMs: number;
  totalMs: number;
}

/** The last resampled training set as CSV text (features, then the label column). */
export interface ExportResult {
  type: 'export';
  fileName: string;
  csv: string;
}

export type Result = InitResult | LoadResult | ResampleResult | ExportResult;

/** The worker's first message, once the library and its WebAssembly are loaded. */
export interface ReadyMessage {
  ready: true;
}

export type Response =
  | { id: number; ok: true; result: Result }
  | { id: number; ok: false; error: { name: string; message: string } };
