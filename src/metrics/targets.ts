/**
 * Input checks shared by every metric, with scikit-learn's rules and messages:
 * `_check_targets` (binary / multiclass), `check_consistent_length`, `_check_sample_weight`,
 * and the label sets (`unique_labels`, `labels` + the present labels not listed).
 */
import { checkLabels, compareLabels } from '../core/labels.js';
import { formatValue } from '../core/errors.js';
import type { Label, LabelsLike } from '../core/types.js';

/** scikit-learn's kind of a target: two labels or fewer, more, or non-integer numbers. */
export type TargetType = 'binary' | 'multiclass' | 'continuous';

/** Two label arrays encoded into their common sorted label set. */
export interface Targets {
  /** 'binary' (two labels or fewer in the union) or 'multiclass'. */
  type: 'binary' | 'multiclass';
  /** Sorted union of the labels of both arrays (`unique_labels`). */
  classes: Label[];
  /** Index in `classes` of each true and predicted label. */
  trueCodes: Int32Array;
  predCodes: Int32Array;
  /** Number of samples. */
  n: number;
  kind: 'int' | 'float' | 'string';
}

/** One label array encoded into its sorted distinct labels. */
export interface EncodedTarget {
  classes: Label[];
  codes: Int32Array;
  kind: 'int' | 'float' | 'string';
  /** Some label is a number with a fractional part (scikit-learn's 'continuous'). */
  continuous: boolean;
}

const TABLE_RANGE = 1 << 20;

/**
 * Validates and encodes one label array (np.unique with return_inverse). Integer labels in a
 * range below 2^20 are encoded through a lookup table, in one pass over the data, so that metrics
 * on millions of labels spend their time in the WebAssembly kernels; anything else goes through
 * the generic path, which also produces the error messages.
 */
export function encodeTarget(y: LabelsLike | unknown, name: string, owner: string): EncodedTarget {
  const numericInput = (ArrayBuffer.isView(y) && !(y instanceof DataView)) || (Array.isArray(y) && (y.length === 0 || typeof y[0] === 'number'));
  if (numericInput) {
    const arr = y as ArrayLike<unknown>;
    const n = arr.length;
    let ok = n > 0;
    let min = Infinity, max = -Infinity, allInt = true;
    for (let i = 0; i < n && ok; i++) {
      const v = arr[i] as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) ok = false;
      else {
        if (v < min) min = v;
        if (v > max) max = v;
        if (allInt && !Number.isInteger(v)) allInt = false;
      }
    }
    if (ok && allInt && max - min < TABLE_RANGE) {
      const table = new Int32Array(max - min + 1).fill(-1);
      for (let i = 0; i < n; i++) table[(arr[i] as number) - min] = 0;
      const classes: number[] = [];
      for (let v = 0; v < table.length; v++) if (table[v] === 0) { table[v] = classes.length; classes.push(v + min); }
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = table[(arr[i] as number) - min];
      const kind = min >= -2147483648 && max <= 2147483647 ? 'int' : 'float';
      return { classes, codes, kind, continuous: false };
    }
  }
  const { values, kind } = labelValues(y, name, owner);
  const classes = uniqueSorted(values);
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const codes = Int32Array.from(values, (v) => index.get(v)!);
  const continuous = kind === 'float' && values.some((v) => !Number.isInteger(v));
  return { classes, codes, kind, continuous };
}

/** Label of each code. */
export function decodeValues(codes: Int32Array, classes: readonly Label[]): Label[] {
  return Array.from(codes, (c) => classes[c]);
}

/** Codes into `from` re-expressed as codes into `to` (-1 for a label `to` does not list). */
export function remapCodes(codes: Int32Array, from: readonly Label[], to: readonly Label[]): Int32Array {
  const index = new Map<Label, number>(to.map((l, i) => [l, i]));
  const map = Int32Array.from(from, (l) => index.get(l) ?? -1);
  let identity = from.length === to.length;
  for (let c = 0; c < map.length && identity; c++) identity = map[c] === c;
  if (identity) return codes;
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = map[codes[i]];
  return out;
}

/** Python's repr of a label (`0`, `1.5`, `'cat'`). */
export function labelRepr(label: Label): string {
  return typeof label === 'string' ? `'${label}'` : String(label);
}

/** Python's repr of a list of labels (`[0, 1]`, `['a', 'b']`). */
export function labelListRepr(labels: readonly Label[]): string {
  return `[${labels.map(labelRepr).join(', ')}]`;
}

/** The type of one label array, as scikit-learn's `type_of_target` names it. */
export function typeOfTarget(values: readonly Label[]): TargetType {
  if (values.some((v) => typeof v === 'number' && !Number.isInteger(v))) return 'continuous';
  return new Set(values).size <= 2 ? 'binary' : 'multiclass';
}

/** Sorted distinct labels (np.unique). */
export function uniqueSorted(values: readonly Label[]): Label[] {
  return [...new Set(values)].sort(compareLabels);
}

/** `check_consistent_length`: every array has the same number of samples. */
export function checkConsistentLength(...lengths: number[]): void {
  if (new Set(lengths).size > 1) {
    throw new RangeError(`Found input variables with inconsistent numbers of samples: [${lengths.join(', ')}]`);
  }
}

/** Validates one label array of a metric. */
export function labelValues(y: LabelsLike | unknown, name: string, owner: string): { values: Label[]; kind: Targets['kind'] } {
  return checkLabels(y, { name, owner, allowEmpty: true });
}

/**
 * scikit-learn's `_check_targets` for binary and multiclass targets: validates both arrays,
 * checks their lengths and types, and encodes them into their sorted common labels.
 */
export function checkTargets(yTrue: LabelsLike | unknown, yPred: LabelsLike | unknown, owner: string): Targets {
  const t = encodeTarget(yTrue, 'yTrue', owner);
  const p = encodeTarget(yPred, 'yPred', owner);
  checkConsistentLength(t.codes.length, p.codes.length);
  if (t.codes.length > 0 && p.codes.length > 0 && (t.kind === 'string') !== (p.kind === 'string')) {
    throw new TypeError(`Mix of label input types (string and number)`);
  }
  const typeOf = (e: EncodedTarget): TargetType => (e.continuous ? 'continuous' : e.classes.length <= 2 ? 'binary' : 'multiclass');
  const typeTrue = typeOf(t);
  const typePred = typeOf(p);
  if (typeTrue === 'continuous' || typePred === 'continuous') {
    if (typeTrue === typePred) throw new RangeError('continuous is not supported');
    throw new RangeError(`Classification metrics can't handle a mix of ${typeTrue} and ${typePred} targets`);
  }
  const classes = uniqueSorted([...t.classes, ...p.classes]);
  const kind = t.kind === 'float' || p.kind === 'float' ? 'float' : t.kind === 'string' || p.kind === 'string' ? 'string' : 'int';
  return {
    type: classes.length <= 2 ? 'binary' : 'multiclass',
    classes,
    trueCodes: remapCodes(t.codes, t.classes, classes),
    predCodes: remapCodes(p.codes, p.classes, classes),
    n: t.codes.length,
    kind,
  };
}

/** Validates `sampleWeight` (finite numbers, one per sample); null when absent. */
export function checkSampleWeight(sampleWeight: unknown, n: number, owner: string): Float64Array | null {
  if (sampleWeight === undefined || sampleWeight === null) return null;
  if (!(Array.isArray(sampleWeight) || (ArrayBuffer.isView(sampleWeight) && !(sampleWeight instanceof DataView)))) {
    throw new TypeError(`The 'sampleWeight' parameter of ${owner} must be an array of numbers or null. Got ${formatValue(sampleWeight)}.`);
  }
  const w = Float64Array.from(sampleWeight as ArrayLike<number>);
  for (let i = 0; i < w.length; i++) {
    if (typeof (sampleWeight as ArrayLike<unknown>)[i] !== 'number') {
      throw new TypeError(`The 'sampleWeight' parameter of ${owner} must hold numbers: entry ${i} is ${formatValue((sampleWeight as ArrayLike<unknown>)[i])}.`);
    }
    if (!Number.isFinite(w[i])) throw new RangeError(`Input contains NaN, infinity or a value too large for dtype('float64'): the 'sampleWeight' parameter of ${owner} has ${formatValue(w[i])} at entry ${i}.`);
  }
  checkConsistentLength(n, w.length);
  return w;
}

/** Validates a `labels` option (an array of labels), or returns undefined when absent. */
export function checkLabelList(labels: unknown, owner: string): Label[] | undefined {
  if (labels === undefined || labels === null) return undefined;
  if (!(Array.isArray(labels) || (ArrayBuffer.isView(labels) && !(labels instanceof DataView)))) {
    throw new TypeError(`The 'labels' parameter of ${owner} must be an array of labels or null. Got ${formatValue(labels)}.`);
  }
  const out = Array.from(labels as ArrayLike<unknown>);
  out.forEach((l, i) => {
    if (typeof l !== 'number' && typeof l !== 'string') {
      throw new TypeError(`The 'labels' parameter of ${owner} must hold numbers or strings: entry ${i} is ${formatValue(l)}.`);
    }
  });
  return out as Label[];
}

/**
 * The labels to score and the extra present labels, as imbalanced-learn and scikit-learn build
 * them: the given `labels` first, then the present labels they do not list (`np.setdiff1d`).
 * `nSelected` is how many of them are reported.
 */
export function extendedLabels(targets: Targets, labels: Label[] | undefined): { all: Label[]; nSelected: number } {
  if (labels === undefined) return { all: targets.classes.slice(), nSelected: targets.classes.length };
  const given = new Set(labels);
  return { all: [...labels, ...targets.classes.filter((c) => !given.has(c))], nSelected: labels.length };
}
