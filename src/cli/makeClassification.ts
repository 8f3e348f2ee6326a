/**
 * `imbalanced-wasm make-classification`: writes scikit-learn's `make_classification` dataset as
 * CSV (columns x0..x{d-1}, y); with `--random-state` it is the dataset Python gives.
 */
import { Command } from 'commander';
import { makeClassification } from '../index.js';
import { writeCsvOutput } from './csvOutput.js';
import { fromLibraryError, UsageError } from './errors.js';
import { progressWanted } from './progress.js';
import { isNumberText, parseIntegerOption, parseOptionValue, parseSeed } from './optionValues.js';

/** The options commander parses for `make-classification` (strings as typed). */
interface MakeClassificationFlags {
  output?: string;
  nSamples?: string;
  nFeatures?: string;
  nInformative?: string;
  nRedundant?: string;
  nRepeated?: string;
  nClasses?: string;
  nClustersPerClass?: string;
  weights?: string[];
  flipY?: string;
  classSep?: string;
  hypercube?: boolean;
  shift?: string;
  scale?: string;
  shuffle?: boolean;
  randomState?: string;
  progress?: boolean;
}

const INTEGER_FLAGS = [
  ['nSamples', '--n-samples', 1],
  ['nFeatures', '--n-features', 1],
  ['nInformative', '--n-informative', 0],
  ['nRedundant', '--n-redundant', 0],
  ['nRepeated', '--n-repeated', 0],
  ['nClasses', '--n-classes', 1],
  ['nClustersPerClass', '--n-clusters-per-class', 1],
] as const;

function parseNumberFlag(flag: string, text: string): number {
  if (!isNumberText(text.trim())) throw new UsageError(`option '${flag}' must be a number. Got '${text}'.`);
  return Number(text);
}

/** `--weights 0.9 0.05` and `--weights 0.9,0.05` both give [0.9, 0.05]. */
function parseWeights(values: string[]): number[] {
  return values.flatMap((v) => v.split(',')).filter((v) => v.trim() !== '').map((v) => parseNumberFlag('--weights', v));
}

/** Translates the flags into `makeClassification` options (only those given: library defaults otherwise). */
export function makeClassificationOptions(flags: MakeClassificationFlags): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, flag, min] of INTEGER_FLAGS) {
    const text = flags[key];
    if (text !== undefined) options[key] = parseIntegerOption(flag, text, min);
  }
  if (flags.weights !== undefined) options.weights = parseWeights(flags.weights);
  if (flags.flipY !== undefined) options.flipY = parseNumberFlag('--flip-y', flags.flipY);
  if (flags.classSep !== undefined) options.classSep = parseNumberFlag('--class-sep', flags.classSep);
  if (flags.shift !== undefined) options.shift = parseOptionValue(flags.shift, 'shift');
  if (flags.scale !== undefined) options.scale = parseOptionValue(flags.scale, 'scale');
  if (flags.hypercube === false) options.hypercube = false;
  if (flags.shuffle === false) options.shuffle = false;
  if (flags.randomState !== undefined) options.randomState = parseSeed(flags.randomState);
  return options;
}

/** Builds the `make-classification` command. */
export function makeClassificationCommand(): Command {
  return new Command('make-classification')
    .description("write scikit-learn's make_classification dataset as CSV (columns x0..x{d-1}, y)")
    .option('-o, --output <file>', "CSV file to write ('-' or omitted: stdout)")
    .option('--n-samples <n>', 'number of rows (default 100)')
    .option('--n-features <d>', 'number of features (default 20)')
    .option('--n-informative <n>', 'informative features (default 2)')
    .option('--n-redundant <n>', 'redundant features (default 2)')
    .option('--n-repeated <n>', 'repeated features (default 0)')
    .option('--n-classes <n>', 'number of classes (default 2)')
    .option('--n-clusters-per-class <n>', 'clusters per class (default 2)')
    .option('--weights <w...>', 'class proportions, e.g. --weights 0.99 (the last class gets the rest)')
    .option('--flip-y <p>', 'share of labels assigned at random (default 0.01)')
    .option('--class-sep <s>', 'hypercube size factor (default 1.0)')
    .option('--no-hypercube', 'put clusters on a random polytope instead of hypercube vertices')
    .option('--shift <value>', 'added to features: a number, a JSON array, or null for random (default 0)')
    .option('--scale <value>', 'multiplies features: a number, a JSON array, or null for random (default 1)')
    .option('--no-shuffle', 'do not shuffle rows and columns')
    .option('--random-state <n>', 'integer seed: same dataset as scikit-learn with random_state=n')
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      `
Example (the mini-course's 1:100 dataset):
  $ imbalanced-wasm make-classification -o data.csv --n-samples 10000 --n-features 2 \\
      --n-redundant 0 --n-clusters-per-class 1 --weights 0.99 --flip-y 0 --random-state 1`,
    )
    .action(async (flags: MakeClassificationFlags) => {
      const options = makeClassificationOptions(flags);
      let data;
      try {
        data = makeClassification(options);
      } catch (error) {
        // Every option of makeClassification comes from the command line: its errors are usage errors.
        const cliError = fromLibraryError('makeClassification', error);
        throw new UsageError(cliError.message);
      }
      const { X, y } = data;
      const header = [...Array.from({ length: X.cols }, (_, j) => `x${j}`), 'y'];
      function* rows(): Generator<unknown[]> {
        for (let i = 0; i < X.rows; i++) {
          const row: unknown[] = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols));
          row.push(y[i]);
          yield row;
        }
      }
      await writeCsvOutput(flags.output, header, rows(), { enabled: progressWanted(flags.progress), totalRows: X.rows });
    });
}
