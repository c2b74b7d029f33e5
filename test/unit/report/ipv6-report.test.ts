// Reports over IPv6: the dual-stack scenario's VIP lanes, holders, probes and verdicts carry
// IPv6 addresses as RFC 5952 text in the HTML model and the JSON Lines, next to the IPv4 ones.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../sim/report/html.js';
import { timelineModel } from '../../../sim/report/html-model.js';
import { runScenarioFile } from '../../../sim/scenario/run.js';
import { renderJsonLines } from '../../../sim/scenario/report-json.js';

const run = runScenarioFile('scenarios/openshift-ha-router-dual-stack.yaml');

describe('dual-stack reports', () => {
  it('the HTML timeline has a lane per VIP of both families and per client of both families', () => {
    const m = timelineModel(run);
    expect(m.lanes.filter((l) => l.kind === 'vip').map((l) => l.label)).toEqual(['192.0.2.101', '192.0.2.102', '2001:db8::101', '2001:db8::102']);
    expect(m.lanes.filter((l) => l.kind === 'probe').map((l) => l.label)).toContain('probe apps-via-v6-101');
    expect(renderHtml([run])).toContain('2001:db8::102');
  });

  it('JSON Lines name IPv6 holders, probe targets and verdicts', () => {
    const lines = renderJsonLines(run).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l['type'] === 'vip' && l['vip'] === '2001:db8::101')).toBe(true);
    expect(lines.find((l) => l['type'] === 'availability' && l['probe'] === 'apps-via-v6-101')?.['target']).toBe('2001:db8::101');
    expect(lines.filter((l) => l['type'] === 'expect' && String(l['label']).includes('2001:db8::101')).every((l) => l['ok'] === true)).toBe(true);
  });
});
