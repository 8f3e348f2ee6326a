/**
 * Line plot of named (x, y) series as an SVG string, for ROC and precision-recall curves.
 */
import { checkKnownOptions, checkNumber, formatValue, paramTypeError } from '../core/errors.js';
import { drawFrame, drawLegend, escapeXml, legendWidthFor, num, PALETTE, svgOpen } from './svg.js';

const OWNER = 'linePlot';

/** One polyline: its name in the legend and its points. */
export interface LineSeries {
  /** Name shown in the legend. */
  name: string;
  /** x coordinates (non-finite points are skipped). */
  x: ArrayLike<number>;
  /** y coordinates, as many as x. */
  y: ArrayLike<number>;
  /** Colour (default from the palette). */
  color?: string;
  /** Draw dashed. */
  dashed?: boolean;
}

/** Options of `linePlot`. */
export interface LinePlotOptions {
  /** Title above the plot. */
  title?: string;
  /** Width in pixels (default 640). */
  width?: number;
  /** Height in pixels (default 480). */
  height?: number;
  /** Label of the x axis (default 'x'). */
  xLabel?: string;
  /** Label of the y axis (default 'y'). */
  yLabel?: string;
  /** Fixed axis ranges (default: nice bounds around the data). */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Draw the y = x chance line, as on ROC plots (default false). */
  diagonal?: boolean;
  /** Line width in pixels (default 2). */
  strokeWidth?: number;
}

const KNOWN = ['title', 'width', 'height', 'xLabel', 'yLabel', 'xDomain', 'yDomain', 'diagonal', 'strokeWidth'];

function checkDomain(name: string, d: unknown): [number, number] | undefined {
  if (d === undefined) return undefined;
  if (!Array.isArray(d) || d.length !== 2 || !d.every(Number.isFinite) || !(d[1] > d[0])) {
    throw new RangeError(`The '${name}' parameter of ${OWNER} must be [min, max] with min < max. Got ${formatValue(d)}.`);
  }
  return d as [number, number];
}

/**
 * Draws several named series as polylines with axes and a legend, and returns the SVG text.
 *
 * @example
 * const { fpr, tpr } = rocCurve(yTest, scores);
 * writeFileSync('roc.svg', linePlot([{ name: 'logistic', x: fpr, y: tpr }],
 *   { title: 'ROC', xLabel: 'False positive rate', yLabel: 'True positive rate', diagonal: true,
 *     xDomain: [0, 1], yDomain: [0, 1] }));
 */
export function linePlot(series: readonly LineSeries[], options: LinePlotOptions = {}): string {
  checkKnownOptions(OWNER, options, KNOWN);
  if (!Array.isArray(series)) throw paramTypeError(OWNER, 'series', 'an array of {name, x, y}', series);
  const width = checkNumber(OWNER, 'width', options.width ?? 640, { min: 100 });
  const height = checkNumber(OWNER, 'height', options.height ?? 480, { min: 100 });
  const strokeWidth = checkNumber(OWNER, 'strokeWidth', options.strokeWidth ?? 2, { min: 0, minExclusive: true });
  const xDomain = checkDomain('xDomain', options.xDomain);
  const yDomain = checkDomain('yDomain', options.yDomain);
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  series.forEach((s, i) => {
    if (!s || typeof s.name !== 'string') throw paramTypeError(OWNER, `series[${i}].name`, 'a string', s?.name);
    if (!s.x || !s.y || s.x.length !== s.y.length) {
      throw new RangeError(`Series '${s.name}' of ${OWNER} must have x and y of the same length. Got ${s.x?.length} and ${s.y?.length}.`);
    }
    for (let k = 0; k < s.x.length; k++) {
      // Infinite points (e.g. a threshold of +inf) cannot be drawn; they are skipped.
      if (Number.isFinite(s.x[k]) && Number.isFinite(s.y[k])) {
        x0 = Math.min(x0, s.x[k]); x1 = Math.max(x1, s.x[k]);
        y0 = Math.min(y0, s.y[k]); y1 = Math.max(y1, s.y[k]);
      }
    }
  });
  if (options.diagonal) {
    const lo = Math.min(x0, y0, 0);
    const hi = Math.max(x1, y1, 1);
    [x0, x1, y0, y1] = [Math.min(x0, lo), Math.max(x1, hi), Math.min(y0, lo), Math.max(y1, hi)];
  }
  const items = series.map((s, i) => ({ label: s.name, color: s.color ?? PALETTE[i % PALETTE.length] }));
  const legendWidth = legendWidthFor(items.map((l) => l.label));
  const frame = drawFrame([x0, x1], [y0, y1], {
    width, height, title: options.title, legendWidth, xLabel: options.xLabel ?? 'x', yLabel: options.yLabel ?? 'y', xDomain, yDomain,
  });
  const parts = [svgOpen(width, height, options.title), frame.svg];
  if (options.diagonal) {
    const a = Math.max(xDomain?.[0] ?? -Infinity, yDomain?.[0] ?? -Infinity, Math.min(x0, y0));
    const b = Math.min(xDomain?.[1] ?? Infinity, yDomain?.[1] ?? Infinity, Math.max(x1, y1));
    parts.push(`<line class="diagonal" x1="${num(frame.x(a))}" y1="${num(frame.y(a))}" x2="${num(frame.x(b))}" y2="${num(frame.y(b))}" stroke="#999999" stroke-dasharray="4 4"/>`);
  }
  series.forEach((s, i) => {
    const pts: string[] = [];
    for (let k = 0; k < s.x.length; k++) {
      if (Number.isFinite(s.x[k]) && Number.isFinite(s.y[k])) pts.push(`${num(frame.x(s.x[k]))},${num(frame.y(s.y[k]))}`);
    }
    const dash = s.dashed ? ' stroke-dasharray="6 3"' : '';
    parts.push(`<polyline class="series" data-name="${escapeXml(s.name)}" fill="none" stroke="${items[i].color}" stroke-width="${strokeWidth}"${dash} points="${pts.join(' ')}"/>`);
  });
  parts.push(drawLegend(width, options.title ? 36 : 16, legendWidth, items, 'line'), '</svg>\n');
  return parts.join('\n');
}
