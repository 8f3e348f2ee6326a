export { Pipeline, makePipeline } from './pipeline.js';
export type { PipelineStep } from './pipeline.js';
export { FunctionSampler } from './functionSampler.js';
export type { FunctionSamplerOptions } from './functionSampler.js';
export { cloneEstimator } from './clone.js';
export type { Estimator, Sampler, Transformer, ResampleResult } from './types.js';
