/**
 * Plots as SVG strings (no dependencies; Node and the browser): a class-coloured scatter plot
 * and a line plot for ROC / precision-recall curves.
 * @module
 */
export { scatterPlot } from './scatterPlot.js';
export type { ScatterPlotOptions } from './scatterPlot.js';
export { linePlot } from './linePlot.js';
export type { LinePlotOptions, LineSeries } from './linePlot.js';
export { niceTicks, niceDomain, tickStep, linearScale } from './scale.js';
export type { Tick } from './scale.js';
export { PALETTE } from './svg.js';
