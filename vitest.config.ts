import { defineConfig } from 'vitest/config';

/**
 * Test tiers (see ARCHITECTURE.md): `unit` is every *.test.ts next to the code (no Docker);
 * `integration` runs test/integration against a real Kafka stack. `vitest run --project unit`
 * runs only the first.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: ['node_modules/**', 'dist/**', 'test/integration/**', 'test/e2e/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // One shared stack, and some tests stop a broker: files run one after another.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 240_000,
        },
      },
    ],
  },
});
