/**
 * Lesson 05 of the mini-course: over-sampling the minority class.
 * SMOTE synthesises minority rows until the ratio is 1:2.
 * Run: npx tsx examples/lesson05.ts
 */
import { pathToFileURL } from 'node:url';
import { RandomOverSampler, SMOTE, classCounts, formatCounter } from '../src/index.js';
import { courseDataset } from './lesson04.js';

/** The listing: class counts before and after `SMOTE(sampling_strategy=0.5)`. */
export function lesson05(seed = 1, print: (line: string) => void = console.log) {
  const { X, y } = courseDataset(seed);
  print(formatCounter(classCounts(y)));
  const oversample = new SMOTE({ samplingStrategy: 0.5, randomState: seed });
  const { X: XOver, y: yOver, origin } = oversample.fitResample(X, y);
  print(formatCounter(classCounts(yOver)));
  return { X, y, sampler: oversample, XOver, yOver, origin };
}

/** Bonus: other ratios, then plain and smoothed random over-sampling. */
export function lesson05Bonus(seed = 1, print: (line: string) => void = console.log) {
  const { X, y } = courseDataset(seed);
  for (const ratio of [0.1, 0.25, 1.0]) {
    const res = new SMOTE({ samplingStrategy: ratio, randomState: seed }).fitResample(X, y);
    print(`SMOTE(samplingStrategy=${ratio}): ${formatCounter(classCounts(res.y))}`);
  }
  const ros = new RandomOverSampler({ samplingStrategy: 0.5, randomState: seed }).fitResample(X, y);
  print(`RandomOverSampler(samplingStrategy=0.5): ${formatCounter(classCounts(ros.y))}`);
  const rose = new RandomOverSampler({ samplingStrategy: 0.5, shrinkage: 1, randomState: seed }).fitResample(X, y);
  print(`RandomOverSampler(samplingStrategy=0.5, shrinkage=1): ${formatCounter(classCounts(rose.y))}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  lesson05();
  console.log('-- bonus --');
  lesson05Bonus();
}
