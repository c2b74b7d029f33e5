// Real keepalived 2.2.7 on scenarios/reload-lower-master.yaml: a MASTER at priority 200 reloaded
// (config rewritten, SIGHUP) with priority 50. Its VRRP process first sends one advert with the
// pre-reload priority (vrrp_daemon.c sigreload_vrrp() / send_reload_advert_thread()), so the
// priority-100 backup takes over one full MDI(100) after the reload, not MDI(100) after the
// master's last periodic advert; the simulator must agree.
import { expect, it } from 'vitest';
import { formatComparisonText } from '../../src/conformance/compare-text.js';
import { scenarioConformanceSuite } from '../support/scenario-conformance.js';

const RELOAD = 6_900_000;
const MDI_100 = 3_609_375;
const TOL = 50_000;

await scenarioConformanceSuite('reload-lower-master.yaml', 'real keepalived: lowering a MASTER from 200 to 50 by reload', 'the reload-of-a-MASTER conformance test', (result) => {
  it('the backup takes over MDI(100) after the reload (the pre-reload advert restarted its timer)', () => {
    const r = result();
    const text = formatComparisonText(r.comparison);
    const taken = r.real.trace.find((e) => e.type === 'state' && e.node === 'lb-b' && e.to === 'MASTER');
    expect(taken, text).toBeDefined();
    // Without the pre-reload advert it would be 6.21875 + MDI(100) = 9.828 s, 0.68 s earlier.
    expect(Math.abs((taken?.t ?? 0) - (RELOAD + MDI_100)), text).toBeLessThanOrEqual(TOL);
  });
});
