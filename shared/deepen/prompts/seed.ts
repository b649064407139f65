/** Seeded ordering: the same seed always yields the same order, without shared random state. */

/** 32-bit FNV-1a with a final avalanche, so ids that differ by one character land far apart. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * `items` ordered by a hash of seed and id. Each item's place depends only on its own id, so
 * adding one prompt to a pack does not reshuffle what a group sees next.
 */
export function seededOrder<T extends { readonly id: string }>(
  items: readonly T[],
  seed: string | number,
): T[] {
  return items
    .map((item) => ({ item, rank: hash32(`${seed}\u0000${item.id}`) }))
    .sort((a, b) => a.rank - b.rank || (a.item.id < b.item.id ? -1 : 1))
    .map(({ item }) => item);
}
