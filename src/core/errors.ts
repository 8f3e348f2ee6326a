/** Formats a received value for an error message, as Python's repr would show it. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `a function ${value.name || '(anonymous)'}`;
  if (Array.isArray(value)) return value.length > 6 ? `an array of length ${value.length}` : `[${value.map(formatValue).join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  if (value instanceof Map) return `a Map of size ${value.size}`;
  if (typeof value === 'object') return value.constructor?.name && value.constructor.name !== 'Object' ? `a ${value.constructor.name}` : 'an object';
  return String(value);
}

/** `The 'name' parameter of Owner must be <rule>. Got <value>.` as a TypeError. */
export function paramTypeError(owner: string, name: string, rule: string, value: unknown): TypeError {
  return new TypeError(`The '${name}' parameter of ${owner} must be ${rule}. Got ${formatValue(value)}.`);
}

/** `The 'name' parameter of Owner must be <rule>. Got <value>.` as a RangeError. */
export function paramRangeError(owner: string, name: string, rule: string, value: unknown): RangeError {
  return new RangeError(`The '${name}' parameter of ${owner} must be ${rule}. Got ${formatValue(value)}.`);
}

/** Checks an integer option with optional bounds; returns it. */
export function checkInteger(owner: string, name: string, value: unknown, min = -Infinity, max = Infinity): number {
  const rule = min === -Infinity ? 'an integer' : max === Infinity ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
  if (typeof value !== 'number') throw paramTypeError(owner, name, rule, value);
  if (!Number.isInteger(value) || value < min || value > max) throw paramRangeError(owner, name, rule, value);
  return value;
}

/** Checks a finite number option, with an optional open/closed interval; returns it. */
export function checkNumber(
  owner: string, name: string, value: unknown,
  { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = {},
): number {
  const lo = min === -Infinity ? '' : `${minExclusive ? '>' : '>='} ${min}`;
  const hi = max === Infinity ? '' : `${maxExclusive ? '<' : '<='} ${max}`;
  const rule = `a finite number${lo || hi ? ' ' : ''}${[lo, hi].filter(Boolean).join(' and ')}`;
  if (typeof value !== 'number') throw paramTypeError(owner, name, rule, value);
  if (!Number.isFinite(value) || value < min || value > max || (minExclusive && value === min) || (maxExclusive && value === max)) {
    throw paramRangeError(owner, name, rule, value);
  }
  return value;
}

/** Checks a boolean option; returns it. */
export function checkBoolean(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw paramTypeError(owner, name, 'a boolean', value);
  return value;
}

/** Checks that an option is one of a fixed set of strings; returns it. */
export function checkOneOf<T extends string>(owner: string, name: string, value: unknown, allowed: readonly T[]): T {
  const rule = `one of ${allowed.map((a) => `'${a}'`).join(', ')}`;
  if (typeof value !== 'string') throw paramTypeError(owner, name, rule, value);
  if (!allowed.includes(value as T)) throw paramRangeError(owner, name, rule, value);
  return value as T;
}

/** Rejects option keys the constructor does not know, naming the closest valid set. */
export function checkKnownOptions(owner: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`The options of ${owner} must be an object. Got ${formatValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new RangeError(`${owner} has no option '${key}'. Valid options: ${known.join(', ')}.`);
    }
  }
}
