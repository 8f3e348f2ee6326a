import { describe, expect, it } from 'vitest';
import { linePlot, makeClassification, niceDomain, niceTicks, scatterPlot, tickStep } from '../src/index.js';

/** Checks the SVG is well-formed XML-ish: balanced tags, quoted attributes, no stray '<' or '&'. */
function checkWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(svg))) {
    const between = svg.slice(last, m.index);
    expect(between).not.toMatch(/[<>]/);
    expect(between).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
    last = tag.lastIndex;
    const [, close, name, , selfClose] = m;
    if (close) expect(stack.pop()).toBe(name);
    else if (!selfClose) stack.push(name);
  }
  expect(svg.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
  expect(svg.trimStart().startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
}

const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;
const tickLabels = (svg: string, axis: 'x-axis' | 'y-axis') => {
  const part = svg.slice(svg.indexOf(`class="axis ${axis}"`));
  const g = part.slice(0, part.indexOf('</g>\n<g class="axis') > 0 ? part.indexOf('</g>\n<g class="axis') : part.indexOf('<g class="class"'));
  return [...g.matchAll(/<g class="tick">.*?<text[^>]*>([^<]*)<\/text><\/g>/g)].map((x) => x[1]);
};

describe('nice ticks', () => {
  it('steps are 1, 2 or 5 times a power of ten', () => {
    for (const [a, b, n] of [[0, 1, 5], [-3.7, 12.2, 5], [0.001, 0.0093, 4], [1e6, 7.3e6, 6], [-1, 1, 10]]) {
      const step = tickStep(a, b, n);
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-12);
      expect([1, 2, 5, 10].some((f) => Math.abs(mantissa - f) < 1e-9)).toBe(true);
      const ticks = niceTicks(a, b, n);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      for (const t of ticks) {
        expect(t.value).toBeGreaterThanOrEqual(a - 1e-9);
        expect(t.value).toBeLessThanOrEqual(b + 1e-9);
        expect(Number(t.label)).toBeCloseTo(t.value, 9);
        expect(t.label).not.toMatch(/0000001|9999999/);
      }
    }
  });
  it('labels as a person would write them', () => {
    expect(niceTicks(0, 1, 5).map((t) => t.label)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(niceTicks(-2.3, 2.9, 5).map((t) => t.label)).toEqual(['-2', '-1', '0', '1', '2']);
  });
  it('domains widen to whole steps and never collapse', () => {
    expect(niceDomain(-2.3, 2.9)).toEqual([-3, 3]);
    const [lo, hi] = niceDomain(4, 4);
    expect(lo).toBeLessThan(4);
    expect(hi).toBeGreaterThan(4);
  });
});

describe('scatterPlot', () => {
  const { X, y } = makeClassification({ nSamples: 300, nFeatures: 3, nRedundant: 0, nClustersPerClass: 1, nClasses: 3, nInformative: 3, weights: [0.8, 0.15], randomState: 2 });
  const counts = [0, 1, 2].map((c) => Array.from(y).filter((v) => v === c).length);

  it('is well-formed, one circle per point, one legend entry per class with counts', () => {
    const svg = scatterPlot(X, y, { title: 'Three <classes> & more', highlight: [0, 5, 7] });
    checkWellFormed(svg);
    expect(count(svg, /<circle class="point"/g)).toBe(300);
    expect(count(svg, /<circle class="ring"/g)).toBe(3);
    expect(count(svg, /<g class="legend-entry">/g)).toBe(3);
    for (let c = 0; c < 3; c++) expect(svg).toContain(`>${c} (${counts[c]})</text>`);
    expect(svg).toContain('Three &lt;classes&gt; &amp; more');
    // Points of each class sit in that class's group.
    for (let c = 0; c < 3; c++) {
      const group = svg.slice(svg.indexOf(`data-label="${c}"`));
      expect(count(group.slice(0, group.indexOf('</g>')), /<circle class="point"/g)).toBe(counts[c]);
    }
  });

  it('ticks cover the data and points fall inside the frame', () => {
    const svg = scatterPlot(X, y, { width: 500, height: 400 });
    const xt = tickLabels(svg, 'x-axis').map(Number);
    const yt = tickLabels(svg, 'y-axis').map(Number);
    expect(xt.length).toBeGreaterThanOrEqual(3);
    expect(yt.length).toBeGreaterThanOrEqual(3);
    let [minX, maxX] = [Infinity, -Infinity];
    for (let r = 0; r < X.rows; r++) { minX = Math.min(minX, X.data[r * 3]); maxX = Math.max(maxX, X.data[r * 3]); }
    expect(Math.min(...xt)).toBeLessThanOrEqual(minX);
    expect(Math.max(...xt)).toBeGreaterThanOrEqual(maxX);
    for (const m of svg.matchAll(/<circle class="point" cx="([^"]+)" cy="([^"]+)"/g)) {
      expect(Number(m[1])).toBeGreaterThanOrEqual(60);
      expect(Number(m[1])).toBeLessThanOrEqual(500);
      expect(Number(m[2])).toBeGreaterThanOrEqual(0);
      expect(Number(m[2])).toBeLessThanOrEqual(400 - 46);
    }
  });

  it('chooses columns, accepts string labels and rows of numbers', () => {
    const svg = scatterPlot([[0, 1, 2], [3, 4, 5], [6, 7, 9]], ['b', 'a', 'b'], { columns: [2, 0], pointRadius: 4, opacity: 0.5 });
    checkWellFormed(svg);
    expect(svg).toContain('>Feature 2</text>');
    expect(svg).toContain('>Feature 0</text>');
    expect(svg).toContain('>a (1)</text>');
    expect(svg).toContain('>b (2)</text>');
    expect(count(svg, /r="4"/g)).toBe(3);
  });

  it('rejects bad options', () => {
    expect(() => scatterPlot(X, y, { columns: [0, 3] })).toThrow(/columns\[1\]/);
    expect(() => scatterPlot(X, y, { highlight: [300] })).toThrow(/highlight/);
    expect(() => scatterPlot(X, y, { opacity: 2 })).toThrow(RangeError);
    expect(() => scatterPlot(X, y.subarray(1))).toThrow(/same length/);
  });
});

describe('linePlot', () => {
  it('draws one polyline per series with a legend and a chance line', () => {
    const svg = linePlot([
      { name: 'model A', x: [0, 0.1, 0.5, 1], y: [0, 0.6, 0.9, 1] },
      { name: 'model "B"', x: [0, 1], y: [0, 1], dashed: true },
    ], { title: 'ROC', xDomain: [0, 1], yDomain: [0, 1], diagonal: true, xLabel: 'FPR', yLabel: 'TPR' });
    checkWellFormed(svg);
    expect(count(svg, /<polyline class="series"/g)).toBe(2);
    expect(count(svg, /<g class="legend-entry">/g)).toBe(2);
    expect(svg).toContain('model &quot;B&quot;');
    expect(count(svg, /class="diagonal"/g)).toBe(1);
    expect(tickLabels(svg, 'x-axis')).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const pts = svg.match(/data-name="model A"[^>]*points="([^"]+)"/)![1].split(' ');
    expect(pts.length).toBe(4);
  });
  it('skips infinite points and checks lengths', () => {
    const svg = linePlot([{ name: 'pr', x: [Infinity, 0.5, 1], y: [1, 0.5, 0.2] }]);
    expect(svg.match(/points="([^"]+)"/)![1].split(' ').length).toBe(2);
    expect(() => linePlot([{ name: 'bad', x: [0, 1], y: [0] }])).toThrow(/same length/);
    expect(() => linePlot([], { xDomain: [1, 0] })).toThrow(/xDomain/);
  });
});
