/**
 * A small linear scale with "nice" ticks (steps of 1, 2 or 5 times a power of ten), enough
 * for the library's plots without a charting dependency.
 */

/** A tick: its value and the label printed for it. */
export interface Tick {
  value: number;
  label: string;
}

/** The step between about `count` nice ticks covering [start, stop]. */
export function tickStep(start: number, stop: number, count: number): number {
  const raw = Math.abs(stop - start) / Math.max(1, count);
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * 10 ** power;
}

/** Decimals needed to print multiples of `step` exactly. */
function decimalsFor(step: number): number {
  for (let d = 0; d < 15; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 15;
}

/**
 * Nice ticks covering [min, max]: multiples of a 1-2-5 step, labels printed without float noise.
 * @example niceTicks(0, 1, 5).map((t) => t.label) // ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']
 */
export function niceTicks(min: number, max: number, count = 5): Tick[] {
  if (!(max > min)) return [{ value: min, label: formatTick(min, 0) }];
  const step = tickStep(min, max, count);
  const decimals = decimalsFor(step);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: Tick[] = [];
  for (let i = first; i <= last; i++) {
    const value = i * step;
    ticks.push({ value, label: formatTick(value, decimals) });
  }
  return ticks;
}

function formatTick(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * Widens [min, max] to whole tick steps, and gives a flat or empty range some width, so the
 * data never touches the frame.
 */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.5;
    min -= pad;
    max += pad;
  }
  const step = tickStep(min, max, count);
  return [Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step];
}

/** Maps [d0, d1] linearly onto [r0, r1]. */
export function linearScale(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}
