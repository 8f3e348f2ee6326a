import { formatValue } from './errors.js';
import type { Label, Labels, LabelsLike } from './types.js';

/** Labels encoded as integer codes into `classes`, sorted as numpy's `np.unique` sorts them. */
export interface EncodedLabels {
  /** The distinct labels, sorted ascending (numbers numerically, strings by code point). */
  classes: Label[];
  /** `codes[i]` is the index in `classes` of label i. */
  codes: Int32Array;
  /** How labels are returned: `'int'` → Int32Array, `'float'` → Float64Array, `'string'` → string[]. */
  kind: 'int' | 'float' | 'string';
}

/** Options of `checkLabels`. */
export interface CheckLabelsOptions {
  name?: string;
  owner?: string;
  /** Required length (the number of rows of X). */
  length?: number;
  allowEmpty?: boolean;
}

/** Validates `y` and returns it as a plain array of labels plus the kind of its values. */
export function checkLabels(y: LabelsLike | unknown, opts: CheckLabelsOptions = {}): { values: Label[]; kind: EncodedLabels['kind'] } {
  const name = opts.name ?? 'y';
  const where = opts.owner ? ` of ${opts.owner}` : '';
  if (!(Array.isArray(y) || (ArrayBuffer.isView(y) && !(y instanceof DataView)))) {
    throw new TypeError(`The '${name}' parameter${where} must be an array of numbers or of strings. Got ${formatValue(y)}.`);
  }
  const arr = y as ArrayLike<unknown>;
  if (!opts.allowEmpty && arr.length === 0) throw new RangeError(`The '${name}' parameter${where} must not be empty. Got 0 labels.`);
  if (opts.length !== undefined && arr.length !== opts.length) {
    throw new RangeError(`X and '${name}'${where} must have the same length: X has ${opts.length} rows but ${name} has ${arr.length} labels.`);
  }
  const values = Array.from(arr) as Label[];
  let kind: EncodedLabels['kind'] = 'int';
  if (values.length > 0 && typeof values[0] === 'string') {
    kind = 'string';
    values.forEach((v, i) => {
      if (typeof v !== 'string') throw new TypeError(`The '${name}' parameter${where} mixes strings and other values: label ${i} is ${formatValue(v)}.`);
    });
  } else {
    values.forEach((v, i) => {
      if (typeof v !== 'number') throw new TypeError(`The '${name}' parameter${where} must hold numbers or strings: label ${i} is ${formatValue(v)}.`);
      if (!Number.isFinite(v)) throw new RangeError(`The '${name}' parameter${where} must hold finite labels: label ${i} is ${formatValue(v)}.`);
      if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) kind = 'float';
    });
  }
  return { values, kind };
}

/** Compares two labels the way numpy sorts them. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * `encodeLabels` for numeric labels in one pass without boxing them into an array (labels are
 * read on every fit, so this is on every sampler's path). Returns null when a label is not a
 * number, leaving the error to `checkLabels`.
 */
function encodeNumbers(arr: ArrayLike<unknown>, name: string, where: string): EncodedLabels | null {
  const n = arr.length;
  const codes = new Int32Array(n);
  const seen = new Map<number, number>();
  const firstSeen: number[] = [];
  let kind: EncodedLabels['kind'] = 'int';
  let last = NaN;
  let lastCode = -1;
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (typeof v !== 'number') return null;
    if (v === last) { codes[i] = lastCode; continue; } // runs of one class are common
    if (!Number.isFinite(v)) throw new RangeError(`The '${name}' parameter${where} must hold finite labels: label ${i} is ${formatValue(v)}.`);
    if (kind === 'int' && (!Number.isInteger(v) || v < -2147483648 || v > 2147483647)) kind = 'float';
    let code = seen.get(v);
    if (code === undefined) {
      code = firstSeen.length;
      seen.set(v, code);
      firstSeen.push(v);
    }
    codes[i] = code;
    last = v;
    lastCode = code;
  }
  const order = firstSeen.map((_, c) => c).sort((a, b) => firstSeen[a] - firstSeen[b]);
  const rank = new Int32Array(order.length);
  order.forEach((c, r) => { rank[c] = r; });
  for (let i = 0; i < n; i++) codes[i] = rank[codes[i]];
  return { classes: order.map((c) => firstSeen[c]), codes, kind };
}

/** Validates and encodes `y` (np.unique with return_inverse). */
export function encodeLabels(y: LabelsLike | unknown, opts: CheckLabelsOptions = {}): EncodedLabels {
  const isArrayLike = Array.isArray(y) || (ArrayBuffer.isView(y) && !(y instanceof DataView));
  const arr = y as ArrayLike<unknown>;
  const lengthOk = opts.length === undefined || (isArrayLike && arr.length === opts.length);
  if (isArrayLike && lengthOk && arr.length > 0 && typeof arr[0] === 'number') {
    const fast = encodeNumbers(arr, opts.name ?? 'y', opts.owner ? ` of ${opts.owner}` : '');
    if (fast) return fast;
  }
  const { values, kind } = checkLabels(y, opts);
  const classes = [...new Set(values)].sort(compareLabels);
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = index.get(values[i])!;
  return { classes, codes, kind };
}

/** Builds a label array of the given kind (the inverse of `encodeLabels`). */
export function makeLabels(values: ArrayLike<Label>, kind: EncodedLabels['kind']): Labels {
  if (kind === 'string') return Array.from(values as ArrayLike<string>);
  if (kind === 'int') return Int32Array.from(values as ArrayLike<number>);
  return Float64Array.from(values as ArrayLike<number>);
}

/** Labels for `codes` into `classes`, in the kind the user gave. */
export function decodeLabels(codes: ArrayLike<number>, classes: readonly Label[], kind: EncodedLabels['kind']): Labels {
  const values = new Array<Label>(codes.length);
  for (let i = 0; i < codes.length; i++) values[i] = classes[codes[i]];
  return makeLabels(values, kind);
}

/** Selects labels by row index, keeping their kind. */
export function takeLabels(y: Labels, indices: ArrayLike<number>): Labels {
  if (Array.isArray(y)) return Array.from(indices as ArrayLike<number>, (i) => y[i]);
  const out = new (y.constructor as Int32ArrayConstructor | Float64ArrayConstructor)(indices.length);
  for (let r = 0; r < indices.length; r++) out[r] = (y as Int32Array | Float64Array)[indices[r]];
  return out;
}

/**
 * Counts of each label, in order of first appearance (Python's `collections.Counter`).
 * @example classCounts([0, 0, 1]) // Map { 0 => 2, 1 => 1 }
 */
export function classCounts(y: LabelsLike): Map<Label, number> {
  const { values } = checkLabels(y, { owner: 'classCounts', allowEmpty: true });
  const counts = new Map<Label, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Formats counts as Python prints a Counter: `Counter({0: 9900, 1: 100})` (most common first). */
export function formatCounter(counts: Map<Label, number>): string {
  const entries = [...counts.entries()].map((e, i) => ({ e, i }));
  entries.sort((a, b) => b.e[1] - a.e[1] || a.i - b.i);
  const fmt = (l: Label) => (typeof l === 'string' ? `'${l}'` : String(l));
  return `Counter({${entries.map(({ e }) => `${fmt(e[0])}: ${e[1]}`).join(', ')}})`;
}
