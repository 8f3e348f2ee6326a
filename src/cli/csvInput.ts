/**
 * Reads a labelled CSV table (a file or stdin) into a feature matrix and a label array,
 * streaming the parse (csv-parse) and reporting each problem as `file:line: detail`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Matrix } from '../core/types.js';
import { InputError } from './errors.js';
import { isNumberText } from './optionValues.js';
import { startProgress } from './progress.js';

/** How to read the table. */
export interface ReadTableOptions {
  /** The label column: a header name or a 0-based index (negative counts from the end). Default: last. */
  label?: string;
  /** true/false forces a header row; undefined detects it (a non-numeric feature cell in row 1). */
  header?: boolean;
  /** Draw a progress bar on stderr. */
  progress?: boolean;
}

/** A labelled table as read from CSV. */
export interface LabelledTable {
  /** How messages name the input: the path as given, or `<stdin>`. */
  source: string;
  /** The header row, or null when the input has none. */
  header: string[] | null;
  /** Number of columns of the file (features + label). */
  nColumns: number;
  /** Index of the label column in the file. */
  labelIndex: number;
  /** Features, in file order without the label column. */
  X: Matrix;
  /** Labels: numbers when every label cell is a number, otherwise the strings as read. */
  y: number[] | string[];
  /** The text a label was read as (numeric labels keep their spelling, e.g. `1.0`). */
  labelText(label: number | string): string;
}

/** `'name'` when there is a header, otherwise the 0-based column index. */
export function columnLabel(header: string[] | null, column: number): string {
  return header ? `'${header[column]}'` : String(column);
}

/** The display name of an input argument. */
export function sourceName(input: string | undefined): string {
  return input === undefined || input === '-' ? '<stdin>' : input;
}

async function openInput(input: string | undefined): Promise<{ stream: Readable; size: number }> {
  const source = sourceName(input);
  if (input === undefined || input === '-') return { stream: process.stdin, size: 0 };
  let size: number;
  try {
    const info = await stat(input);
    if (info.isDirectory()) throw new InputError(source, null, 'is a directory, not a CSV file');
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(source, null, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return { stream: createReadStream(input), size };
}

/** Resolves `--label` against the first row; `line` is where the first row was read. */
function resolveLabelColumn(label: string | undefined, header: string[] | null, nColumns: number, source: string, line: number): number {
  if (label === undefined) return nColumns - 1;
  if (header) {
    const byName = header.indexOf(label);
    if (byName >= 0) return byName;
  }
  if (/^[+-]?\d+$/.test(label.trim())) {
    const index = Number(label);
    const resolved = index < 0 ? nColumns + index : index;
    if (resolved < 0 || resolved >= nColumns) {
      throw new InputError(source, line, `no label column ${label}: the input has ${nColumns} columns (0 to ${nColumns - 1})`);
    }
    return resolved;
  }
  if (!header) throw new InputError(source, line, `no label column '${label}': the input has no header row (give a 0-based index)`);
  throw new InputError(source, line, `no label column '${label}' (columns: ${header.join(', ')})`);
}

/** Decides whether the first row is a header: forced, or a non-numeric feature cell. */
function detectHeader(first: string[], label: string | undefined, forced: boolean | undefined): boolean {
  if (forced !== undefined) return forced;
  const isIndex = label !== undefined && /^[+-]?\d+$/.test(label.trim());
  if (label !== undefined && !isIndex) return true; // a column name needs a header
  let labelGuess = isIndex ? Number(label) : first.length - 1;
  if (labelGuess < 0) labelGuess += first.length;
  return first.some((cell, j) => j !== labelGuess && !isNumberText(cell));
}

/**
 * Reads a labelled CSV table. Every data problem throws an `InputError` naming the line and
 * the column; nothing is returned until the whole input is valid.
 * @example const table = await readLabelledTable('data.csv', { label: 'y' });
 */
export async function readLabelledTable(input: string | undefined, options: ReadTableOptions = {}): Promise<LabelledTable> {
  const source = sourceName(input);
  const { stream, size } = await openInput(input);
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
  stream.on('error', (error) => parser.destroy(new InputError(source, null, `cannot read the input (${(error as NodeJS.ErrnoException).code ?? error.message})`)));
  stream.pipe(parser);
  const bar = startProgress(options.progress === true, 'reading', size, ' bytes');

  let header: string[] | null = null;
  let nColumns = -1;
  let labelIndex = -1;
  let rows = 0;
  let lastBytes = 0;
  let lastLine = 0; // where the last good record ended: an unclosed quote starts after it
  let features = new Float64Array(1024);
  const labels: string[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      const line = info.lines;
      lastLine = line;
      if (nColumns < 0) {
        // Blanks around cells are allowed; trimming only the first row keeps csv-parse's fast path.
        const first = record.map((cell) => cell.trim());
        nColumns = first.length;
        if (nColumns < 2) throw new InputError(source, line, `needs at least 2 columns (features and a label), got ${nColumns}`);
        const hasHeader = detectHeader(first, options.label, options.header);
        header = hasHeader ? first : null;
        labelIndex = resolveLabelColumn(options.label, header, nColumns, source, line);
        if (hasHeader) continue;
      }
      if (record.length !== nColumns) {
        throw new InputError(source, line, `expected ${nColumns} columns, got ${record.length}`);
      }
      const d = nColumns - 1;
      if ((rows + 1) * d > features.length) {
        const grown = new Float64Array(features.length * 2);
        grown.set(features);
        features = grown;
      }
      let k = rows * d;
      for (let j = 0; j < nColumns; j++) {
        const raw = record[j];
        const cell = isNumberText(raw) ? raw : raw.trim();
        if (j === labelIndex) {
          if (cell === '') throw new InputError(source, line, `column ${columnLabel(header, j)} (the label) is empty`);
          labels.push(cell);
          continue;
        }
        if (!isNumberText(cell)) throw new InputError(source, line, `column ${columnLabel(header, j)} is not a number: '${cell}'`);
        features[k++] = Number(cell);
      }
      rows++;
      if ((rows & 1023) === 0) bar.update(info.bytes);
      lastBytes = info.bytes;
    }
    bar.update(lastBytes);
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error instanceof CsvError) {
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw new InputError(source, lastLine + 1, 'not valid CSV: a quoted field opened on or after this line is never closed');
      const line = (error as unknown as { lines?: number }).lines;
      throw new InputError(source, typeof line === 'number' ? line : null, `not valid CSV: ${error.message}`);
    }
    throw error;
  } finally {
    bar.stop();
    if (stream !== process.stdin) stream.destroy();
  }
  if (nColumns < 0) throw new InputError(source, null, 'the input is empty');
  if (rows === 0) throw new InputError(source, null, 'the input has a header but no data rows');

  const d = nColumns - 1;
  const X: Matrix = { data: features.slice(0, rows * d), rows, cols: d };
  const numeric = labels.every(isNumberText);
  if (!numeric) return { source, header, nColumns, labelIndex, X, y: labels, labelText: (l) => String(l) };
  // Numeric labels are written back with the spelling they were read with (`1.0` stays `1.0`).
  const spelling = new Map<number, string>();
  const y = labels.map((text) => {
    const value = Number(text);
    if (!spelling.has(value)) spelling.set(value, text);
    return value;
  });
  return { source, header, nColumns, labelIndex, X, y, labelText: (l) => spelling.get(Number(l)) ?? String(l) };
}
