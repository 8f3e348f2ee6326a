/**
 * Lesson 04 of the mini-course: under-sampling the majority class.
 * A 1:100 dataset is under-sampled at random to a 1:2 ratio with RandomUnderSampler.
 * Run: npx tsx examples/lesson04.ts
 */
import { pathToFileURL } from 'node:url';
import {
  EditedNearestNeighbours, RandomUnderSampler, TomekLinks, classCounts, formatCounter, makeClassification,
} from '../src/index.js';

/** The course's dataset: 10,000 rows, 2 features, 1:100 (Python: `make_classification(...)`). */
export function courseDataset(seed: number) {
  return makeClassification({
    nSamples: 10000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: seed,
  });
}

/** The listing: class counts before and after `RandomUnderSampler(sampling_strategy=0.5)`. */
export function lesson04(seed = 1, print: (line: string) => void = console.log) {
  const { X, y } = courseDataset(seed);
  print(formatCounter(classCounts(y)));
  const undersample = new RandomUnderSampler({ samplingStrategy: 0.5, randomState: seed });
  const { X: XUnder, y: yUnder } = undersample.fitResample(X, y);
  print(formatCounter(classCounts(yUnder)));
  return { X, y, sampler: undersample, XUnder, yUnder };
}

/** Bonus: other ratios, then other under-sampling techniques on the same data. */
export function lesson04Bonus(seed = 1, print: (line: string) => void = console.log) {
  const { X, y } = courseDataset(seed);
  for (const ratio of [0.1, 0.25, 1.0]) {
    const res = new RandomUnderSampler({ samplingStrategy: ratio, randomState: seed }).fitResample(X, y);
    print(`RandomUnderSampler(samplingStrategy=${ratio}): ${formatCounter(classCounts(res.y))}`);
  }
  const tomek = new TomekLinks().fitResample(X, y);
  print(`TomekLinks: ${formatCounter(classCounts(tomek.y))}`);
  const enn = new EditedNearestNeighbours().fitResample(X, y);
  print(`EditedNearestNeighbours: ${formatCounter(classCounts(enn.y))}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  lesson04();
  console.log('-- bonus --');
  lesson04Bonus();
}
