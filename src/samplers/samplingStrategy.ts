/**
 * `samplingStrategy` arithmetic: imbalanced-learn 0.10's `check_sampling_strategy`, with its
 * results and its error messages (RangeError for Python's ValueError).
 *
 * Results are `Map`s from class to a number of samples, sorted by label:
 * - over-sampling: how many samples to ADD to the class;
 * - under-sampling: how many samples of the class to KEEP;
 * - clean-sampling: which classes to clean (the value is the minority count; only keys matter).
 */
import { compareLabels, decodeLabels, encodeLabels, type EncodedLabels } from '../core/labels.js';
import { formatValue } from '../core/errors.js';
import type { Label, Labels, LabelsLike } from '../core/types.js';

/** The kind of sampler a strategy is resolved for (imbalanced-learn's `_sampling_type`). */
export type SamplingType = 'over-sampling' | 'under-sampling' | 'clean-sampling' | 'ensemble' | 'bypass';

/** The named strategies. `'auto'` is `'not majority'` for over-samplers, `'not minority'` otherwise. */
export type SamplingStrategyName = 'auto' | 'minority' | 'majority' | 'not minority' | 'not majority' | 'all';

/**
 * Every form `samplingStrategy` takes: a ratio in (0, 1] (binary `y` only), a name, an object or
 * `Map` from label to a number of samples, a list of labels (cleaning samplers), or a function of
 * `y` returning such an object or `Map`.
 */
export type SamplingStrategy =
  | number
  | SamplingStrategyName
  | Map<Label, number>
  | Record<string, number>
  | readonly Label[]
  | ((y: Labels) => Map<Label, number> | Record<string, number>);

const SAMPLING_KIND = ['over-sampling', 'under-sampling', 'clean-sampling', 'ensemble', 'bypass'] as const;
const NAMES = ['minority', 'majority', 'not minority', 'not majority', 'all', 'auto'] as const;

/** Python's repr of a label (`0`, `'cat'`). */
export function pyLabel(label: Label): string {
  return typeof label === 'string' ? `'${label}'` : String(label);
}

/** Python's repr of a float (`0.0`, `1.5`, `1e-05`). */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  const abs = Math.abs(v);
  if (abs >= 1e16 || abs < 1e-4) {
    // Python writes at least two exponent digits: 1e-05, 1.5e+16.
    return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(v);
}

/** Python's repr of a set of labels (`{99}`, `{'cat', 'dog'}`). */
export function pySet(labels: readonly Label[]): string {
  return `{${labels.map(pyLabel).join(', ')}}`;
}

/** Class statistics of a target: what every strategy is computed from. */
export interface ClassStats {
  /** The distinct labels present, sorted as numpy sorts them. */
  classes: Label[];
  /** `counts[c]` = number of rows of `classes[c]` (all > 0). */
  counts: number[];
}

/** Index of the largest count; ties go to the smallest label (numpy-sorted dict order). */
function argMax(counts: readonly number[]): number {
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
  return best;
}
function argMin(counts: readonly number[]): number {
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] < counts[best]) best = c;
  return best;
}

/** Resolves a named strategy to a Map from class index to n. */
function fromName(name: SamplingStrategyName, stats: ClassStats, type: SamplingType): Map<number, number> {
  const { counts } = stats;
  const over = type === 'over-sampling';
  const nMaj = Math.max(...counts);
  const nMin = Math.min(...counts);
  const maj = argMax(counts);
  const min = argMin(counts);
  const target = (c: number) => (over ? nMaj - counts[c] : nMin);
  let keep: (c: number) => boolean;
  switch (name) {
    case 'all': keep = () => true; break;
    case 'majority':
      if (over) throw new RangeError("'sampling_strategy'='majority' cannot be used with over-sampler.");
      keep = (c) => c === maj; break;
    case 'minority':
      if (!over) throw new RangeError("'sampling_strategy'='minority' cannot be used with under-sampler and clean-sampler.");
      keep = (c) => c === min; break;
    case 'not majority': keep = (c) => c !== maj; break;
    case 'not minority': keep = (c) => c !== min; break;
    case 'auto': keep = over ? (c) => c !== maj : (c) => c !== min; break;
  }
  const out = new Map<number, number>();
  counts.forEach((_, c) => { if (keep(c)) out.set(c, target(c)); });
  return out;
}

/** Matches an option key (an object's string key or a Map key) to a label of `y`; index -1 when absent. */
export function matchLabel(key: Label, stats: ClassStats): { index: number; label: Label } {
  const numeric = stats.classes.length > 0 && typeof stats.classes[0] === 'number';
  let label: Label = key;
  if (numeric && typeof key === 'string' && key.trim() !== '' && Number.isFinite(Number(key))) label = Number(key);
  const index = stats.classes.findIndex((c) => c === label);
  return { index, label };
}

/** The entries of an object or Map option, keys as given. */
function entriesOf(option: Map<Label, number> | Record<string, number>, stats: ClassStats): [Label, unknown][] {
  if (option instanceof Map) return [...option.entries()];
  // JS lists integer-like keys first whatever the order written; sort by label for a stable order.
  const entries = Object.entries(option) as [Label, unknown][];
  return entries
    .map((e) => ({ e, l: matchLabel(e[0], stats).label }))
    .sort((a, b) => (typeof a.l === typeof b.l ? compareLabels(a.l, b.l) : typeof a.l === 'number' ? -1 : 1))
    .map(({ e }) => e);
}

/** Python's repr of the user's dict, for the negative-count message. */
function pyDict(entries: [Label, unknown][], stats: ClassStats): string {
  return `{${entries.map(([k, v]) => `${pyLabel(matchLabel(k, stats).label)}: ${typeof v === 'number' && !Number.isInteger(v) ? pyFloat(v) : String(v)}`).join(', ')}}`;
}

function fromDict(option: Map<Label, number> | Record<string, number>, stats: ClassStats, type: SamplingType): Map<number, number> {
  const entries = entriesOf(option, stats);
  const matched = entries.map(([k]) => matchLabel(k, stats));
  const missing = matched.filter((m) => m.index < 0).map((m) => m.label);
  if (missing.length > 0) throw new RangeError(`The ${pySet(missing)} target class is/are not present in the data.`);
  for (const [k, v] of entries) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new TypeError(`The number of samples of class ${pyLabel(matchLabel(k, stats).label)} in 'sampling_strategy' must be an integer. Got ${formatValue(v)}.`);
    }
  }
  if (entries.some(([, v]) => (v as number) < 0)) {
    throw new RangeError(`The number of samples in a class cannot be negative.'sampling_strategy' contains some negative value: ${pyDict(entries, stats)}`);
  }
  for (const [k, v] of entries) {
    if (!Number.isInteger(v)) throw new TypeError(`The number of samples of class ${pyLabel(matchLabel(k, stats).label)} in 'sampling_strategy' must be an integer. Got ${formatValue(v)}.`);
  }
  const out = new Map<number, number>();
  if (type === 'over-sampling') {
    entries.forEach(([, v], i) => {
      const c = matched[i].index;
      const n = v as number;
      if (n < stats.counts[c]) {
        throw new RangeError(
          'With over-sampling methods, the number of samples in a class should be greater or equal to the original number of samples.' +
          ` Originally, there is ${stats.counts[c]} samples and ${n} samples are asked.`,
        );
      }
      out.set(c, n - stats.counts[c]);
    });
  } else if (type === 'under-sampling') {
    entries.forEach(([, v], i) => {
      const c = matched[i].index;
      const n = v as number;
      if (n > stats.counts[c]) {
        throw new RangeError(
          'With under-sampling methods, the number of samples in a class should be less or equal to the original number of samples.' +
          ` Originally, there is ${stats.counts[c]} samples and ${n} samples are asked.`,
        );
      }
      out.set(c, n);
    });
  } else {
    throw new RangeError(
      "'sampling_strategy' as a dict for cleaning methods is not supported. Please give a list of the classes to be targeted by the sampling.",
    );
  }
  return out;
}

function fromList(list: readonly Label[], stats: ClassStats, type: SamplingType): Map<number, number> {
  if (type !== 'clean-sampling') throw new RangeError("'sampling_strategy' cannot be a list for samplers which are not cleaning methods.");
  const matched = list.map((k) => matchLabel(k, stats));
  const missing = matched.filter((m) => m.index < 0).map((m) => m.label);
  if (missing.length > 0) throw new RangeError(`The ${pySet(missing)} target class is/are not present in the data.`);
  const nMin = Math.min(...stats.counts);
  const out = new Map<number, number>();
  for (const m of matched) out.set(m.index, nMin);
  return out;
}

function fromRatio(ratio: number, stats: ClassStats, type: SamplingType): Map<number, number> {
  if (!(ratio > 0) || ratio > 1) {
    throw new RangeError(`When 'sampling_strategy' is a float, it should be in the range (0, 1]. Got ${pyFloat(ratio)} instead.`);
  }
  if (stats.classes.length !== 2) {
    throw new RangeError('"sampling_strategy" can be a float only when the type of target is binary. For multi-class, use a dict.');
  }
  const { counts } = stats;
  const out = new Map<number, number>();
  if (type === 'over-sampling') {
    const maj = argMax(counts);
    const nMaj = counts[maj];
    counts.forEach((n, c) => { if (c !== maj) out.set(c, Math.trunc(nMaj * ratio - n)); });
    if ([...out.values()].some((n) => n <= 0)) {
      throw new RangeError(
        'The specified ratio required to remove samples from the minority class while trying to generate new samples. Please increase the ratio.',
      );
    }
  } else if (type === 'under-sampling') {
    const min = argMin(counts);
    const nMin = counts[min];
    counts.forEach((_, c) => { if (c !== min) out.set(c, Math.trunc(nMin / ratio)); });
    if ([...out.entries()].some(([c, n]) => n > counts[c])) {
      throw new RangeError(
        'The specified ratio required to generate new sample in the majority class while trying to remove samples. Please increase the ratio.',
      );
    }
  } else {
    throw new RangeError("'clean-sampling' methods do let the user specify the sampling ratio.");
  }
  return out;
}

/** Sorts a class-index Map by index (= by label, since classes are sorted). */
function sortedByClass(map: Map<number, number>): Map<number, number> {
  return new Map([...map.entries()].sort((a, b) => a[0] - b[0]));
}

/** The `Received ...` phrase for a strategy of an unsupported type. */
const STRATEGY_RULE = "a number in (0, 1], one of 'auto', 'minority', 'majority', 'not minority', 'not majority', 'all', an object or Map from label to count, a list of labels or a function of y";

/**
 * Resolves `samplingStrategy` from class statistics, returning class INDICES (into
 * `stats.classes`) mapped to n, sorted. `y` is only needed (and decoded lazily) for a function
 * strategy. This is the engine behind `checkSamplingStrategy` and every sampler's `fitResample`.
 */
export function resolveSamplingStrategy(
  samplingStrategy: unknown,
  stats: ClassStats,
  samplingType: SamplingType,
  y: () => Labels,
  owner = 'checkSamplingStrategy',
): Map<number, number> {
  if (!(SAMPLING_KIND as readonly string[]).includes(samplingType)) {
    throw new RangeError(
      `'sampling_type' should be one of ('over-sampling', 'under-sampling', 'clean-sampling', 'ensemble', 'bypass'). Got '${String(samplingType)} instead.`,
    );
  }
  if (stats.classes.length <= 1) {
    throw new RangeError(`The target 'y' needs to have more than 1 class. Got ${stats.classes.length} class instead`);
  }
  if (samplingType === 'ensemble' || samplingType === 'bypass') return new Map();
  const s = samplingStrategy;
  if (typeof s === 'string') {
    if (!(NAMES as readonly string[]).includes(s)) {
      throw new RangeError(
        "When 'sampling_strategy' is a string, it needs to be one of {'minority': <function _sampling_strategy_minority at 0x…>, " +
        "'majority': <function _sampling_strategy_majority at 0x…>, 'not minority': <function _sampling_strategy_not_minority at 0x…>, " +
        "'not majority': <function _sampling_strategy_not_majority at 0x…>, 'all': <function _sampling_strategy_all at 0x…>, " +
        `'auto': <function _sampling_strategy_auto at 0x…>}. Got '${s}' instead.`,
      );
    }
    return sortedByClass(fromName(s as SamplingStrategyName, stats, samplingType));
  }
  if (s instanceof Map) return sortedByClass(fromDict(s, stats, samplingType));
  if (Array.isArray(s)) return sortedByClass(fromList(s, stats, samplingType));
  if (typeof s === 'number') return sortedByClass(fromRatio(s, stats, samplingType));
  if (typeof s === 'function') {
    const result = (s as (y: Labels) => unknown)(y());
    if (!(result instanceof Map) && (result === null || typeof result !== 'object' || Array.isArray(result))) {
      throw new TypeError(`The function given as 'samplingStrategy' of ${owner} must return an object or a Map from label to count. Got ${formatValue(result)}.`);
    }
    return sortedByClass(fromDict(result as Record<string, number>, stats, samplingType));
  }
  if (s !== null && typeof s === 'object' && !ArrayBuffer.isView(s)) return sortedByClass(fromDict(s as Record<string, number>, stats, samplingType));
  throw new TypeError(`The 'samplingStrategy' parameter of ${owner} must be ${STRATEGY_RULE}. Got ${formatValue(s)}.`);
}

/** Class statistics of encoded labels (classes with no row are left out, as np.unique would). */
export function classStats(encoded: Pick<EncodedLabels, 'classes' | 'codes'>, countsByCode?: ArrayLike<number>): ClassStats & { index: number[] } {
  let counts: ArrayLike<number> | number[] | undefined = countsByCode;
  if (!counts) {
    const c = new Array<number>(encoded.classes.length).fill(0);
    for (let i = 0; i < encoded.codes.length; i++) c[encoded.codes[i]]++;
    counts = c;
  }
  const byCode = counts;
  const index: number[] = [];
  for (let c = 0; c < byCode.length; c++) if (byCode[c] > 0) index.push(c);
  return { classes: index.map((c) => encoded.classes[c]), counts: index.map((c) => byCode[c]), index };
}

/**
 * imbalanced-learn's `check_sampling_strategy`: validates `samplingStrategy` for `y` and returns
 * a `Map` from label to a number of samples, sorted by label. For over-sampling the number is how
 * many samples to add, for under-sampling how many to keep; cleaning samplers only use the keys.
 * Errors keep imbalanced-learn's wording (RangeError for its ValueError).
 *
 * @example
 * checkSamplingStrategy(0.5, [0, 0, 0, 0, 1], 'over-sampling'); // Map { 1 => 1 }
 * checkSamplingStrategy('auto', [0, 0, 0, 1], 'under-sampling'); // Map { 0 => 1 }
 */
export function checkSamplingStrategy(
  samplingStrategy: SamplingStrategy,
  y: LabelsLike,
  samplingType: SamplingType,
): Map<Label, number> {
  const encoded = encodeLabels(y, { owner: 'checkSamplingStrategy', allowEmpty: true });
  const stats = classStats(encoded);
  const byIndex = resolveSamplingStrategy(samplingStrategy, stats, samplingType, () => decodeLabels(encoded.codes, encoded.classes, encoded.kind), 'checkSamplingStrategy');
  const out = new Map<Label, number>();
  for (const [c, n] of byIndex) out.set(stats.classes[c], n);
  return out;
}
