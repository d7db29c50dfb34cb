import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium and Firefox ESR with the test build loaded. The global setup
// builds .test-build/ and serves the fixture pages on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
