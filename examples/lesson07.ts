/**
 * Lesson 07 of the mini-course: cost-sensitive logistic regression. `classWeight: 'balanced'`
 * weighs each class by n / (K · count), so errors on the rare class cost ~100 times more.
 * Bonus: compare with the cost-insensitive model and with an explicit cost table {0: 1, 1: 100}.
 *
 * Run: npx tsx examples/lesson07.ts [--seed 1]
 */
import { pathToFileURL } from 'node:url';
import {
  LogisticRegression, confusionMatrix, f1Score, precisionScore, recallScore, rocAucScore, type ClassWeight,
} from '../src/index.js';
import { column, lessonData, pyFixed, seedFromArgs } from './lesson03.js';

/** Everything lesson 7 prints and computes, for one seed. */
export function lesson07(seed = 1) {
  const { XTrain, XTest, yTrain, yTest } = lessonData(seed);
  // define and fit the cost-sensitive model
  const model = new LogisticRegression({ solver: 'liblinear', classWeight: 'balanced' }).fit(XTrain, yTrain);
  const yhat = model.predict(XTest);
  const values = { f1: f1Score(yTest, yhat) as number };
  const lines = [`F-Measure: ${pyFixed(values.f1, 3)}`];

  // Bonus: the same split under three cost settings.
  const settings: [string, ClassWeight][] = [['cost-insensitive', null], ["classWeight 'balanced'", 'balanced'], ['classWeight {0: 1, 1: 100}', { 0: 1, 1: 100 }]];
  const comparison = settings.map(([name, classWeight]) => {
    const m = new LogisticRegression({ solver: 'liblinear', classWeight }).fit(XTrain, yTrain);
    const pred = m.predict(XTest);
    return {
      name,
      f1: f1Score(yTest, pred) as number,
      precision: precisionScore(yTest, pred) as number,
      recall: recallScore(yTest, pred) as number,
      rocAuc: rocAucScore(yTest, column(m.predictProba(XTest), 1)) as number,
      confusion: confusionMatrix(yTest, pred),
    };
  });
  const bonusLines = comparison.map((r) =>
    `${r.name.padEnd(28)} F-Measure: ${pyFixed(r.f1, 3)}  Precision: ${pyFixed(r.precision, 3)}  Recall: ${pyFixed(r.recall, 3)}  ROC AUC: ${pyFixed(r.rocAuc, 3)}  missed positives: ${r.confusion[1][0]}`);
  return { lines, values, bonusLines, comparison, model, confusion: confusionMatrix(yTest, yhat) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = lesson07(seedFromArgs());
  for (const line of result.lines) console.log(line);
  console.log('\n# Bonus: cost-insensitive vs cost-sensitive');
  for (const line of result.bonusLines) console.log(line);
}
