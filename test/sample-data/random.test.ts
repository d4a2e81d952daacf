import { describe, expect, test } from 'vitest';
import { Random, weightedPicker } from '../../scripts/sample-data/random.ts';

const draw = (random: Random, count: number) => Array.from({ length: count }, () => random.uint32());

describe('Random(seed, salt)', () => {
  test('gives the same stream for the same seed and salt, another for another', () => {
    expect(draw(new Random(7, 1), 20)).toEqual(draw(new Random(7, 1), 20));
    expect(draw(new Random(7, 2), 20)).not.toEqual(draw(new Random(7, 1), 20));
    expect(draw(new Random(8, 1), 20)).not.toEqual(draw(new Random(7, 1), 20));
    expect(draw(new Random(2 ** 32 + 7, 1), 20)).not.toEqual(draw(new Random(7, 1), 20));
  });

  test('keeps int() within its bounds and reaches both ends', () => {
    const random = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = random.int(3, 7);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(7);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  test('samples distinct elements in list order', () => {
    const random = new Random(3);
    for (let i = 0; i < 100; i++) {
      const chosen = random.sample([1, 2, 3, 4, 5, 6], 3);
      expect(chosen).toHaveLength(3);
      expect(chosen).toEqual([...new Set(chosen)].sort());
    }
  });
});

describe('weightedPicker(entries)', () => {
  test('picks in proportion to the weights', () => {
    const pick = weightedPicker([
      ['a', 1],
      ['b', 3],
    ] as const);
    const random = new Random(11);
    let b = 0;
    for (let i = 0; i < 10_000; i++) if (pick(random) === 'b') b++;
    expect(b / 10_000).toBeGreaterThan(0.72);
    expect(b / 10_000).toBeLessThan(0.78);
  });
});
