// The worked example of README.md (Test your own keepalived.conf), verbatim between the markers below (only the import
// specifier differs: the docs import the published 'vrrplab/testing'). The last test keeps the
// two copies identical, so the README never shows code that does not run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect as expectDoc, it as itDoc } from 'vitest';
// --- example start ---
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFaultSchedule, formatReport, fromKeepalivedConfs, runWithInvariants, withSchedule } from '../../../src/testing/index.js';

// Your two keepalived.conf files (read them with readFileSync in a real project).
const conf = (priority: number): string => `
vrrp_script chk_haproxy {
    script "pidof haproxy"
    interval 1
    weight -60
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority ${priority}
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
    track_script {
        chk_haproxy
    }
}`;

const spec = fromKeepalivedConfs([
  { name: 'lb-a', address: '192.0.2.1', keepalived: conf(150), services: [{ name: 'haproxy', port: 80 }] },
  { name: 'lb-b', address: '192.0.2.2', keepalived: conf(100), services: [{ name: 'haproxy', port: 80 }] },
]);

describe('our keepalived pair', () => {
  it('converges to one MASTER, the preferred one, and keeps the VIP held, whatever fails', () => {
    const schedules = arbFaultSchedule(spec, { kinds: ['crash', 'partition', 'freeze', 'service-down'], maxFaults: 3 });
    fc.assert(
      fc.property(schedules, (schedule) => {
        const { report } = runWithInvariants(withSchedule(spec, schedule));
        expect(report.ok, formatReport(report)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
// --- example end ---

itDoc('README.md shows exactly this example', () => {
  const self = readFileSync(import.meta.filename, 'utf8');
  const inTest = self.slice(self.indexOf('// --- example start ---\n') + 25, self.indexOf('// --- example end ---')).replace("'../../../src/testing/index.js'", "'vrrplab/testing'");
  const doc = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
  const block = /```ts\n(import fc[\s\S]*?)```/.exec(doc)?.[1];
  expectDoc(block).toBe(inTest);
});
