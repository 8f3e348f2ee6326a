/**
 * Finds the samplers the library exports, so every sampler added to the package is usable from
 * the command line without touching the CLI: a sampler is an exported class whose prototype
 * has `fitResample`, minus abstract bases and those that need a JavaScript function or objects.
 */
import * as library from '../index.js';
import { UsageError } from './errors.js';

/** What the CLI needs of a sampler class. */
export interface SamplerClass {
  new (options?: Record<string, unknown>): { fitResample(X: unknown, y: unknown): { X: library.Matrix; y: ArrayLike<unknown>; sampleIndices?: Int32Array } };
  readonly name: string;
}

/** Exported classes with `fitResample` that cannot be driven from a command line. */
const NOT_FROM_THE_COMMAND_LINE = new Set(['Pipeline', 'FunctionSampler']);

/**
 * Every sampler class exported by the package, sorted by name.
 * @example samplerClasses().map((c) => c.name) // ['ADASYN', ..., 'TomekLinks']
 */
export function samplerClasses(): SamplerClass[] {
  const found: SamplerClass[] = [];
  for (const [name, value] of Object.entries(library as Record<string, unknown>)) {
    if (typeof value !== 'function') continue;
    const proto = (value as { prototype?: { fitResample?: unknown } }).prototype;
    if (typeof proto?.fitResample !== 'function') continue;
    if (name.startsWith('Base') || NOT_FROM_THE_COMMAND_LINE.has(name)) continue;
    found.push(value as unknown as SamplerClass);
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The sampler class called `name` (exact, else case-insensitive); an unknown name is a usage
 * error listing the valid names.
 */
export function findSampler(name: string): SamplerClass {
  const all = samplerClasses();
  const exact = all.find((c) => c.name === name) ?? all.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (exact) return exact;
  const names = all.map((c) => c.name);
  throw new UsageError(`unknown sampler '${name}'. Valid samplers: ${names.length ? names.join(', ') : '(none: the library exports no sampler)'}`);
}

/**
 * Creates a sampler from CLI options; an unknown option is a usage error (exit 2) with the
 * sampler's own message, which lists its valid options.
 */
export function createSampler(Sampler: SamplerClass, options: Record<string, unknown>): InstanceType<SamplerClass> {
  try {
    return new Sampler(options);
  } catch (error) {
    const message = (error as Error).message;
    throw new UsageError(message.includes(Sampler.name) ? message : `${Sampler.name}: ${message}`);
  }
}
