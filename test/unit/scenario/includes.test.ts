// keepalived.conf includes in scenarios: relative to the including file's directory (for inline
// text, the scenario's), globs expanded in sorted order as keepalived's glob() does.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioForCli } from '../../../sim/scenario/as-inputs.js';

const INSTANCE = (prio: number): string => `vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority ${prio}\n    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\n`;

describe('includes in a scenario\'s keepalived configuration', () => {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vrrplab-inc-')); mkdirSync(join(dir, 'site', 'conf.d'), { recursive: true }); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('an inline configuration includes relative to the scenario, which may sit in a subdirectory', () => {
    writeFileSync(join(dir, 'site', 'vi1.conf'), INSTANCE(150));
    writeFileSync(join(dir, 'site', 's.yaml'), 'name: t\nduration: 5s\nnodes:\n  - name: a\n    address: 192.0.2.1\n    keepalived: |\n      include vi1.conf\n');
    const s = loadScenarioForCli('site/s.yaml', dir);
    expect(s.warnings.map((w) => w.message)).not.toContainEqual(expect.stringContaining('Unable to find'));
    expect(s.spec.nodes[0]?.router?.instances.map((i) => i.priority)).toEqual([150]);
  });

  it('a glob include reads every matching file in sorted order', () => {
    writeFileSync(join(dir, 'site', 'conf.d', '20-b.conf'), INSTANCE(90).replace('VI_1', 'VI_2').replace('51', '52'));
    writeFileSync(join(dir, 'site', 'conf.d', '10-a.conf'), INSTANCE(150));
    writeFileSync(join(dir, 'site', 'a.conf'), 'include conf.d/*.conf\n');
    writeFileSync(join(dir, 'site', 's.yaml'), 'name: t\nduration: 5s\nnodes:\n  - name: a\n    address: 192.0.2.1\n    keepalived: a.conf\n');
    const s = loadScenarioForCli('site/s.yaml', dir);
    expect(s.spec.nodes[0]?.router?.instances.map((i) => [i.name, i.priority])).toEqual([['VI_1', 150], ['VI_2', 90]]);
  });
});
