import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Issue weeks follow Europe/Oslo; tests run in that zone whatever the machine's is.
    env: { TZ: 'Europe/Oslo' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
