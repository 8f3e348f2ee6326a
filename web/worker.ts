/**
 * The playground's Web Worker: all heavy work (data generation, resampling, model fitting,
 * metrics, SVG building) happens here so the page never freezes. The library's module loads the
 * WebAssembly file with top-level await before the first message is handled.
 */
import { discoverSamplers, library as lib, makeSampler, missingExports } from './library.js';
import type { PlaygroundLibrary } from './library.js';
import { parseCsv } from './dataset.js';
import type {
  ClassCount, DataSource, ExportResult, InitResult, LoadResult, ModelOptions, Request, ResampleResult, Response,
  SamplerChoice, Scores, SplitOptions,
} from './protocol.js';

type Matrix = { data: Float64Array; rows: number; cols: number };
type LabelsIn = ArrayLike<number> | readonly string[];

/** The loaded data's split, kept between a load and the resamplings that follow it. */
interface Loaded {
  XTrain: Matrix;
  yTrain: LabelsIn;
  XTest: Matrix;
  yTest: LabelsIn;
  classes: (string | number)[];
  positive: string | number;
  featureNames: string[];
  labelName: string;
}

let loaded: Loaded | null = null;
/** The last resampling's output, for the CSV download. */
let lastResampled: { X: Matrix; y: LabelsIn; sampler: string } | null = null;

const PLOT = { width: 460, height: 380 };

/** More points than this are drawn as a random subset: an SVG of a million circles would stall the page. */
const MAX_PLOT_POINTS = 20_000;

/** The scatter plot of (X, y), of a fixed random subset of rows when there are too many. */
function plot(X: Matrix, y: LabelsIn, title: string, highlight: Int32Array = new Int32Array(0)): string {
  const L = library();
  // One feature: plot it against itself (the diagonal) rather than fail.
  const columns = X.cols >= 2 ? [0, 1] : [0, 0];
  if (X.rows <= MAX_PLOT_POINTS) return L.scatterPlot(X, y, { ...PLOT, columns, title, highlight });
  const rows = new L.RandomState(0).permutation(X.rows).subarray(0, MAX_PLOT_POINTS).sort();
  const position = new Map(Array.from(rows, (row, i) => [row, i]));
  const shownHighlight = Int32Array.from(Array.from(highlight).filter((row) => position.has(row)), (row) => position.get(row)!);
  const yRows = typeof y[0] === 'string' ? Array.from(rows, (row) => (y as readonly string[])[row]) : Float64Array.from(rows, (row) => (y as ArrayLike<number>)[row]);
  const subtitle = `${title} (${MAX_PLOT_POINTS.toLocaleString('en')} of ${X.rows.toLocaleString('en')} rows shown)`;
  return L.scatterPlot(L.takeRows(X, rows), yRows, { ...PLOT, columns, title: subtitle, highlight: shownHighlight });
}

/** The library, once every required export is present. */
function library(): PlaygroundLibrary {
  const missing = missingExports();
  if (missing.length > 0) throw new Error(`This build of imbalanced-wasm lacks: ${missing.join(', ')}.`);
  return lib as PlaygroundLibrary;
}

function countsOf(y: LabelsIn): ClassCount[] {
  return [...library().classCounts(y)].map(([label, count]) => ({ label: String(label), count }));
}

/** The least frequent class (the first one on ties): the "positive" class of the metrics. */
function minorityOf(y: LabelsIn): string | number {
  let best: [string | number, number] | null = null;
  for (const entry of library().classCounts(y)) if (!best || entry[1] < best[1]) best = entry;
  return best![0];
}

function sortedClasses(y: LabelsIn): (string | number)[] {
  const classes = [...library().classCounts(y).keys()];
  return classes.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1));
}

function loadSource(source: DataSource): { X: Matrix; y: LabelsIn; description: string; featureNames: string[]; labelName: string } {
  const L = library();
  if (source.kind === 'generate') {
    const { X, y } = L.makeClassification({
      nSamples: source.nSamples,
      nFeatures: 2,
      nRedundant: 0,
      nClustersPerClass: 1,
      weights: source.weights,
      flipY: 0,
      classSep: source.classSep,
      ...(source.randomState === null ? {} : { randomState: source.randomState }),
    });
    return {
      X,
      y,
      description: `makeClassification: ${source.nSamples} samples, weights [${source.weights.join(', ')}]`,
      featureNames: ['x0', 'x1'],
      labelName: 'y',
    };
  }
  const csv = parseCsv(source.text, source.labelColumn);
  const X = L.toMatrix({ data: csv.data, rows: csv.rows, cols: csv.cols }, { name: 'X' });
  return {
    X,
    y: csv.y,
    description: `${source.fileName}: ${csv.rows} rows, features ${csv.featureNames.join(', ')}, label '${csv.labelName}'`,
    featureNames: csv.featureNames,
    labelName: csv.labelName,
  };
}

function load(source: DataSource, split: SplitOptions): LoadResult {
  const started = performance.now();
  const L = library();
  const { X, y, description, featureNames, labelName } = loadSource(source);
  const parts = L.trainTestSplit(X, y, {
    testSize: split.testSize,
    stratify: true,
    ...(split.randomState === null ? {} : { randomState: split.randomState }),
  });
  const classes = sortedClasses(y);
  const positive = minorityOf(y);
  loaded = { ...parts, classes, positive, featureNames, labelName };
  lastResampled = null;
  return {
    type: 'load',
    description,
    nRows: X.rows,
    nFeatures: X.cols,
    classes: classes.map(String),
    positiveLabel: String(positive),
    countsDataset: countsOf(y),
    countsTrain: countsOf(parts.yTrain),
    countsTest: countsOf(parts.yTest),
    svgTrain: plot(parts.XTrain, parts.yTrain, 'Training set'),
    ms: performance.now() - started,
  };
}

/** A metric of the library, or null when this build lacks it or it fails on this data. */
function tryMetric(compute: () => number): number | null {
  try {
    const value = compute();
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** Test-set scores of a LogisticRegression trained on (X, y). */
function evaluate(X: Matrix, y: LabelsIn, model: ModelOptions): Scores {
  const L = library();
  const data = loaded!;
  const fitted = new L.LogisticRegression({ solver: model.solver, classWeight: model.classWeight }).fit(X, y);
  const predicted = fitted.predict(data.XTest);
  const binary = data.classes.length === 2;
  const averaged = binary ? { posLabel: data.positive } : { average: 'macro' };
  const metric = (name: 'precisionScore' | 'recallScore' | 'f1Score') =>
    tryMetric(() => L[name](data.yTest, predicted, { ...averaged, zeroDivision: 0 }));
  return {
    precision: metric('precisionScore'),
    recall: metric('recallScore'),
    f1: metric('f1Score'),
    balancedAccuracy: tryMetric(() => L.balancedAccuracyScore(data.yTest, predicted)),
    rocAuc: tryMetric(() => {
      const proba = fitted.predictProba(data.XTest);
      if (!binary) return L.rocAucScore(data.yTest, proba, { multiClass: 'ovr' });
      // Binary ROC AUC scores the greater label (scikit-learn's rule): column 1 of predictProba.
      const score = new Float64Array(proba.rows);
      for (let i = 0; i < proba.rows; i++) score[i] = proba.data[i * proba.cols + 1];
      return L.rocAucScore(data.yTest, score);
    }),
  };
}

/** Rows appended after an unchanged copy of the input are synthetic (the over-samplers' layout). */
function syntheticRows(input: Matrix, output: Matrix): Int32Array {
  if (output.rows <= input.rows || output.cols !== input.cols) return new Int32Array(0);
  const n = input.rows * input.cols;
  for (let k = 0; k < n; k++) if (output.data[k] !== input.data[k]) return new Int32Array(0);
  return Int32Array.from({ length: output.rows - input.rows }, (_, i) => input.rows + i);
}

function resample(sampler: SamplerChoice, model: ModelOptions): ResampleResult {
  const started = performance.now();
  if (!loaded) throw new Error('Load or generate a dataset first.');
  const { XTrain, yTrain } = loaded;
  const t0 = performance.now();
  const out = makeSampler(sampler.name, sampler.options).fitResample(XTrain, yTrain);
  const resampleMs = performance.now() - t0;
  const synthetic = out.origin
    ? Int32Array.from({ length: out.origin.base.length }, (_, i) => XTrain.rows + i)
    : syntheticRows(XTrain, out.X);
  const kept = out.X.rows - synthetic.length;
  lastResampled = { X: out.X, y: out.y, sampler: sampler.name };
  return {
    type: 'resample',
    sampler: sampler.name,
    countsAfter: countsOf(out.y),
    nSynthetic: synthetic.length,
    nRemoved: Math.max(0, XTrain.rows - kept),
    svgAfter: plot(out.X, out.y, `After ${sampler.name}`, synthetic),
    scoresBefore: evaluate(XTrain, yTrain, model),
    scoresAfter: evaluate(out.X, out.y, model),
    resampleMs,
    totalMs: performance.now() - started,
  };
}

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function exportCsv(): ExportResult {
  if (!loaded || !lastResampled) throw new Error('Resample first: there is nothing to download yet.');
  const { X, y, sampler } = lastResampled;
  const lines = [[...loaded.featureNames, loaded.labelName].map(csvField).join(',')];
  for (let i = 0; i < X.rows; i++) {
    const row = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols), String);
    row.push(csvField(String(y[i])));
    lines.push(row.join(','));
  }
  return { type: 'export', fileName: `train-${sampler}.csv`, csv: lines.join('\n') + '\n' };
}

function handle(request: Request): InitResult | LoadResult | ResampleResult | ExportResult {
  switch (request.type) {
    case 'init':
      return { type: 'init', samplers: discoverSamplers(), missing: missingExports() };
    case 'load':
      return load(request.source, request.split);
    case 'resample':
      return resample(request.sampler, request.model);
    case 'export':
      return exportCsv();
  }
}

self.onmessage = (event: MessageEvent<Request>) => {
  const request = event.data;
  let response: Response;
  try {
    response = { id: request.id, ok: true, result: handle(request) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    response = { id: request.id, ok: false, error: { name: e.name, message: e.message } };
  }
  (self as unknown as Worker).postMessage(response);
};

// The library (and its WebAssembly) finished loading before this line ran: tell the page, which
// sends nothing until then (messages posted during a worker's top-level await could be missed).
(self as unknown as Worker).postMessage({ ready: true });
