/**
 * `imbalanced-wasm evaluate`: compares samplers by repeated stratified k-fold cross-validation
 * of a Pipeline(sampler, LogisticRegression), scored with F1, G-mean and ROC AUC, as the
 * imbalanced-classification mini-course does in Python. Every sampler sees the same folds.
 * The fold loop is written out (rather than crossValidate) to choose F1's positive label and
 * to drive the progress bar.
 */
import { Command } from 'commander';
import { f1Score, geometricMeanScore, LogisticRegression, Pipeline, RepeatedStratifiedKFold, rocAucScore } from '../index.js';
import { compareLabels, takeLabels } from '../core/labels.js';
import { takeRows } from '../core/matrix.js';
import type { Label, Labels, Matrix } from '../core/types.js';
import { readLabelledTable } from './csvInput.js';
import { writeTextOutput } from './csvOutput.js';
import { fromLibraryError, UsageError } from './errors.js';
import { parseIntegerOption, parseSeed } from './optionValues.js';
import { progressWanted, startProgress } from './progress.js';
import { findSampler, type SamplerClass } from './samplerRegistry.js';

/** The options commander parses for `evaluate`. */
interface EvaluateFlags {
  samplers: string;
  folds: string;
  repeats: string;
  randomState?: string;
  posLabel?: string;
  label?: string;
  header?: boolean;
  json?: boolean;
  output?: string;
  progress?: boolean;
}

/** The three scores, in table order. */
const METRICS = [
  ['f1', 'F1'],
  ['gmean', 'G-mean'],
  ['rocAuc', 'ROC AUC'],
] as const;

/** Mean, population standard deviation (numpy's `std`) and the fold scores of one metric. */
export interface ScoreSummary {
  mean: number;
  std: number;
  scores: number[];
}

/** One row of the comparison. */
export interface EvaluationRow {
  sampler: string;
  f1: ScoreSummary;
  gmean: ScoreSummary;
  rocAuc: ScoreSummary;
}

/** Mean and numpy-style (ddof = 0) standard deviation. */
export function summarize(scores: ArrayLike<number>): ScoreSummary {
  const values = Array.from(scores);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance), scores: values };
}

/** `none` (no resampling) or a sampler class. */
function resolveSamplers(list: string): (SamplerClass | null)[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError("option '--samplers' needs at least one name (a sampler class or 'none')");
  return names.map((name) => (name.toLowerCase() === 'none' ? null : findSampler(name)));
}

/** A sampler seeded with `seed` when it takes a `randomState` (its constructor rejects unknown options). */
function seededSampler(Sampler: SamplerClass, seed: number): unknown {
  try {
    return new Sampler({ randomState: seed });
  } catch {
    return new Sampler({});
  }
}

/**
 * The positive label for F1: `--pos-label` if given; otherwise 1 when it is a label (the
 * default of scikit-learn's 'f1' scorer), else the rarer class.
 */
function positiveLabel(y: readonly Label[], flag: string | undefined): Label {
  const counts = new Map<Label, number>();
  for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
  const numeric = typeof y[0] === 'number';
  if (flag !== undefined) {
    const wanted: Label = numeric ? Number(flag) : flag;
    if (!counts.has(wanted)) throw new UsageError(`option '--pos-label' must be one of the labels (${[...counts.keys()].join(', ')}). Got '${flag}'.`);
    return wanted;
  }
  if (numeric && counts.has(1)) return 1;
  return [...counts.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? 1 : -1))[0][0];
}

/** The probability of the second sorted class (scikit-learn's positive column for ROC AUC). */
function positiveColumn(proba: Matrix): Float64Array {
  const out = new Float64Array(proba.rows);
  for (let i = 0; i < proba.rows; i++) out[i] = proba.data[i * proba.cols + 1];
  return out;
}

function formatScore(s: ScoreSummary): string {
  return Number.isNaN(s.mean) ? 'n/a' : `${s.mean.toFixed(3)} ± ${s.std.toFixed(3)}`;
}

/** The comparison as an aligned text table. */
export function formatTable(rows: readonly EvaluationRow[]): string {
  const cells = [['sampler', ...METRICS.map(([, title]) => title)], ...rows.map((r) => [r.sampler, ...METRICS.map(([key]) => formatScore(r[key]))])];
  const widths = cells[0].map((_, j) => Math.max(...cells.map((row) => row[j].length)));
  return cells.map((row) => row.map((cell, j) => cell.padEnd(widths[j])).join('   ').trimEnd()).join('\n');
}

/** Builds the `evaluate` command. */
export function evaluateCommand(): Command {
  return new Command('evaluate')
    .description('compare samplers by repeated stratified k-fold CV of sampler + LogisticRegression (F1, G-mean, ROC AUC)')
    .argument('[input]', "CSV file to read ('-' or omitted: stdin)")
    .requiredOption('--samplers <names>', "comma-separated sampler class names; 'none' means no resampling")
    .option('--folds <k>', 'number of folds', '5')
    .option('--repeats <n>', 'number of repetitions', '3')
    .option('--random-state <n>', 'integer seed of the folds and of every sampler that has a randomState')
    .option('--pos-label <label>', 'positive class of F1 (default: 1 if it is a label, else the rarer class)')
    .option('-l, --label <column>', 'label column: header name or 0-based index (default: last column)')
    .option('--header', 'the first row is a header (default: detected)')
    .option('--no-header', 'the first row is data')
    .option('--json', 'print the results as JSON (means, standard deviations and every fold score)')
    .option('-o, --output <file>', "write the table or JSON to a file ('-' or omitted: stdout)")
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      `
Multiclass data is scored with macro F1, multiclass G-mean and one-vs-rest ROC AUC.

Example:
  $ imbalanced-wasm evaluate data.csv --samplers none,SMOTE,RandomUnderSampler,SMOTETomek --random-state 1`,
    )
    .action(async (input: string | undefined, flags: EvaluateFlags) => {
      const samplers = resolveSamplers(flags.samplers);
      const nSplits = parseIntegerOption('--folds', flags.folds, 2);
      const nRepeats = parseIntegerOption('--repeats', flags.repeats, 1);
      // Without a seed, draw one so that every sampler is compared on the same folds.
      const seed = flags.randomState !== undefined ? parseSeed(flags.randomState) : Math.floor(Math.random() * 2 ** 31);
      const showProgress = progressWanted(flags.progress);
      const table = await readLabelledTable(input, { label: flags.label, header: flags.header, progress: showProgress });
      const y = table.y as Labels;
      const classes = [...new Set(table.y as Label[])].sort(compareLabels);
      if (classes.length < 2) throw new UsageError(`evaluate needs at least 2 classes in the label column; ${table.source} has ${classes.length}`);
      const binary = classes.length === 2;
      const posLabel = binary ? positiveLabel(table.y as Label[], flags.posLabel) : null;

      // The same folds for every sampler (scikit-learn re-splits identically for a fixed seed).
      let folds: { train: Int32Array; test: Int32Array }[];
      try {
        folds = [...new RepeatedStratifiedKFold({ nSplits, nRepeats, randomState: seed }).split(table.X, y)];
      } catch (error) {
        throw fromLibraryError('RepeatedStratifiedKFold', error);
      }
      const bar = startProgress(showProgress, 'folds', samplers.length * folds.length);
      const rows: EvaluationRow[] = [];
      try {
        samplers.forEach((Sampler, s) => {
          const name = Sampler ? Sampler.name : 'none';
          const scores = { f1: new Float64Array(folds.length), gmean: new Float64Array(folds.length), rocAuc: new Float64Array(folds.length) };
          folds.forEach(({ train, test }, f) => {
            try {
              // A fresh, identically seeded sampler per fold, as scikit-learn's clone gives.
              const model = Sampler
                ? new Pipeline([['sampler', seededSampler(Sampler, seed)], ['model', new LogisticRegression()]])
                : new LogisticRegression();
              model.fit(takeRows(table.X, train), takeLabels(y, train));
              const XTest = takeRows(table.X, test);
              const yTest = takeLabels(y, test);
              const predicted = model.predict(XTest);
              const proba = model.predictProba(XTest);
              scores.f1[f] = f1Score(yTest, predicted, binary ? { posLabel } : { average: 'macro' }) as number;
              scores.gmean[f] = geometricMeanScore(yTest, predicted) as number;
              scores.rocAuc[f] = (binary
                ? rocAucScore(yTest, positiveColumn(proba))
                : rocAucScore(yTest, proba, { multiClass: 'ovr', labels: classes })) as number;
            } catch (error) {
              throw fromLibraryError(`${name} + LogisticRegression`, error);
            }
            bar.update(s * folds.length + f + 1);
          });
          rows.push({ sampler: name, f1: summarize(scores.f1), gmean: summarize(scores.gmean), rocAuc: summarize(scores.rocAuc) });
        });
      } finally {
        bar.stop();
      }

      const text = flags.json
        ? `${JSON.stringify({
          input: table.source, rows: table.X.rows, classes: classes.length, positiveLabel: posLabel, folds: nSplits, repeats: nRepeats,
          randomState: seed, model: 'LogisticRegression', results: rows,
        })}\n`
        : `Repeated stratified ${nSplits}-fold x ${nRepeats} of sampler + LogisticRegression on ${table.source} ` +
          `(${table.X.rows} rows${!binary ? ', multiclass: macro F1, one-vs-rest ROC AUC' : `, positive label ${posLabel}`}, seed ${seed}):\n\n` +
          `${formatTable(rows)}\n`;
      await writeTextOutput(flags.output, text);
    });
}
