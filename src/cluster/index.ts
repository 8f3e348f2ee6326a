/** Clustering: `KMeans` and `MiniBatchKMeans` with k-means++ seeding (used by KMeansSMOTE). */
export { KMeans } from './KMeans.js';
export type { KMeansOptions } from './KMeans.js';
export { MiniBatchKMeans } from './MiniBatchKMeans.js';
export type { MiniBatchKMeansOptions } from './MiniBatchKMeans.js';
export { kmeansPlusPlus } from './kmeansPlusPlus.js';
export type { Seeding } from './kmeansPlusPlus.js';
export type { KMeansInit } from './common.js';
