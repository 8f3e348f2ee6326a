/**
 * `imbalanced-wasm plot`: draws two feature columns of a labelled CSV as an SVG scatter plot,
 * one colour per class, with the library's `scatterPlot`.
 */
import { basename } from 'node:path';
import { Command } from 'commander';
import { scatterPlot } from '../index.js';
import { columnLabel, readLabelledTable, type LabelledTable } from './csvInput.js';
import { writeTextOutput } from './csvOutput.js';
import { fromLibraryError, InputError, UsageError } from './errors.js';
import { parseIntegerOption } from './optionValues.js';
import { progressWanted } from './progress.js';

/** The options commander parses for `plot`. */
interface PlotFlags {
  output?: string;
  label?: string;
  header?: boolean;
  columns: string;
  title?: string;
  width?: string;
  height?: string;
  progress?: boolean;
}

/**
 * Resolves `--columns` (two file columns, by header name or 0-based index, not the label) to
 * feature indices of the table's X.
 */
export function featureColumns(table: LabelledTable, spec: string): [number, number] {
  const parts = spec.split(',').map((s) => s.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) throw new UsageError(`option '--columns' must name two columns, like 0,1 or x0,x1. Got '${spec}'.`);
  const resolved = parts.map((part) => {
    let column = table.header ? table.header.indexOf(part) : -1;
    if (column < 0 && /^\d+$/.test(part)) column = Number(part);
    if (column < 0 || column >= table.nColumns) {
      throw new InputError(table.source, null, `no column ${/^\d+$/.test(part) ? part : `'${part}'`} to plot (the input has ${table.nColumns} columns${table.header ? `: ${table.header.join(', ')}` : ''})`);
    }
    if (column === table.labelIndex) throw new UsageError(`option '--columns': column ${columnLabel(table.header, column)} is the label column, not a feature`);
    return column < table.labelIndex ? column : column - 1;
  });
  return [resolved[0], resolved[1]];
}

/** Builds the `plot` command. */
export function plotCommand(): Command {
  return new Command('plot')
    .description('draw two feature columns of a labelled CSV as an SVG scatter plot, one colour per class')
    .argument('[input]', "CSV file to read ('-' or omitted: stdin)")
    .option('-o, --output <file>', "SVG file to write ('-' or omitted: stdout)")
    .option('-l, --label <column>', 'label column: header name or 0-based index (default: last column)')
    .option('--columns <a,b>', 'the two columns to plot, by header name or 0-based file index', '0,1')
    .option('--title <text>', 'plot title (default: the input file name)')
    .option('--width <px>', 'width in pixels (default 640)')
    .option('--height <px>', 'height in pixels (default 480)')
    .option('--header', 'the first row is a header (default: detected)')
    .option('--no-header', 'the first row is data')
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      `
Example:
  $ imbalanced-wasm plot data.csv -o data.svg --columns x0,x1`,
    )
    .action(async (input: string | undefined, flags: PlotFlags) => {
      const size: Record<string, number> = {};
      if (flags.width !== undefined) size.width = parseIntegerOption('--width', flags.width, 1);
      if (flags.height !== undefined) size.height = parseIntegerOption('--height', flags.height, 1);
      const table = await readLabelledTable(input, { label: flags.label, header: flags.header, progress: progressWanted(flags.progress) });
      const [a, b] = featureColumns(table, flags.columns);
      const names = table.header ? table.header.filter((_, j) => j !== table.labelIndex) : null;
      let svg: string;
      try {
        svg = scatterPlot(table.X, table.y, {
          ...size,
          columns: [a, b],
          title: flags.title ?? (table.source === '<stdin>' ? undefined : basename(table.source)),
          xLabel: names ? names[a] : `column ${a}`,
          yLabel: names ? names[b] : `column ${b}`,
        });
      } catch (error) {
        throw fromLibraryError('scatterPlot', error);
      }
      await writeTextOutput(flags.output, svg.endsWith('\n') ? svg : `${svg}\n`);
    });
}
