import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Generous: CI machines here are two loaded cores, and a spawned Node costs seconds there.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
