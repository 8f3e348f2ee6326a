/** String building helpers for the SVG plots: escaping, number printing, axes, legend. */
import { linearScale, niceDomain, niceTicks } from './scale.js';

/** Colour-blind-safe palette (Okabe & Ito), blue and orange first. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000'] as const;

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A coordinate with at most two decimals (keeps the SVG small). */
export function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** The drawing area inside the margins. */
export interface PlotBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Scales and axes of a 2-D plot. */
export interface Frame {
  x: (v: number) => number;
  y: (v: number) => number;
  svg: string;
}

/** Options shared by the plots' frames. */
export interface FrameOptions {
  width: number;
  height: number;
  title?: string;
  xLabel: string;
  yLabel: string;
  xDomain?: [number, number];
  yDomain?: [number, number];
  legendWidth: number;
}

/** The `<svg>` opening tag, title and background. */
export function svgOpen(width: number, height: number, title: string | undefined): string {
  const label = escapeXml(title ?? 'plot');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}" font-family="sans-serif" font-size="12">\n`
    + `<title>${label}</title>\n<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>\n`;
}

/** Builds nice scales for the data range and draws the frame, ticks, grid, axis labels and title. */
export function drawFrame(xs: [number, number], ys: [number, number], o: FrameOptions): Frame {
  const box: PlotBox = { left: 60, top: o.title ? 36 : 16, right: o.width - 16 - o.legendWidth, bottom: o.height - 46 };
  const xDomain = o.xDomain ?? niceDomain(xs[0], xs[1]);
  const yDomain = o.yDomain ?? niceDomain(ys[0], ys[1]);
  const x = linearScale(xDomain, [box.left, box.right]);
  const y = linearScale(yDomain, [box.bottom, box.top]);
  const parts: string[] = [];
  if (o.title) parts.push(`<text class="title" x="${num((box.left + box.right) / 2)}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(o.title)}</text>`);
  parts.push(`<g class="axis x-axis">`);
  for (const t of niceTicks(xDomain[0], xDomain[1])) {
    const px = num(x(t.value));
    parts.push(`<g class="tick"><line x1="${px}" y1="${box.top}" x2="${px}" y2="${box.bottom}" stroke="#e5e5e5"/>`
      + `<line x1="${px}" y1="${box.bottom}" x2="${px}" y2="${box.bottom + 5}" stroke="#333333"/>`
      + `<text x="${px}" y="${box.bottom + 18}" text-anchor="middle">${escapeXml(t.label)}</text></g>`);
  }
  parts.push(`<line class="domain" x1="${box.left}" y1="${box.bottom}" x2="${box.right}" y2="${box.bottom}" stroke="#333333"/>`);
  parts.push(`<text class="axis-label" x="${num((box.left + box.right) / 2)}" y="${o.height - 10}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  parts.push(`</g>`, `<g class="axis y-axis">`);
  for (const t of niceTicks(yDomain[0], yDomain[1])) {
    const py = num(y(t.value));
    parts.push(`<g class="tick"><line x1="${box.left}" y1="${py}" x2="${box.right}" y2="${py}" stroke="#e5e5e5"/>`
      + `<line x1="${box.left - 5}" y1="${py}" x2="${box.left}" y2="${py}" stroke="#333333"/>`
      + `<text x="${box.left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(t.label)}</text></g>`);
  }
  parts.push(`<line class="domain" x1="${box.left}" y1="${box.top}" x2="${box.left}" y2="${box.bottom}" stroke="#333333"/>`);
  const cy = num((box.top + box.bottom) / 2);
  parts.push(`<text class="axis-label" x="14" y="${cy}" text-anchor="middle" transform="rotate(-90 14 ${cy})">${escapeXml(o.yLabel)}</text>`);
  parts.push(`</g>`);
  return { x, y, svg: parts.join('\n') + '\n' };
}

/** A legend at the right edge: one entry per item, with a marker drawn by `marker`. */
export function drawLegend(width: number, top: number, legendWidth: number, items: { label: string; color: string }[], marker: 'dot' | 'line'): string {
  const x0 = width - legendWidth;
  const parts = [`<g class="legend">`];
  items.forEach((item, i) => {
    const yy = top + 8 + i * 20;
    const mark = marker === 'dot'
      ? `<circle cx="${x0 + 8}" cy="${yy}" r="5" fill="${item.color}"/>`
      : `<line x1="${x0}" y1="${yy}" x2="${x0 + 16}" y2="${yy}" stroke="${item.color}" stroke-width="2.5"/>`;
    parts.push(`<g class="legend-entry">${mark}<text x="${x0 + 22}" y="${yy}" dominant-baseline="middle">${escapeXml(item.label)}</text></g>`);
  });
  parts.push(`</g>`);
  return parts.join('\n') + '\n';
}

/** Width a legend needs for these labels (about 7 px per character). */
export function legendWidthFor(labels: string[]): number {
  return 34 + 7 * Math.max(4, ...labels.map((l) => l.length));
}
