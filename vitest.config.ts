import { defineConfig } from 'vitest/config';

// Conformance files that compare no daemon's timing: keepalived -t verdicts, Wireshark's
// dissection, the packed tarball, pages in Chromium, namespace bookkeeping, and real daemons
// whose output is checked for what they say, not when (a capture ends after a packet count, a
// run once the awaited state is logged, with generous limits). They may share the CPU, so they
// run beside the unit tests. A conformance file not listed here (every new one) lands in the
// serial `conformance` project below, the safe default.
const UNTIMED = [
  'availability-html', 'conformance-config', 'html', 'import-samples', 'ipfailover-config-test', 'keepalived-config',
  'keepalived-config-ipv6', 'keepalived-reading', 'live-cli', 'netns-signal', 'netns-stale', 'openshift4-config-test',
  'package', 'render-injection', 'speak-script-security', 'tshark', 'tshark-ipv6', 'tshark-keepalived', 'tshark-keepalived-ipv6',
].map((f) => `test/conformance/${f}.test.ts`);

// Three projects. `unit` is CPU-bound and runs in parallel; its files share one module graph per
// worker (isolate: false): re-importing src/ for each of ~110 files cost more than the tests
// themselves, and nothing in src/ keeps global mutable state a file could leak. `conformance-untimed`
// runs with it in one pool of three workers (vitest wants one size for projects run together):
// vitest's default of cores - 1 would leave one of CI's two cores idle, and the conformance files
// mostly wait on subprocesses and real time.
// `conformance` times real daemons in real time (keepalived against the simulator, live raw sockets)
// and runs one file at a time afterwards, so their timing tolerances are not eaten by the unit
// tests' CPU load on a 2-core CI machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'], isolate: false, maxWorkers: 3 } },
      { extends: true, test: { name: 'conformance-untimed', include: UNTIMED, maxWorkers: 3, testTimeout: 300_000 } },
      { extends: true, test: { name: 'conformance', include: ['test/conformance/**/*.test.ts'], exclude: UNTIMED, fileParallelism: false, testTimeout: 300_000 } },
    ],
  },
});
