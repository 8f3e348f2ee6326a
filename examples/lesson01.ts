/**
 * Lesson 1 of the mini-course: the challenge of imbalanced classification.
 * The lesson asks for five problems where the imbalance is inherent. This prints a few with a
 * typical minority share, and makes a synthetic dataset at each ratio to show what it means
 * in counts.
 * Run: npx tsx examples/lesson01.ts
 */
import { classCounts, formatCounter, makeClassification } from '../src/index.js';

const domains: { problem: string; minority: string; share: number }[] = [
  { problem: 'Credit card fraud detection', minority: 'fraudulent transaction', share: 0.002 },
  { problem: 'Disease screening', minority: 'patient with the disease', share: 0.01 },
  { problem: 'Network intrusion detection', minority: 'attack connection', share: 0.02 },
  { problem: 'Manufacturing defect detection', minority: 'defective part', share: 0.03 },
  { problem: 'Customer churn prediction', minority: 'customer who leaves', share: 0.1 },
  { problem: 'Spam filtering', minority: 'spam message', share: 0.2 },
];

console.log('Problems with an inherent class imbalance (typical minority share):\n');
console.log(`${'problem'.padEnd(32)}${'minority class'.padEnd(28)}${'share'.padStart(7)}  ratio     synthetic counts (n=10000)`);
for (const [i, d] of domains.entries()) {
  const { y } = makeClassification({
    nSamples: 10_000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [1 - d.share], flipY: 0, randomState: i + 1,
  });
  const ratio = `1:${Math.round((1 - d.share) / d.share)}`;
  console.log(`${d.problem.padEnd(32)}${d.minority.padEnd(28)}${(d.share * 100).toFixed(1).padStart(6)}%  ${ratio.padEnd(9)} ${formatCounter(classCounts(y))}`);
}
console.log('\nSlight imbalance is like 4:6; severe imbalance is 1:100 or more. Accuracy hides the minority:');
console.log('predicting "majority" for every row of the fraud data above scores 99.8% accuracy and finds no fraud.');
