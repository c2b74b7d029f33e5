// Real keepalived 2.2.7 on scenarios/sync-group-track-script.yaml: a sync group whose first member
// tracks an unweighted script. keepalived holds the group in INIT until the first result
// (vrrp_track.c:883-888) and then brings every member up together (vrrp_sync_backup(),
// vrrp_sync.c), so the untracked member reaches MASTER too; the simulator must agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.js';
import { simulate } from '../../sim/simulate.js';
import type { TraceEvent } from '../../sim/trace.js';
import { checkConformance, type ConformanceResult } from '../../src/conformance/conformance.js';
import { formatComparisonText } from '../../src/conformance/compare.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';

const FILE = join(import.meta.dirname, '..', '..', 'scenarios', 'sync-group-track-script.yaml');
const missing = await missingPrerequisites(['root', 'ip', 'keepalived']);
const why = missing.map(describePrerequisite).join(', ');
const skip = missing.length > 0 && process.env['CI'] !== 'true';
if (skip) console.warn(`SKIPPING the sync group + track script conformance test: missing ${why}`);

type State = Extract<TraceEvent, { type: 'state' }>;
const states = (trace: readonly TraceEvent[], node: string, instance: string): string[] =>
  trace.filter((e): e is State => e.type === 'state' && e.node === node && e.instance === instance).map((e) => e.to);

describe.skipIf(skip)('real keepalived: sync group with an unweighted track script', () => {
  const { spec } = loadScenario(FILE, { readFile: (p) => readFileSync(p, 'utf8') });
  let r: ConformanceResult;
  beforeAll(async () => {
    if (missing.length > 0) return;
    r = await checkConformance(spec, simulate);
  }, spec.until / 1000 + 60_000);

  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('brings the untracked member up with the tracked one and makes lb-a MASTER of both', () => {
    const text = formatComparisonText(r.comparison);
    for (const inst of ['VI_WEB_1', 'VI_WEB_2']) {
      expect(states(r.real.trace, 'lb-a', inst), text).toEqual(['BACKUP', 'MASTER', 'FAULT', 'BACKUP', 'MASTER']);
      expect(states(r.real.trace, 'lb-b', inst), text).toEqual(['BACKUP', 'MASTER', 'BACKUP']);
    }
  });

  it('agrees with the simulator', () => {
    expect(r.comparison.verdict, formatComparisonText(r.comparison)).toBe('agree');
  });
});
