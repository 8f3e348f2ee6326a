/**
 * Lesson 03 of the mini-course: evaluate a classifier on imbalanced data.
 * Accuracy looks excellent (99% of the rows are the majority class), while precision, recall and
 * the F-measure show how the minority class really fares. Bonus: F-beta and ROC AUC.
 *
 * Run: npx tsx examples/lesson03.ts [--seed 1]
 * (Python's listing passes no random_state; the seed makes the run reproducible and equal to
 * scikit-learn's with random_state=seed.)
 */
import { pathToFileURL } from 'node:url';
import {
  LogisticRegression, accuracyScore, confusionMatrix, f1Score, fbetaScore, makeClassification, precisionScore,
  recallScore, rocAucScore, trainTestSplit, type Labels,
} from '../src/index.js';

/**
 * Python's `'%.*f' % x`: like `toFixed`, except that an exact tie rounds to the even digit
 * (Python rounds the exact binary value half-to-even; JavaScript rounds ties up).
 */
export function pyFixed(x: number, digits: number): string {
  const exact = Math.abs(x).toFixed(100); // the exact decimal value for the magnitudes printed here
  const point = exact.indexOf('.');
  const dropped = exact.slice(point + 1 + digits);
  const lastKept = Number(digits > 0 ? exact[point + digits] : exact[point - 1]);
  if (/^50*$/.test(dropped) && lastKept % 2 === 0) {
    return (x < 0 ? '-' : '') + exact.slice(0, digits > 0 ? point + 1 + digits : point);
  }
  return x.toFixed(digits);
}

/** Reads `--seed N` from the command line (default 1). */
export function seedFromArgs(argv: readonly string[] = process.argv): number {
  const at = argv.indexOf('--seed');
  return at >= 0 ? Number(argv[at + 1]) : 1;
}

/** The listing's dataset and stratified 50/50 split (lessons 3 and 7 share them). */
export function lessonData(seed: number) {
  const { X, y } = makeClassification({
    nSamples: 10000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: seed,
  });
  return trainTestSplit(X, y, { testSize: 0.5, stratify: y, randomState: seed });
}

/** Column `c` of a row-major matrix. */
export function column(m: { data: Float64Array; rows: number; cols: number }, c: number): Float64Array {
  return Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + c]);
}

/** Everything lesson 3 prints and computes, for one seed. */
export function lesson03(seed = 1) {
  const { XTrain, XTest, yTrain, yTest } = lessonData(seed);
  // define and fit the model
  const model = new LogisticRegression({ solver: 'liblinear' }).fit(XTrain, yTrain);
  // predict on the test set
  const yhat: Labels = model.predict(XTest);
  const values = {
    accuracy: accuracyScore(yTest, yhat),
    precision: precisionScore(yTest, yhat) as number,
    recall: recallScore(yTest, yhat) as number,
    f1: f1Score(yTest, yhat) as number,
  };
  const lines = [
    `Accuracy: ${pyFixed(values.accuracy, 3)}`,
    `Precision: ${pyFixed(values.precision, 3)}`,
    `Recall: ${pyFixed(values.recall, 3)}`,
    `F-measure: ${pyFixed(values.f1, 3)}`,
  ];
  // Bonus: F-beta weighs recall (beta 2) or precision (beta 0.5) more; ROC AUC ranks probabilities.
  const scores = column(model.predictProba(XTest), 1);
  const bonus = {
    f2: fbetaScore(yTest, yhat, { beta: 2 }) as number,
    f05: fbetaScore(yTest, yhat, { beta: 0.5 }) as number,
    rocAuc: rocAucScore(yTest, scores) as number,
  };
  const bonusLines = [
    `F2-measure: ${pyFixed(bonus.f2, 3)}`,
    `F0.5-measure: ${pyFixed(bonus.f05, 3)}`,
    `ROC AUC: ${pyFixed(bonus.rocAuc, 3)}`,
  ];
  return { lines, values, bonusLines, bonus, model, confusion: confusionMatrix(yTest, yhat) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = lesson03(seedFromArgs());
  for (const line of result.lines) console.log(line);
  console.log('\n# Bonus: other metrics');
  for (const line of result.bonusLines) console.log(line);
}
