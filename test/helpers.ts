import { readFileSync } from 'node:fs';

/** Loads a reference vector file copied from imbalanced-learn / scikit-learn (test/reference). */
export function loadReference<T = any>(name: string): { meta: any; cases: T[] } {
  const text = readFileSync(new URL(`./reference/${name}`, import.meta.url), 'utf8');
  return JSON.parse(text, (_k, v) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v));
}

/** |a - b| <= tol * max(1, |b|) elementwise; returns the first offending index or -1. */
export function firstMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): number {
  if (actual.length !== expected.length) return -2;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const b = expected[i];
    if (Number.isNaN(b) ? !Number.isNaN(a) : !(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)))) return i;
  }
  return -1;
}

/** Flattens nested rows into one array. */
export function flat(rows: readonly (readonly number[])[]): number[] {
  return rows.flat() as number[];
}
