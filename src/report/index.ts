export { htmlReport, htmlTable, htmlFigures, escapeHtml } from './html.js';
export type { ReportSection } from './html.js';
