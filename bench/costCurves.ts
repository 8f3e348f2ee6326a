/**
 * Measured cost curves (issue 7): wall time against rows (10^4 .. 10^7 at 2 features; --quick
 * stops at 10^6) and against features (2 .. 64 at a fixed row count) for the neighbour search,
 * SMOTE, EditedNearestNeighbours and LogisticRegression, at 1 and 2 jobs (LogisticRegression
 * has no neighbour search, so only 1). Writes log-log plots with the library's `linePlot`
 * (log10 values on linear axes) to docs/cost-curves.svg (rows) and
 * docs/cost-curves-features.svg, and prints each curve's growth order: the least-squares slope
 * of log time against log size (1 = linear, 2 = quadratic).
 * Run: npx tsx bench/costCurves.ts [--quick]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EditedNearestNeighbours, LogisticRegression, NearestNeighbors, SMOTE, linePlot, makeClassification,
} from '../src/index.js';
import type { LineSeries, Matrix } from '../src/index.js';
import { closePool } from '../src/parallel/pool.js';
import { setNJobs } from '../src/parallel/jobs.js';
import { timeMs } from './util.js';

interface Operation {
  name: string;
  /** Whether nJobs changes anything for it. */
  parallel: boolean;
  run(X: Matrix, y: Int32Array, jobs: number): unknown;
}

const OPERATIONS: Operation[] = [
  { name: 'kneighbors (k=5)', parallel: true, run: (X, _y, jobs) => new NearestNeighbors({ nNeighbors: 5, nJobs: jobs }).fit(X).kneighbors() },
  { name: 'SMOTE', parallel: true, run: (X, y) => new SMOTE({ randomState: 1 }).fitResample(X, y) },
  { name: 'EditedNearestNeighbours', parallel: true, run: (X, y) => new EditedNearestNeighbours().fitResample(X, y) },
  { name: 'LogisticRegression', parallel: false, run: (X, y) => new LogisticRegression().fit(X, y) },
];

function data(nSamples: number, nFeatures: number): { X: Matrix; y: Int32Array } {
  return makeClassification({ nSamples, nFeatures, nInformative: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1 });
}

/** Least-squares slope of log10(t) against log10(n): the measured growth order. */
export function growthOrder(n: readonly number[], t: readonly number[]): number {
  const lx = n.map(Math.log10);
  const ly = t.map(Math.log10);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxy / sxx;
}

interface Curve { name: string; sizes: number[]; ms: number[] }

function measure(sizes: number[], makeData: (size: number) => { X: Matrix; y: Int32Array }, label: string): Curve[] {
  const curves: Curve[] = [];
  for (const op of OPERATIONS) for (const jobs of op.parallel ? [1, 2] : [1]) curves.push({ name: `${op.name}, ${jobs} job${jobs > 1 ? 's' : ''}`, sizes: [], ms: [] });
  for (const size of sizes) {
    const { X, y } = makeData(size);
    let c = 0;
    for (const op of OPERATIONS) {
      for (const jobs of op.parallel ? [1, 2] : [1]) {
        setNJobs(jobs);
        const repeat = X.rows * X.cols <= 400_000 ? 3 : 1;
        const ms = timeMs(() => op.run(X, y, jobs), repeat);
        curves[c].sizes.push(size);
        curves[c].ms.push(ms);
        console.log(`  ${label} ${String(size).padStart(9)}  ${curves[c].name.padEnd(34)} ${ms.toFixed(1).padStart(10)} ms`);
        c++;
      }
    }
  }
  setNJobs(1);
  return curves;
}

function plot(curves: Curve[], file: string, title: string, xLabel: string): void {
  const series: LineSeries[] = curves.map((c) => ({
    name: c.name, x: c.sizes.map(Math.log10), y: c.ms.map(Math.log10), dashed: c.name.endsWith('2 jobs'),
  }));
  const svg = linePlot(series, { title, xLabel, yLabel: 'log10(time in ms)', width: 820, height: 520 });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, svg);
  console.log(`  wrote ${file}`);
}

function report(curves: Curve[], what: string): void {
  console.log(`\nGrowth order (slope of log time against log ${what}):`);
  for (const c of curves) console.log(`  ${c.name.padEnd(34)} ${growthOrder(c.sizes, c.ms).toFixed(2)}`);
}

/** Runs the cost-curve measurements and writes the plots. */
export default async function costCurves(opts: { quick: boolean }): Promise<void> {
  const docs = fileURLToPath(new URL('../docs/', import.meta.url));
  const rowSizes = opts.quick ? [1e4, 3e4, 1e5, 3e5, 1e6] : [1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7];
  console.log('Time against rows (2 features):');
  const byRows = measure(rowSizes, (n) => data(n, 2), 'rows');
  report(byRows, 'rows');
  plot(byRows, `${docs}cost-curves.svg`, 'Cost against rows (2 features), log-log', 'log10(rows)');

  const featureRows = opts.quick ? 5_000 : 10_000;
  console.log(`\nTime against features (${featureRows} rows):`);
  const byFeatures = measure([2, 4, 8, 16, 32, 64], (d) => data(featureRows, d), 'features');
  report(byFeatures, 'features');
  plot(byFeatures, `${docs}cost-curves-features.svg`, `Cost against features (${featureRows} rows), log-log`, 'log10(features)');
  closePool();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await costCurves({ quick: process.argv.includes('--quick') });
}
