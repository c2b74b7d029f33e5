// Real keepalived 2.2.7 on scenarios/reload-lower-master.yaml: a MASTER at priority 200 reloaded
// (config rewritten, SIGHUP) with priority 50. Its VRRP process first sends one advert with the
// pre-reload priority (vrrp_daemon.c sigreload_vrrp() / send_reload_advert_thread()), so the
// priority-100 backup takes over one full MDI(100) after the reload, not MDI(100) after the
// master's last periodic advert; the simulator must agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.js';
import { simulate } from '../../sim/simulate.js';
import { checkConformance, type ConformanceResult } from '../../src/conformance/conformance.js';
import { formatComparisonText } from '../../src/conformance/compare.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';

const FILE = join(import.meta.dirname, '..', '..', 'scenarios', 'reload-lower-master.yaml');
const missing = await missingPrerequisites(['root', 'ip', 'keepalived']);
const why = missing.map(describePrerequisite).join(', ');
const skip = missing.length > 0 && process.env['CI'] !== 'true';
if (skip) console.warn(`SKIPPING the reload-of-a-MASTER conformance test: missing ${why}`);

const RELOAD = 6_900_000;
const MDI_100 = 3_609_375;
const TOL = 50_000;

describe.skipIf(skip)('real keepalived: lowering a MASTER from 200 to 50 by reload', () => {
  const { spec } = loadScenario(FILE, { readFile: (p) => readFileSync(p, 'utf8') });
  let r: ConformanceResult;
  beforeAll(async () => {
    if (missing.length > 0) return;
    r = await checkConformance(spec, simulate);
  }, spec.until / 1000 + 60_000);

  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('the backup takes over MDI(100) after the reload (the pre-reload advert restarted its timer)', () => {
    const text = formatComparisonText(r.comparison);
    const taken = r.real.trace.find((e) => e.type === 'state' && e.node === 'lb-b' && e.to === 'MASTER');
    expect(taken, text).toBeDefined();
    // Without the pre-reload advert it would be 6.21875 + MDI(100) = 9.828 s, 0.68 s earlier.
    expect(Math.abs((taken?.t ?? 0) - (RELOAD + MDI_100)), text).toBeLessThanOrEqual(TOL);
  });

  it('agrees with the simulator', () => {
    expect(r.comparison.verdict, formatComparisonText(r.comparison)).toBe('agree');
  });
});
