/** A section of an HTML report: a heading and already-built HTML (tables, inline SVG, text). */
export interface ReportSection {
  heading: string;
  html: string;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * An HTML table; numbers are shown with `digits` decimals and right-aligned.
 * @example htmlTable(['sampler', 'F1'], [['SMOTE', 0.41]])
 */
export function htmlTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, digits = 3): string {
  const cell = (v: string | number, tag: 'td' | 'th') =>
    typeof v === 'number' ? `<${tag} class="num">${Number.isFinite(v) ? v.toFixed(digits) : escapeHtml(String(v))}</${tag}>` : `<${tag}>${escapeHtml(v)}</${tag}>`;
  return `<table><thead><tr>${headers.map((h) => cell(h, 'th')).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v) => cell(v, 'td')).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A row of figures (inline SVG strings) with captions. */
export function htmlFigures(figures: readonly { svg: string; caption: string }[]): string {
  return `<div class="figures">${figures.map((f) => `<figure>${f.svg}<figcaption>${escapeHtml(f.caption)}</figcaption></figure>`).join('')}</div>`;
}

/** A self-contained HTML page (inline CSS, inline SVG, no external resources). */
export function htmlReport(title: string, intro: string, sections: readonly ReportSection[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1180px;padding:24px;color:#1d2433;background:#fbfbfd}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 8px;border-bottom:1px solid #dde1ea;padding-bottom:4px}
p.intro{color:#4a5468}
table{border-collapse:collapse;margin:10px 0;font-size:13.5px;background:#fff}
th,td{border:1px solid #dde1ea;padding:4px 10px;text-align:left}th{background:#f0f2f7}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.figures{display:flex;flex-wrap:wrap;gap:14px}figure{margin:0;background:#fff;border:1px solid #e3e6ee;border-radius:6px;padding:6px}
figcaption{font-size:12.5px;color:#4a5468;text-align:center}
pre{background:#f0f2f7;padding:8px 12px;border-radius:4px;overflow-x:auto}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="intro">${intro}</p>
${sections.map((s) => `<section><h2>${escapeHtml(s.heading)}</h2>\n${s.html}</section>`).join('\n')}
</body></html>
`;
}
