/**
 * Turns a CSV file's text into a feature matrix and labels for the playground: a header row, one
 * label column (by name, or the last one), every other column numeric.
 */
import { parse } from 'csv-parse/browser/esm/sync';

/** Rows of features (row-major, float64) and their labels. */
export interface ParsedCsv {
  data: Float64Array;
  rows: number;
  cols: number;
  /** Numbers when every label reads as a finite number, strings otherwise. */
  y: number[] | string[];
  featureNames: string[];
  labelName: string;
}

/**
 * Parses `text` as CSV with a header. `labelColumn` names the label column ('' means the last).
 * Throws an Error naming the line and column of the first value that is not a number.
 */
export function parseCsv(text: string, labelColumn: string): ParsedCsv {
  const records = parse(text, { skip_empty_lines: true, trim: true }) as string[][];
  if (records.length < 2) throw new Error('The CSV file needs a header row and at least one data row.');
  const header = records[0];
  const labelIndex = labelColumn === '' ? header.length - 1 : header.indexOf(labelColumn);
  if (labelIndex < 0) {
    throw new Error(`The CSV file has no column '${labelColumn}'. Its columns: ${header.join(', ')}.`);
  }
  if (header.length < 2) throw new Error('The CSV file needs at least one feature column and a label column.');
  const featureIndex = header.map((_, j) => j).filter((j) => j !== labelIndex);
  const rows = records.length - 1;
  const cols = featureIndex.length;
  const data = new Float64Array(rows * cols);
  const labels: string[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const record = records[i + 1];
    if (record.length !== header.length) {
      throw new Error(`CSV line ${i + 2}: ${record.length} values, but the header has ${header.length} columns.`);
    }
    for (let k = 0; k < cols; k++) {
      const cell = record[featureIndex[k]];
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value)) {
        throw new Error(`CSV line ${i + 2}: column '${header[featureIndex[k]]}' is not a number: '${cell}'.`);
      }
      data[i * cols + k] = value;
    }
    labels[i] = record[labelIndex];
  }
  const numeric = labels.every((label) => label !== '' && Number.isFinite(Number(label)));
  return {
    data,
    rows,
    cols,
    y: numeric ? labels.map(Number) : labels,
    featureNames: featureIndex.map((j) => header[j]),
    labelName: header[labelIndex],
  };
}
