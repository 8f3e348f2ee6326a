/**
 * `imbalanced-wasm resample`: reads a labelled CSV, runs any sampler of the library on it and
 * writes the resampled table as CSV, same columns, same label spelling.
 */
import { Command } from 'commander';
import { classCounts, formatCounter } from '../index.js';
import { readLabelledTable } from './csvInput.js';
import { writeCsvOutput } from './csvOutput.js';
import { fromLibraryError, UsageError } from './errors.js';
import { parseOptionValue, parseSeed, splitExtraArguments } from './optionValues.js';
import { progressWanted } from './progress.js';
import { createSampler, findSampler, samplerClasses } from './samplerRegistry.js';

/** The options commander parses for `resample`. */
interface ResampleFlags {
  output?: string;
  sampler?: string;
  label?: string;
  header?: boolean;
  samplingStrategy?: string;
  randomState?: string;
  progress?: boolean;
  verbose?: boolean;
}

/** Builds the `resample` command. */
export function resampleCommand(): Command {
  return new Command('resample')
    .description('resample a labelled CSV table with any sampler of the library')
    .argument('[input]', "CSV file to read ('-' or omitted: stdin)")
    .option('-o, --output <file>', "CSV file to write ('-' or omitted: stdout)")
    .requiredOption('-s, --sampler <name>', 'sampler class name, e.g. SMOTE, RandomUnderSampler, SMOTETomek')
    .option('-l, --label <column>', 'label column: header name or 0-based index (default: last column)')
    .option('--header', 'the first row is a header (default: detected)')
    .option('--no-header', 'the first row is data')
    .option('--sampling-strategy <value>', "e.g. 0.5, auto, minority, 'not majority', or JSON like '{\"0\": 100}'")
    .option('--random-state <n>', 'integer seed: same rows as imbalanced-learn with random_state=n')
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .option('-v, --verbose', 'print the class counts before and after on stderr')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      `
Any other sampler option is given in kebab-case: --k-neighbors 3, --kind-sel mode,
--replacement true, --shrinkage '{"1": 0.5}'. Values are read as numbers, booleans, null,
JSON or strings. Unknown options are rejected by the sampler.

Examples:
  $ imbalanced-wasm resample data.csv -o balanced.csv --sampler SMOTE --k-neighbors 3 --random-state 1
  $ cat data.csv | imbalanced-wasm resample --sampler RandomUnderSampler --sampling-strategy 0.5 > out.csv`,
    )
    .addHelpText('after', () => `\nSamplers: ${samplerClasses().map((c) => c.name).join(', ')}`)
    .action(async (_input: string | undefined, flags: ResampleFlags, command: Command) => {
      await runResample(command.args, flags);
    });
}

async function runResample(args: string[], flags: ResampleFlags): Promise<void> {
  const { positionals, options: samplerOptions } = splitExtraArguments(args);
  if (positionals.length > 1) throw new UsageError(`expected one input file, got ${positionals.length}: ${positionals.join(' ')}`);
  const Sampler = findSampler(flags.sampler!);
  const options: Record<string, unknown> = { ...samplerOptions };
  if (flags.samplingStrategy !== undefined) options.samplingStrategy = parseOptionValue(flags.samplingStrategy, 'sampling-strategy');
  if (flags.randomState !== undefined) options.randomState = parseSeed(flags.randomState);
  const sampler = createSampler(Sampler, options);

  const showProgress = progressWanted(flags.progress);
  const table = await readLabelledTable(positionals[0], { label: flags.label, header: flags.header, progress: showProgress });
  let result;
  try {
    result = sampler.fitResample(table.X, table.y);
  } catch (error) {
    throw fromLibraryError(Sampler.name, error);
  }
  if (flags.verbose) {
    process.stderr.write(
      `${Sampler.name}: ${table.X.rows} rows ${formatCounter(classCounts(table.y))} -> ${result.X.rows} rows ${formatCounter(classCounts(result.y as ArrayLike<number>))}\n`,
    );
  }
  const { X, y } = result;
  const { labelIndex, nColumns } = table;
  function* rows(): Generator<unknown[]> {
    for (let i = 0; i < X.rows; i++) {
      const row = new Array<unknown>(nColumns);
      let k = i * X.cols;
      for (let j = 0; j < nColumns; j++) row[j] = j === labelIndex ? table.labelText(y[i] as number | string) : X.data[k++];
      yield row;
    }
  }
  await writeCsvOutput(flags.output, table.header, rows(), { enabled: showProgress, totalRows: X.rows });
}
