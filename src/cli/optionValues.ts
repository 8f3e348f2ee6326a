/**
 * Turns the free `--<option> VALUE` pairs of a command line into a sampler's options object:
 * kebab-case names become camelCase, values become numbers, booleans, null, JSON or strings.
 */
import { UsageError } from './errors.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Is `text` a plain decimal number (no hex, no blanks, no `Infinity`)? */
export function isNumberText(text: string): boolean {
  return NUMBER.test(text);
}

/**
 * Parses one option value the way a shell user means it: `3` → 3, `true`/`false` → boolean,
 * `null` → null, `{...}`/`[...]`/`"..."` → JSON, anything else stays a string.
 * @example parseOptionValue('{"0": 100}') // { '0': 100 }
 */
export function parseOptionValue(text: string, optionName = 'option'): unknown {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed === 'null') return null;
  if (isNumberText(trimmed)) return Number(trimmed);
  if (/^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch (error) {
      throw new UsageError(`option '--${optionName}' is not valid JSON: ${JSON.stringify(text)} (${(error as Error).message})`);
    }
  }
  return text;
}

/** `k-neighbors` → `kNeighbors`; `n-neighbors-ver3` → `nNeighborsVer3`. */
export function kebabToCamel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `kNeighbors` → `k-neighbors`. */
export function camelToKebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** What is left of a command line once commander has taken the options it knows. */
export interface ExtraArguments {
  /** Positional arguments, in order. */
  positionals: string[];
  /** `--name VALUE` pairs, camelCased and parsed. */
  options: Record<string, unknown>;
}

/**
 * Splits the arguments commander did not recognise into positionals and `--name VALUE` pairs.
 * `--name=VALUE` works too; a `--name` followed by another option or nothing is `true`, and
 * `--no-name` is `false`. A single-dash option is rejected (samplers have only long options).
 */
export function splitExtraArguments(args: readonly string[]): ExtraArguments {
  const positionals: string[] = [];
  const options: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const kebab = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (!/^[a-z][a-z0-9-]*$/i.test(kebab)) throw new UsageError(`unknown option '${arg}'`);
      let value: unknown;
      if (eq >= 0) value = parseOptionValue(arg.slice(eq + 1), kebab);
      else if (i + 1 < args.length && !isOptionLike(args[i + 1])) value = parseOptionValue(args[++i], kebab);
      else if (kebab.startsWith('no-')) {
        options[kebabToCamel(kebab.slice(3))] = false;
        continue;
      } else value = true;
      options[kebabToCamel(kebab)] = value;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !isNumberText(arg)) throw new UsageError(`unknown option '${arg}'`);
    positionals.push(arg);
  }
  return { positionals, options };
}

function isOptionLike(arg: string): boolean {
  return arg.startsWith('-') && arg.length > 1 && !isNumberText(arg);
}

/**
 * Checks a `--random-state` value: an integer seed in [0, 2^32 - 1], as numpy accepts.
 * @example parseSeed('42') // 42
 */
export function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > 2 ** 32 - 1) {
    throw new UsageError(`option '--random-state' must be an integer in [0, 4294967295]. Got '${text}'.`);
  }
  return n;
}

/**
 * Checks an integer option of the CLI itself (folds, repeats, sample counts).
 * @example parseIntegerOption('--folds', '5', 2) // 5
 */
export function parseIntegerOption(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`option '${flag}' must be an integer >= ${min}. Got '${text}'.`);
  }
  return n;
}
