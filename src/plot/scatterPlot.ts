/**
 * A scatter plot of two features coloured by class, as an SVG string: the picture of lesson 2
 * of the mini-course. Pure string building, so it works in Node and in the browser.
 */
import { checkInteger, checkKnownOptions, checkNumber, formatValue, paramTypeError } from '../core/errors.js';
import { encodeLabels } from '../core/labels.js';
import { toMatrix } from '../core/matrix.js';
import type { LabelsLike, MatrixLike } from '../core/types.js';
import { drawFrame, drawLegend, escapeXml, legendWidthFor, num, PALETTE, svgOpen } from './svg.js';

const OWNER = 'scatterPlot';

/** Options of `scatterPlot`. */
export interface ScatterPlotOptions {
  /** The two features to plot, as column indices (default `[0, 1]`). */
  columns?: [number, number];
  /** Title above the plot. */
  title?: string;
  /** Width in pixels (default 640). */
  width?: number;
  /** Height in pixels (default 480). */
  height?: number;
  /** Radius of each point in pixels (default 3). */
  pointRadius?: number;
  /** Fill opacity of the points, in [0, 1] (default 0.7). */
  opacity?: number;
  /** Rows drawn with a ring around them (e.g. the synthetic rows of an over-sampler). */
  highlight?: ArrayLike<number>;
  /** Label of the x axis (default `Feature i`). */
  xLabel?: string;
  /** Label of the y axis (default `Feature j`). */
  yLabel?: string;
  /** Colours per class, in sorted-label order (default: a colour-blind-safe palette). */
  colors?: readonly string[];
}

const KNOWN = ['columns', 'title', 'width', 'height', 'pointRadius', 'opacity', 'highlight', 'xLabel', 'yLabel', 'colors'];

/**
 * Draws rows of `X` as points coloured by their class in `y` and returns the SVG text. The
 * legend lists every class with its count; larger classes are drawn first so a minority class
 * stays visible on top.
 *
 * @example
 * const { X, y } = makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0,
 *   nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1 });
 * writeFileSync('lesson02.svg', scatterPlot(X, y, { title: '99% vs 1%' }));
 */
export function scatterPlot(X: MatrixLike, y: LabelsLike, options: ScatterPlotOptions = {}): string {
  checkKnownOptions(OWNER, options, KNOWN);
  const Xm = toMatrix(X, { owner: OWNER, allowEmpty: true });
  const { classes, codes } = encodeLabels(y, { owner: OWNER, length: Xm.rows, allowEmpty: true });
  const columns = options.columns ?? [0, 1];
  if (!Array.isArray(columns) || columns.length !== 2) throw paramTypeError(OWNER, 'columns', 'a pair of column indices', columns);
  const maxCol = Math.max(0, Xm.cols - 1);
  const [cx, cy] = columns.map((c, i) => checkInteger(OWNER, `columns[${i}]`, c, 0, maxCol));
  if (Xm.cols === 0 && Xm.rows > 0) throw new RangeError(`The 'X' parameter of ${OWNER} must have at least one column.`);
  const width = checkNumber(OWNER, 'width', options.width ?? 640, { min: 100 });
  const height = checkNumber(OWNER, 'height', options.height ?? 480, { min: 100 });
  const radius = checkNumber(OWNER, 'pointRadius', options.pointRadius ?? 3, { min: 0, minExclusive: true });
  const opacity = checkNumber(OWNER, 'opacity', options.opacity ?? 0.7, { min: 0, max: 1 });
  const colors = options.colors ?? PALETTE;
  if (!Array.isArray(colors) || colors.length === 0 || colors.some((c) => typeof c !== 'string')) {
    throw paramTypeError(OWNER, 'colors', 'a non-empty array of colour strings', colors);
  }
  const highlight = new Set<number>();
  if (options.highlight !== undefined) {
    const h = options.highlight;
    if (!(Array.isArray(h) || ArrayBuffer.isView(h))) throw paramTypeError(OWNER, 'highlight', 'an array of row indices', h);
    Array.from(h as ArrayLike<number>).forEach((r, i) => {
      if (!Number.isInteger(r) || r < 0 || r >= Xm.rows) {
        throw new RangeError(`The 'highlight' parameter of ${OWNER} must hold row indices in [0, ${Xm.rows - 1}]: highlight[${i}] is ${formatValue(r)}.`);
      }
      highlight.add(r);
    });
  }

  const counts = new Array<number>(classes.length).fill(0);
  for (const c of codes) counts[c]++;
  const colorOf = (c: number) => colors[c % colors.length];
  const xsOf = (r: number) => Xm.data[r * Xm.cols + cx];
  const ysOf = (r: number) => Xm.data[r * Xm.cols + cy];
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let r = 0; r < Xm.rows; r++) {
    x0 = Math.min(x0, xsOf(r)); x1 = Math.max(x1, xsOf(r));
    y0 = Math.min(y0, ysOf(r)); y1 = Math.max(y1, ysOf(r));
  }
  const legendItems = classes.map((c, i) => ({ label: `${String(c)} (${counts[i]})`, color: colorOf(i) }));
  const legendWidth = legendWidthFor(legendItems.map((l) => l.label));
  const frame = drawFrame([x0, x1], [y0, y1], {
    width, height, title: options.title, legendWidth,
    xLabel: options.xLabel ?? `Feature ${cx}`, yLabel: options.yLabel ?? `Feature ${cy}`,
  });

  const parts = [svgOpen(width, height, options.title), frame.svg];
  // Larger classes first, so the minority is drawn on top.
  const order = classes.map((_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
  for (const c of order) {
    parts.push(`<g class="class" data-label="${escapeXml(String(classes[c]))}" fill="${colorOf(c)}" fill-opacity="${opacity}">`);
    const pts: string[] = [];
    for (let r = 0; r < Xm.rows; r++) {
      if (codes[r] === c) pts.push(`<circle class="point" cx="${num(frame.x(xsOf(r)))}" cy="${num(frame.y(ysOf(r)))}" r="${radius}"/>`);
    }
    parts.push(pts.join('\n'), `</g>`);
  }
  if (highlight.size > 0) {
    parts.push(`<g class="highlight" fill="none" stroke="#1d2433" stroke-opacity="0.45" stroke-width="0.8">`);
    for (const r of [...highlight].sort((a, b) => a - b)) {
      parts.push(`<circle class="ring" cx="${num(frame.x(xsOf(r)))}" cy="${num(frame.y(ysOf(r)))}" r="${num(radius + 2.5)}"/>`);
    }
    parts.push(`</g>`);
  }
  parts.push(drawLegend(width, options.title ? 36 : 16, legendWidth, legendItems, 'dot'), '</svg>\n');
  return parts.join('\n');
}
