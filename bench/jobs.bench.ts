/**
 * 2 jobs against 1 on whole samplers at 1,000,000 × 2 (course-style data): the `nJobs` option
 * spreads each sampler's neighbour queries over a worker pool on shared WebAssembly memory.
 * Run: npx tsx bench/run.ts jobs
 */
import { closePool, EditedNearestNeighbours, makeClassification, SMOTEENN, TomekLinks } from '../src/index.js';
import { timeMs, type SuiteOptions } from './util.js';

export default async function jobs({ quick }: SuiteOptions): Promise<void> {
  const nSamples = quick ? 200_000 : 1_000_000;
  const { X, y } = makeClassification({ nSamples, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1 });
  console.log(`${nSamples.toLocaleString('en-US')} rows x 2 features, best of 3`);
  const samplers = [
    ['TomekLinks', (nJobs: number) => new TomekLinks({ nJobs })],
    ['EditedNearestNeighbours', (nJobs: number) => new EditedNearestNeighbours({ nJobs })],
    ['SMOTEENN', (nJobs: number) => new SMOTEENN({ randomState: 1, nJobs })],
  ] as const;
  for (const [name, make] of samplers) {
    const [one, two] = [1, 2].map((nJobs) => timeMs(() => make(nJobs).fitResample(X, y), 3));
    console.log(`${name.padEnd(26)} 1 job ${one.toFixed(0).padStart(6)} ms   2 jobs ${two.toFixed(0).padStart(6)} ms   speed-up ${(one / two).toFixed(2)}x`);
  }
  await closePool();
}
