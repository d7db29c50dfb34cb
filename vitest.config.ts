import { defineConfig } from 'vitest/config';
import { compiledData } from './scripts/vite-data-plugin';

// Unit tests run in Node against src/core and friends; browser tests live in test/e2e and
// run through their own config (vitest.e2e.config.ts) because they need a build first.
export default defineConfig({
  plugins: [compiledData()],
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/fuzz/**/*.fuzz.ts'],
    environment: 'node',
  },
});
