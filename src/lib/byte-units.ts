/** Sizes for people, in powers of 1000 (kB, MB), as file listings and download pages give them. */

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** A byte count scaled to its largest unit below 1000: 31,500,000 is { value: 31.5, unit: 'MB' }. */
export function scaleBytes(bytes: number): { value: number; unit: (typeof UNITS)[number] } {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return { value, unit: UNITS[unit] as (typeof UNITS)[number] };
}
