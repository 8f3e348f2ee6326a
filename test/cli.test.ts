// The `imbalanced-wasm` command-line tool, run as users run it: the built binary
// (`node dist/cli/main.js`, built by `npm run build:ts`) on the CSV fixtures of test/fixtures/cli.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { classCounts, makeClassification, RandomOverSampler, RandomUnderSampler, SMOTE } from '../src/index.js';
import { kebabToCamel, parseOptionValue, splitExtraArguments } from '../src/cli/optionValues.js';
import { firstMismatch } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'dist/cli/main.js');
const FIXTURES = join(root, 'test/fixtures/cli');
const fixture = (name: string) => join(FIXTURES, name);

interface Run { status: number | null; stdout: string; stderr: string }

/** Runs the built CLI; `input` goes to its stdin. */
function cli(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, cwd: root, maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scratch: string[] = [];
/** A fresh empty folder, removed after the suite. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'imbalanced-wasm-cli-'));
  scratch.push(dir);
  return dir;
}
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Parses CSV text into rows of strings. */
const csvRows = (text: string): string[][] => parse(text, { skip_empty_lines: true });

/** Reads a fixture the way the CLI should: header row, numeric features, last-column labels. */
function readFixture(name: string, labelColumn?: number): { header: string[]; X: number[][]; y: string[] } {
  const [header, ...rows] = csvRows(readFileSync(fixture(name), 'utf8'));
  const label = labelColumn ?? header.length - 1;
  return {
    header,
    X: rows.map((r) => r.filter((_, j) => j !== label).map(Number)),
    y: rows.map((r) => r[label]),
  };
}

it('the binary has been built (run `npm run build:ts` first)', () => {
  expect(existsSync(BIN)).toBe(true);
  expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
});

describe('help and version', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const r = cli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('--help lists every command', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const name of ['resample', 'evaluate', 'make-classification', 'plot']) expect(r.stdout).toContain(name);
  });

  const expectedFlags: Record<string, string[]> = {
    resample: ['--sampler', '--label', '--sampling-strategy', '--random-state', '--output', '--no-header', '--progress'],
    evaluate: ['--samplers', '--folds', '--repeats', '--random-state', '--json'],
    'make-classification': ['--n-samples', '--n-features', '--weights', '--random-state', '--output'],
    plot: ['--output', '--label', '--columns'],
  };
  for (const [command, flags] of Object.entries(expectedFlags)) {
    it(`${command} --help documents its options`, () => {
      const r = cli([command, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: imbalanced-wasm ${command}`);
      for (const flag of flags) expect(r.stdout).toContain(flag);
    });
  }

  it('an unknown command is a usage error (exit 2)', () => {
    const r = cli(['resampel']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'resampel'/);
  });
});

describe('option values', () => {
  it('parses numbers, booleans, null, JSON and strings', () => {
    expect(parseOptionValue('3')).toBe(3);
    expect(parseOptionValue('-0.5')).toBe(-0.5);
    expect(parseOptionValue('1e-3')).toBe(0.001);
    expect(parseOptionValue('true')).toBe(true);
    expect(parseOptionValue('false')).toBe(false);
    expect(parseOptionValue('null')).toBe(null);
    expect(parseOptionValue('{"0": 100}')).toEqual({ 0: 100 });
    expect(parseOptionValue('[1, 2]')).toEqual([1, 2]);
    expect(parseOptionValue('not majority')).toBe('not majority');
    expect(parseOptionValue('0x10')).toBe('0x10');
    expect(() => parseOptionValue('{bad json}')).toThrow(/not valid JSON/);
  });

  it('turns kebab-case flags into camelCase options and keeps positionals', () => {
    expect(kebabToCamel('n-neighbors-ver3')).toBe('nNeighborsVer3');
    expect(splitExtraArguments(['in.csv', '--k-neighbors', '3', '--kind-sel=mode', '--replacement', '--no-shuffle', '--shift', '-1.5'])).toEqual({
      positionals: ['in.csv'],
      options: { kNeighbors: 3, kindSel: 'mode', replacement: true, shuffle: false, shift: -1.5 },
    });
    expect(() => splitExtraArguments(['-x', '1'])).toThrow(/unknown option '-x'/);
  });
});

describe('resample', () => {
  it('RandomUnderSampler with --random-state gives the library call\'s rows and counts', () => {
    const r = cli(['resample', fixture('small.csv'), '--sampler', 'RandomUnderSampler', '--random-state', '0']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const [header, ...rows] = csvRows(r.stdout);
    expect(header).toEqual(['x0', 'x1', 'x2', 'y']);
    const { X, y } = readFixture('small.csv');
    const expected = new RandomUnderSampler({ randomState: 0 }).fitResample(X, y.map(Number));
    expect(rows.length).toBe(expected.X.rows);
    expect(classCounts(rows.map((row) => Number(row[3])))).toEqual(classCounts(expected.y));
    expect(rows.flatMap((row) => row.slice(0, 3).map(Number))).toEqual(Array.from(expected.X.data));
    expect(rows.map((row) => Number(row[3]))).toEqual(Array.from(expected.y as Int32Array));
  });

  it('passes sampler options in kebab-case (SMOTE --k-neighbors 3) and matches the library', () => {
    const r = cli(['resample', fixture('small.csv'), '--sampler', 'SMOTE', '--k-neighbors', '3', '--random-state', '42']);
    expect(r.status).toBe(0);
    const [, ...rows] = csvRows(r.stdout);
    const { X, y } = readFixture('small.csv');
    const expected = new SMOTE({ kNeighbors: 3, randomState: 42 }).fitResample(X, y.map(Number));
    expect(rows.length).toBe(expected.X.rows);
    expect(rows.flatMap((row) => row.slice(0, 3).map(Number))).toEqual(Array.from(expected.X.data));
  });

  it('accepts --sampling-strategy as a number and as JSON keyed by label', () => {
    const ratio = cli(['resample', fixture('small.csv'), '--sampler', 'RandomUnderSampler', '--sampling-strategy', '0.5', '--random-state', '1']);
    expect(ratio.status).toBe(0);
    const counts = classCounts(csvRows(ratio.stdout).slice(1).map((row) => row[3]));
    expect(counts.get('1')).toBe(8);
    expect(counts.get('0')).toBe(16);
    const json = cli(['resample', fixture('small.csv'), '--sampler', 'RandomUnderSampler', '--sampling-strategy', '{"0": 10}', '--random-state', '1']);
    expect(json.status).toBe(0);
    expect(classCounts(csvRows(json.stdout).slice(1).map((row) => row[3])).get('0')).toBe(10);
  });

  it('keeps string labels, the label column position and the header', () => {
    const r = cli(['resample', fixture('strings.csv'), '--sampler', 'RandomOverSampler', '--label', 'species', '--random-state', '0']);
    expect(r.status).toBe(0);
    const [header, ...rows] = csvRows(r.stdout);
    expect(header).toEqual(['length', 'species', 'weight']);
    const { X, y } = readFixture('strings.csv', 1);
    const expected = new RandomOverSampler({ randomState: 0 }).fitResample(X, y);
    expect(rows.map((row) => row[1])).toEqual(expected.y);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(['common', 'rare bird']));
    expect(rows.flatMap((row) => [Number(row[0]), Number(row[2])])).toEqual(Array.from(expected.X.data));
  });

  it('writes numeric labels back as they were spelt (1.0 stays 1.0)', () => {
    const r = cli(['resample', fixture('floatlabels.csv'), '--sampler', 'RandomOverSampler', '--random-state', '0']);
    expect(r.status).toBe(0);
    const labels = new Set(csvRows(r.stdout).slice(1).map((row) => row[2]));
    expect(labels).toEqual(new Set(['0.0', '1.0']));
  });

  it('reads a file without header (detected), with the label given by index', () => {
    const r = cli(['resample', fixture('noheader.csv'), '--sampler', 'RandomUnderSampler', '--label', '0', '--random-state', '3']);
    expect(r.status).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows.length).toBe(12); // 6 of each class, no header line
    expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(['2', '7']));
    expect(classCounts(rows.map((row) => row[0])).get('7')).toBe(6);
  });

  it('--no-header and --header override the detection', () => {
    // The first data row of small.csv is numeric: forcing a header there eats one row.
    const text = readFileSync(fixture('small.csv'), 'utf8').split('\n').slice(1).join('\n');
    const forced = cli(['resample', '--sampler', 'RandomOverSampler', '--header', '--random-state', '0'], text);
    expect(forced.status).toBe(0);
    expect(csvRows(forced.stdout)[0]).toEqual(text.split('\n')[0].split(','));
    const none = cli(['resample', fixture('small.csv'), '--sampler', 'RandomOverSampler', '--no-header']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/small\.csv:1: column 0 is not a number: 'x0'/);
  });

  it('reads stdin and writes stdout (- or nothing), the same as from a file', () => {
    const text = readFileSync(fixture('small.csv'), 'utf8');
    const fromFile = cli(['resample', fixture('small.csv'), '--sampler', 'RandomUnderSampler', '--random-state', '5']);
    const dash = cli(['resample', '-', '--sampler', 'RandomUnderSampler', '--random-state', '5', '-o', '-'], text);
    const nothing = cli(['resample', '--sampler', 'RandomUnderSampler', '--random-state', '5'], text);
    expect(fromFile.status).toBe(0);
    expect(dash.status).toBe(0);
    expect(nothing.status).toBe(0);
    expect(dash.stdout).toBe(fromFile.stdout);
    expect(nothing.stdout).toBe(fromFile.stdout);
  });

  it('writes -o FILE and leaves no temporary file', () => {
    const dir = tempDir();
    const out = join(dir, 'balanced.csv');
    const r = cli(['resample', fixture('small.csv'), '-o', out, '--sampler', 'RandomUnderSampler', '--random-state', '0']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['balanced.csv']);
    expect(csvRows(readFileSync(out, 'utf8')).length).toBe(1 + 16);
  });

  it('--progress draws on stderr only: stdout stays the same CSV', () => {
    const plain = cli(['resample', fixture('small.csv'), '--sampler', 'RandomUnderSampler', '--random-state', '0']);
    const withBar = cli(['resample', fixture('small.csv'), '--sampler', 'RandomUnderSampler', '--random-state', '0', '--progress']);
    expect(withBar.status).toBe(0);
    expect(withBar.stdout).toBe(plain.stdout);
    expect(withBar.stderr).toMatch(/reading/);
  });

  const seeded = ['RandomUnderSampler', 'RandomOverSampler', 'SMOTE', 'SMOTEENN', 'SMOTETomek'];
  for (const name of [...seeded, 'TomekLinks', 'EditedNearestNeighbours']) {
    it(`${name} from the command line returns what the library returns`, () => {
      const seed = seeded.includes(name) ? ['--random-state', '11'] : [];
      const r = cli(['resample', fixture('small.csv'), '--sampler', name, ...seed]);
      expect(r.status).toBe(0);
      const [, ...rows] = csvRows(r.stdout);
      const { X, y } = readFixture('small.csv');
      const Sampler = (lib as unknown as Record<string, new (o: object) => { fitResample(X: unknown, y: unknown): { X: lib.Matrix; y: ArrayLike<number> } }>)[name];
      const expected = new Sampler(seed.length ? { randomState: 11 } : {}).fitResample(X, y.map(Number));
      expect(rows.length).toBe(expected.X.rows);
      expect(rows.flatMap((row) => row.slice(0, 3).map(Number))).toEqual(Array.from(expected.X.data));
      expect(rows.map((row) => Number(row[3]))).toEqual(Array.from(expected.y));
    });
  }

  it('every sampler the library exports is accepted by name', () => {
    const names = Object.entries(lib)
      .filter(([name, v]) => typeof v === 'function' && typeof (v as { prototype?: { fitResample?: unknown } }).prototype?.fitResample === 'function'
        && !name.startsWith('Base') && name !== 'Pipeline' && name !== 'FunctionSampler')
      .map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['RandomUnderSampler', 'RandomOverSampler', 'SMOTE']));
    const r = cli(['resample', fixture('small.csv'), '--sampler', 'NoSuchSampler']);
    for (const name of names) expect(r.stderr).toContain(name);
  });
});

describe('bad input: non-zero exit, line and column named, no output file left', () => {
  const cases: { title: string; args: string[]; status: number; message: RegExp }[] = [
    { title: 'non-numeric feature', args: [fixture('bad-number.csv')], status: 1, message: /bad-number\.csv:17: column 'x2' is not a number: 'abc'/ },
    { title: 'ragged row', args: [fixture('bad-ragged.csv')], status: 1, message: /bad-ragged\.csv:9: expected 4 columns, got 3/ },
    { title: 'empty label', args: [fixture('bad-empty-label.csv')], status: 1, message: /bad-empty-label\.csv:6: column 'y' \(the label\) is empty/ },
    { title: 'no header: column by index', args: [fixture('bad-noheader-number.csv')], status: 1, message: /bad-noheader-number\.csv:4: column 1 is not a number: 'n\/a'/ },
    { title: 'unclosed quote', args: [fixture('bad-quote.csv')], status: 1, message: /bad-quote\.csv:5: not valid CSV/ },
    { title: 'empty file', args: [fixture('empty.csv')], status: 1, message: /empty\.csv: the input is empty/ },
    { title: 'header only', args: [fixture('header-only.csv')], status: 1, message: /header-only\.csv: the input has a header but no data rows/ },
    { title: 'one column', args: [fixture('one-column.csv')], status: 1, message: /one-column\.csv:1: needs at least 2 columns/ },
    { title: 'missing label column (name)', args: [fixture('small.csv'), '--label', 'target'], status: 1, message: /small\.csv:1: no label column 'target' \(columns: x0, x1, x2, y\)/ },
    { title: 'missing label column (index)', args: [fixture('small.csv'), '--label', '7'], status: 1, message: /small\.csv:1: no label column 7: the input has 4 columns/ },
    { title: 'missing input file', args: [join(FIXTURES, 'does-not-exist.csv')], status: 1, message: /does-not-exist\.csv: cannot read the file \(ENOENT\)/ },
    { title: 'unknown sampler', args: [fixture('small.csv'), '--sampler', 'SMOOTE'], status: 2, message: /unknown sampler 'SMOOTE'\. Valid samplers: .*RandomUnderSampler.*SMOTE/ },
    { title: 'unknown sampler option', args: [fixture('small.csv'), '--k-neighbourz', '3'], status: 2, message: /SMOTE has no option 'kNeighbourz'/ },
    { title: 'invalid sampler option value', args: [fixture('small.csv'), '--k-neighbors', '0'], status: 2, message: /'kNeighbors' parameter of SMOTE must be .*Got 0/ },
    { title: 'bad --random-state', args: [fixture('small.csv'), '--random-state', '-3'], status: 2, message: /--random-state' must be an integer/ },
    { title: 'bad JSON value', args: [fixture('small.csv'), '--sampling-strategy', '{0: 1}'], status: 2, message: /--sampling-strategy' is not valid JSON/ },
    { title: 'two inputs', args: [fixture('small.csv'), fixture('small.csv')], status: 2, message: /expected one input file, got 2/ },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const dir = tempDir();
      const out = join(dir, 'out.csv');
      const args = c.args.includes('--sampler') ? c.args : [...c.args, '--sampler', 'SMOTE'];
      const r = cli(['resample', ...args, '-o', out]);
      expect(r.status).toBe(c.status);
      expect(r.stderr).toMatch(c.message);
      expect(r.stdout).toBe('');
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('a failed run leaves an existing output file untouched', () => {
    const dir = tempDir();
    const out = join(dir, 'out.csv');
    writeFileSync(out, 'previous contents\n');
    const r = cli(['resample', fixture('bad-number.csv'), '--sampler', 'SMOTE', '-o', out]);
    expect(r.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('previous contents\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('bad input on stdin is named <stdin>', () => {
    const r = cli(['resample', '--sampler', 'SMOTE'], 'a,b,y\n1,2,0\n3,x,1\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/<stdin>:3: column 'b' is not a number: 'x'/);
  });
});

describe('make-classification', () => {
  it('writes the dataset of makeClassification with the same options', () => {
    const r = cli(['make-classification', '--n-samples', '300', '--n-features', '3', '--n-redundant', '0',
      '--n-clusters-per-class', '1', '--weights', '0.9', '--flip-y', '0', '--random-state', '1']);
    expect(r.status).toBe(0);
    const [header, ...rows] = csvRows(r.stdout);
    expect(header).toEqual(['x0', 'x1', 'x2', 'y']);
    const expected = makeClassification({ nSamples: 300, nFeatures: 3, nRedundant: 0, nClustersPerClass: 1, weights: [0.9], flipY: 0, randomState: 1 });
    expect(rows.flatMap((row) => row.slice(0, 3).map(Number))).toEqual(Array.from(expected.X.data));
    expect(rows.map((row) => Number(row[3]))).toEqual(Array.from(expected.y));
  });

  it('rejects bad values with exit 2', () => {
    const r = cli(['make-classification', '--n-samples', 'many']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--n-samples' must be an integer >= 1\. Got 'many'/);
    const lib = cli(['make-classification', '--n-features', '2', '--n-informative', '3']);
    expect(lib.status).toBe(2);
    expect(lib.stderr).toMatch(/makeClassification|n_informative|nInformative/);
  });
});

describe('evaluate', () => {
  it('--json gives every fold score, equal to the library\'s LogisticRegression / Pipeline(SMOTE) on the same folds', () => {
    const r = cli(['evaluate', fixture('small.csv'), '--samplers', 'none,RandomUnderSampler,SMOTE', '--folds', '4', '--repeats', '2', '--random-state', '7', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((row: { sampler: string }) => row.sampler)).toEqual(['none', 'RandomUnderSampler', 'SMOTE']);
    expect(out.positiveLabel).toBe(1);
    for (const row of out.results) {
      for (const key of ['f1', 'gmean', 'rocAuc']) {
        expect(row[key].scores.length).toBe(8);
        const mean = row[key].scores.reduce((s: number, v: number) => s + v, 0) / 8;
        expect(row[key].mean).toBeCloseTo(mean, 12);
      }
    }
    // The same scores computed through the library: same folds, same seeded sampler per fold.
    const fixtureData = readFixture('small.csv');
    const X = lib.toMatrix(fixtureData.X);
    const labels = Int32Array.from(fixtureData.y.map(Number));
    const folds = [...new lib.RepeatedStratifiedKFold({ nSplits: 4, nRepeats: 2, randomState: 7 }).split(X, labels)];
    const expected = (makeModel: () => { fit(X: unknown, y: unknown): unknown; predict(X: unknown): unknown; predictProba(X: unknown): lib.Matrix }) =>
      folds.map(({ train, test }) => {
        const model = makeModel();
        model.fit(lib.takeRows(X, train), Int32Array.from(train, (i) => labels[i]));
        const XTest = lib.takeRows(X, test);
        const yTest = Int32Array.from(test, (i) => labels[i]);
        const predicted = model.predict(XTest) as Int32Array;
        const proba = model.predictProba(XTest);
        return {
          f1: lib.f1Score(yTest, predicted, { posLabel: 1 }) as number,
          gmean: lib.geometricMeanScore(yTest, predicted) as number,
          rocAuc: lib.rocAucScore(yTest, Float64Array.from({ length: proba.rows }, (_, i) => proba.data[2 * i + 1])) as number,
        };
      });
    const none = expected(() => new lib.LogisticRegression());
    const smote = expected(() => new lib.Pipeline([['s', new SMOTE({ randomState: 7 })], ['m', new lib.LogisticRegression()]]));
    for (const key of ['f1', 'gmean', 'rocAuc'] as const) {
      expect(firstMismatch(out.results[0][key].scores, none.map((s) => s[key]), 1e-12)).toBe(-1);
      expect(firstMismatch(out.results[2][key].scores, smote.map((s) => s[key]), 1e-12)).toBe(-1);
    }
  });

  it('prints a table with mean ± std', () => {
    const r = cli(['evaluate', fixture('strings.csv'), '--label', 'species', '--samplers', 'none,RandomOverSampler', '--folds', '3', '--repeats', '1', '--random-state', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/sampler\s+F1\s+G-mean\s+ROC AUC/);
    expect(r.stdout).toMatch(/RandomOverSampler\s+\d\.\d{3} ± \d\.\d{3}/);
    expect(r.stdout).toContain("positive label rare bird");
  });

  it('scores multiclass data', () => {
    const r = cli(['evaluate', fixture('multiclass.csv'), '--samplers', 'none,SMOTE', '--folds', '3', '--repeats', '1', '--random-state', '2', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.classes).toBe(3);
    expect(out.results[1].rocAuc.mean).toBeGreaterThan(0.5);
  });

  it('rejects an unknown sampler before reading the input', () => {
    const r = cli(['evaluate', fixture('small.csv'), '--samplers', 'none,Smote2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown sampler 'Smote2'/);
  });
});

describe('make-classification -> resample -> plot', () => {
  it('runs as a pipeline of files', () => {
    const dir = tempDir();
    const data = join(dir, 'data.csv');
    const balanced = join(dir, 'balanced.csv');
    const svg = join(dir, 'balanced.svg');
    expect(cli(['make-classification', '-o', data, '--n-samples', '1000', '--n-features', '2', '--n-redundant', '0',
      '--n-clusters-per-class', '1', '--weights', '0.95', '--flip-y', '0', '--random-state', '1']).status).toBe(0);
    const resampled = cli(['resample', data, '-o', balanced, '--sampler', 'SMOTE', '--random-state', '1']);
    expect(resampled.status).toBe(0);
    const counts = classCounts(csvRows(readFileSync(balanced, 'utf8')).slice(1).map((row) => row[2]));
    expect(counts.get('0')).toBe(counts.get('1'));
    const plotted = cli(['plot', balanced, '-o', svg, '--columns', 'x0,x1']);
    expect(plotted.stderr).toBe('');
    expect(plotted.status).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg[\s>]/);
    expect(text.trimEnd().endsWith('</svg>')).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['balanced.csv', 'balanced.svg', 'data.csv']);
  });

  it('plot rejects the label column and unknown columns', () => {
    const label = cli(['plot', fixture('small.csv'), '--columns', 'x0,y']);
    expect(label.status).toBe(2);
    expect(label.stderr).toMatch(/column 'y' is the label column/);
    const unknown = cli(['plot', fixture('small.csv'), '--columns', 'x0,x9']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no column 'x9' to plot/);
  });
});
