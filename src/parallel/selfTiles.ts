/**
 * The schedule of a brute-force self query on several threads. The one-thread search computes
 * each pair of 4-row groups once and offers it to both rows' heaps; to keep that halving on
 * threads without two threads ever writing the same heap, the groups are cut into 2T parts and
 * the pairs of parts are run in rounds where no part appears twice (a round-robin tournament:
 * 2T - 1 rounds of T tiles), then a round of the 2T diagonal tiles (a part with itself). Each
 * round is one pool job; its tiles touch disjoint heaps.
 * @internal
 */

/** One tile: the groups [gLo, gHi) against the groups [hLo, hHi), pairs with g <= h. */
export type Tile = readonly [gLo: number, gHi: number, hLo: number, hHi: number];

/** Boundaries of `parts` nearly equal ranges of `nGroups` groups. */
function partBounds(nGroups: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, p) => Math.round((p * nGroups) / parts));
}

/**
 * Rounds of tiles covering every pair of groups (g <= h) exactly once, for `threads` threads.
 * @example tileRounds(100, 2).length // 4: three rounds of two tiles, then four diagonal tiles
 */
export function tileRounds(nGroups: number, threads: number): Tile[][] {
  const parts = 2 * Math.max(1, threads);
  const b = partBounds(nGroups, parts);
  const tile = (a: number, c: number): Tile => {
    const [lo, hi] = a <= c ? [a, c] : [c, a];
    return [b[lo], b[lo + 1], b[hi], b[hi + 1]];
  };
  const rounds: Tile[][] = [];
  // circle method: part parts-1 stays, the others rotate
  const m = parts - 1;
  for (let r = 0; r < m; r++) {
    const round: Tile[] = [tile(r, m)];
    for (let i = 1; i < parts / 2; i++) round.push(tile((r + i) % m, (r - i + m) % m));
    rounds.push(round);
  }
  rounds.push(Array.from({ length: parts }, (_, p) => tile(p, p)));
  return rounds.map((round) => round.filter(([gLo, gHi, hLo, hHi]) => gHi > gLo && hHi > hLo));
}
