/**
 * Lesson 2 of the mini-course: intuition for imbalanced data.
 * Python original:
 *   X, y = make_classification(n_samples=1000, n_features=2, n_redundant=0,
 *       n_clusters_per_class=1, weights=[0.99], flip_y=0, random_state=1)
 *   print(Counter(y))      # then a scatter plot coloured by class
 * Run: npx tsx examples/lesson02.ts   (writes out/lesson02.svg)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { classCounts, formatCounter, makeClassification, scatterPlot } from '../src/index.js';

// The listing: a 99:1 dataset with two features.
const { X, y } = makeClassification({
  nSamples: 1000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1,
});
console.log(formatCounter(classCounts(y)));

mkdirSync('out', { recursive: true });
writeFileSync('out/lesson02.svg', scatterPlot(X, y, { title: 'Imbalanced dataset: 99% vs 1%' }));
console.log('Scatter plot written to out/lesson02.svg');

// Bonus: other class ratios, from balanced to severe (weights = share of the majority class).
console.log('\nOther ratios (majority : minority), 1000 rows each:');
const ratios: [string, number][] = [['50:50', 0.5], ['90:10', 0.9], ['99:1', 0.99], ['99.9:0.1', 0.999]];
for (const [name, majority] of ratios) {
  const data = makeClassification({
    nSamples: 1000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [majority], flipY: 0, randomState: 1,
  });
  const file = `out/lesson02_${name.replace(/[:.]/g, '_')}.svg`;
  writeFileSync(file, scatterPlot(data.X, data.y, { title: `Class ratio ${name}` }));
  console.log(`${name.padEnd(9)} ${formatCounter(classCounts(data.y)).padEnd(26)} -> ${file}`);
}
