/**
 * One SVG scatter plot per sampler on the course's data, before and after resampling:
 * out/gallery/<Sampler>.svg, plus out/gallery/index.html showing them all side by side.
 * Run: npx tsx examples/samplers-gallery.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as lib from '../src/index.js';
import { classCounts, formatCounter, htmlFigures, htmlReport, makeClassification, scatterPlot } from '../src/index.js';

const { X, y } = makeClassification({
  nSamples: 2_000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.95], flipY: 0, classSep: 0.7, randomState: 4,
});
// SMOTEN works on categories: it is shown on the same data rounded to a grid of categories.
const categorical = { data: X.data.map((v) => Math.round(v * 2) / 2), rows: X.rows, cols: X.cols };
const OPTIONS: Record<string, object> = {
  SMOTENC: { categoricalFeatures: [1] },
  KMeansSMOTE: { clusterBalanceThreshold: 0.01 },
};

type Sampler = { fitResample(X: lib.Matrix, y: lib.Labels): { X: lib.Matrix; y: lib.Labels; origin?: { base: Int32Array } } };
const samplers = Object.entries(lib)
  .filter(([name, v]) => typeof v === 'function' && typeof (v as { prototype?: Sampler }).prototype?.fitResample === 'function'
    && !name.startsWith('Base') && name !== 'FunctionSampler')
  .sort(([a], [b]) => a.localeCompare(b)) as [string, new (o: object) => Sampler][];

mkdirSync('out/gallery', { recursive: true });
const size = { width: 340, height: 280, pointRadius: 2 };
const figures: { svg: string; caption: string }[] = [{ svg: scatterPlot(X, y, { ...size, title: 'Original' }), caption: `original: ${formatCounter(classCounts(y))}` }];
writeFileSync('out/gallery/original.svg', figures[0].svg);
for (const [name, Cls] of samplers) {
  const extra = OPTIONS[name] ?? {};
  let sampler: Sampler;
  try {
    sampler = new Cls({ randomState: 1, ...extra });
  } catch {
    sampler = new Cls(extra);
  }
  const input = name === 'SMOTEN' ? categorical : X;
  const res = sampler.fitResample(input, y);
  const synthetic = res.origin ? res.X.rows - res.origin.base.length : -1;
  const svg = scatterPlot(res.X, res.y, {
    ...size, title: name,
    highlight: synthetic >= 0 && res.origin!.base.length <= 400 ? Array.from({ length: res.origin!.base.length }, (_, i) => synthetic + i) : undefined,
  });
  writeFileSync(`out/gallery/${name}.svg`, svg);
  figures.push({ svg, caption: `${name}: ${formatCounter(classCounts(res.y))}` });
  console.log(`${name.padEnd(34)} ${formatCounter(classCounts(res.y))}`);
}
writeFileSync('out/gallery/index.html', htmlReport('imbalanced-wasm — every sampler on the course data',
  'makeClassification(2,000 rows, weights [0.95], classSep 0.7, randomState 4); each sampler with its defaults and randomState 1. Synthetic rows are ringed where they are few enough to read.',
  [{ heading: 'Before and after', html: htmlFigures(figures) }]));
console.log(`Wrote ${figures.length} plots to out/gallery/ (index.html shows them all).`);
