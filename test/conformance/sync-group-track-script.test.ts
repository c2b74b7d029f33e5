// Real keepalived 2.2.7 on scenarios/sync-group-track-script.yaml: a sync group whose first member
// tracks an unweighted script. keepalived holds the group in INIT until the first result
// (vrrp_track.c:883-888) and then brings every member up together (vrrp_sync_backup(),
// vrrp_sync.c), so the untracked member reaches MASTER too; the simulator must agree.
import { expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/trace.js';
import { formatComparisonText } from '../../src/conformance/compare-text.js';
import { scenarioConformanceSuite } from '../support/scenario-conformance.js';

type State = Extract<TraceEvent, { type: 'state' }>;
const states = (trace: readonly TraceEvent[], node: string, instance: string): string[] =>
  trace.filter((e): e is State => e.type === 'state' && e.node === node && e.instance === instance).map((e) => e.to);

await scenarioConformanceSuite('sync-group-track-script.yaml', 'real keepalived: sync group with an unweighted track script', 'the sync group + track script conformance test', (result) => {
  it('brings the untracked member up with the tracked one and makes lb-a MASTER of both', () => {
    const r = result();
    const text = formatComparisonText(r.comparison);
    for (const inst of ['VI_WEB_1', 'VI_WEB_2']) {
      expect(states(r.real.trace, 'lb-a', inst), text).toEqual(['BACKUP', 'MASTER', 'FAULT', 'BACKUP', 'MASTER']);
      expect(states(r.real.trace, 'lb-b', inst), text).toEqual(['BACKUP', 'MASTER', 'BACKUP']);
    }
  });
});
