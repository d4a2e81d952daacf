/**
 * A small, fast, seeded pseudo-random generator (sfc32), so sample data is the same bytes for the
 * same seed on every machine. Never use Math.random in the sample generator.
 */

/** Mixes two 32-bit numbers into a well-spread 32-bit seed (splitmix32 finaliser). */
export function mixSeed(seed: number, salt: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b9) ^ Math.imul(salt | 0, 0x85ebca6b)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** A seeded generator of uniform numbers with the helpers the sample generator needs. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Starts a stream from `seed` (any safe integer); `salt` picks an independent stream for the same seed. */
  constructor(seed: number, salt = 0) {
    // Fold the bits above 32 in, so seeds that differ only there give different streams.
    const folded = (seed | 0) ^ mixSeed(Math.floor(seed / 4294967296), 0x5eed);
    this.a = mixSeed(folded, salt);
    this.b = mixSeed(folded, salt + 0x51ed27);
    this.c = mixSeed(folded, salt + 0x2545f491);
    this.d = 1;
    // The first outputs of sfc32 are correlated with the seed; skip them.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** `count` different elements of a list, in list order (count is capped at the list's length). */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen: T[] = [];
    let needed = Math.min(count, items.length);
    for (let i = 0; i < items.length && needed > 0; i++) {
      if (this.float() * (items.length - i) < needed) {
        chosen.push(items[i] as T);
        needed--;
      }
    }
    return chosen;
  }
}

/** Picks among items with fixed weights in O(log n); build once, call often. */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (random: Random) => T {
  const items = entries.map(([item]) => item);
  const bounds: number[] = [];
  let total = 0;
  for (const [, weight] of entries) {
    total += weight;
    bounds.push(total);
  }
  return (random) => {
    const target = random.float() * total;
    let low = 0;
    let high = bounds.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((bounds[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return items[low] as T;
  };
}
