// Keywords keepalived acts on that vrrplab does not simulate: each one is a warning, naming the
// prediction it may invalidate, in check-config, lint and run (text and JSON) alike.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/program.js';
import { UNSIMULATED } from '../../../src/model/unsimulated.js';

const conf = (body: string, top = ''): string => `${top}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority 100
${body}
  virtual_ipaddress {
    192.0.2.100
  }
}
`;

const CASES: [string, string, string][] = [
  ['accept', conf('  accept'), ''],
  ['no_accept', conf('  no_accept'), ''],
  ['vrrp_strict', conf('', 'global_defs {\n  vrrp_strict\n}'), ''],
  ['AH', conf('  authentication {\n    auth_type AH\n    auth_pass secret\n  }'), ''],
  ['vrrp_gna_interval', conf('', 'global_defs {\n  vrrp_gna_interval 1\n}'), ''],
  ['virtual_routes', conf('  virtual_routes {\n    198.51.100.0/24 via 192.0.2.254\n  }'), ''],
  ['virtual_server', conf('', 'virtual_server 192.0.2.100 80 {\n  lb_kind DR\n}'), ''],
  ['static_ipaddress', conf('', 'static_ipaddress {\n  192.0.2.50/24 dev eth0\n}'), ''],
  ['lvs_sync_daemon_interface', conf('  lvs_sync_daemon_interface eth0'), ''],
];

describe('not-simulated keywords', () => {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vrrplab-unsim-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it.each(CASES)("'%s' is a warning in check-config, lint and run (text and JSON)", async (keyword, text) => {
    const reason = UNSIMULATED.get(keyword);
    expect(reason).toBeDefined();
    const expected = `vrrplab: '${keyword}' is not simulated: ${reason}`;
    writeFileSync(join(dir, 'a.conf'), text);
    writeFileSync(join(dir, 's.yaml'), 'name: s\nduration: 5s\nnodes:\n  - name: a\n    address: 192.0.2.1\n    keepalived: a.conf\n');

    let io = bufferIo(dir);
    await main(['check-config', 'a.conf'], io);
    expect(io.stdout()).toMatch(new RegExp(`^a\\.conf:\\d+:\\d+: warning: ${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    io = bufferIo(dir);
    await main(['lint', 'a.conf'], io);
    expect(io.stdout()).toContain(expected);
    io = bufferIo(dir);
    await main(['run', 's.yaml'], io);
    expect(io.stdout()).toContain(expected);
    io = bufferIo(dir);
    await main(['run', 's.yaml', '--format', 'json'], io);
    const warnings = io.stdout().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { type: string; message?: string }).filter((j) => j.type === 'warning');
    expect(warnings.map((w) => w.message)).toContain(expected);
  });

  it('use_vmac and vmac_xmit_base are simulated, so they are not in the table and not warned', async () => {
    expect(UNSIMULATED.has('use_vmac')).toBe(false);
    expect(UNSIMULATED.has('vmac_xmit_base')).toBe(false);
    writeFileSync(join(dir, 'a.conf'), conf('  use_vmac\n  vmac_xmit_base'));
    const io = bufferIo(dir);
    await main(['check-config', 'a.conf'], io);
    expect(io.stdout()).not.toContain('is not simulated');
  });
});
