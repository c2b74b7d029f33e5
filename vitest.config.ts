import { defineConfig } from 'vitest/config';

// Two projects: CPU-bound tests run in parallel; tests that drive real daemons in real time
// (keepalived, live raw sockets, Chromium, tshark) run one file at a time afterwards, so their
// timing tolerances are not eaten by the unit tests' CPU load on a 2-core CI machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'] } },
      { extends: true, test: { name: 'conformance', include: ['test/conformance/**/*.test.ts'], fileParallelism: false, testTimeout: 300_000 } },
    ],
  },
});
