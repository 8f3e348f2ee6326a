/**
 * Lesson 06 of the mini-course: combining under- and over-sampling.
 * SMOTEENN over-samples with SMOTE, then cleans with Edited Nearest Neighbours.
 * Run: npx tsx examples/lesson06.ts
 */
import { pathToFileURL } from 'node:url';
import { RandomUnderSampler, SMOTE, SMOTEENN, SMOTETomek, classCounts, formatCounter } from '../src/index.js';
import { courseDataset } from './lesson04.js';

/** The listing: class counts before and after `SMOTEENN(sampling_strategy=0.5)`. */
export function lesson06(seed = 1, print: (line: string) => void = console.log) {
  const { X, y } = courseDataset(seed);
  print(formatCounter(classCounts(y)));
  const sample = new SMOTEENN({ samplingStrategy: 0.5, randomState: seed });
  const { X: XRes, y: yRes } = sample.fitResample(X, y);
  print(formatCounter(classCounts(yRes)));
  return { X, y, sampler: sample, XRes, yRes };
}

/** Bonus: SMOTE + Tomek links, and two samplers applied one after the other by hand. */
export function lesson06Bonus(seed = 1, print: (line: string) => void = console.log) {
  const { X, y } = courseDataset(seed);
  const st = new SMOTETomek({ samplingStrategy: 0.5, randomState: seed }).fitResample(X, y);
  print(`SMOTETomek(samplingStrategy=0.5): ${formatCounter(classCounts(st.y))}`);

  // Random under-sampling of the majority to 1:10, then SMOTE of the minority to 1:2.
  const under = new RandomUnderSampler({ samplingStrategy: 0.1, randomState: seed }).fitResample(X, y);
  print(`RandomUnderSampler(0.1): ${formatCounter(classCounts(under.y))}`);
  const thenOver = new SMOTE({ samplingStrategy: 0.5, randomState: seed }).fitResample(under.X, under.y);
  print(`  then SMOTE(0.5): ${formatCounter(classCounts(thenOver.y))}`);

  // The other order: SMOTE to 1:10, then random under-sampling to 1:2.
  const over = new SMOTE({ samplingStrategy: 0.1, randomState: seed }).fitResample(X, y);
  print(`SMOTE(0.1): ${formatCounter(classCounts(over.y))}`);
  const thenUnder = new RandomUnderSampler({ samplingStrategy: 0.5, randomState: seed }).fitResample(over.X, over.y);
  print(`  then RandomUnderSampler(0.5): ${formatCounter(classCounts(thenUnder.y))}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  lesson06();
  console.log('-- bonus --');
  lesson06Bonus();
}
