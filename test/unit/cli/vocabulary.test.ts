// One vocabulary across commands: JSON lines name their kind in `type` with times in seconds
// (run and monitor alike), check-config speaks JSON like lint, a clean lint says so, and a bare
// keepalived.conf gets the script warnings the same file gets through a scenario.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { findingJson, startJson, tableJson } from '../../../src/live/monitor-report.js';
import { initialMonitorState } from '../../../src/live/monitor-state.js';

// keepalived runs scripts without a shell: this one is dropped (the instance runs untracked).
const CONF = `vrrp_script chk {
  script "</dev/tcp/127.0.0.1/80"
}
vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 5
  priority 100
  virtual_ipaddress {
    192.0.2.5
  }
  track_script {
    chk
  }
}
`;
const SCENARIO = `name: s
duration: 10s
nodes:
  - { name: a, address: 192.0.2.1, keepalived: a.conf }
`;

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vrrplab-vocab-'));
  writeFileSync(join(d, 'a.conf'), CONF);
  writeFileSync(join(d, 's.yaml'), SCENARIO);
  return d;
}

describe('check-config', () => {
  it('on a bare .conf shows the script warning it shows through a scenario', async () => {
    const d = dir();
    const conf = bufferIo(d);
    await main(['check-config', 'a.conf'], conf);
    const scen = bufferIo(d);
    await main(['check-config', 's.yaml'], scen);
    expect(scen.stdout()).toMatch(/vrrp_script chk: keepalived runs '<\/dev\/tcp\/127\.0\.0\.1\/80' through \/bin\/sh -c/);
    expect(conf.stdout()).toMatch(/^a\.conf:2:3: warning: vrrp_script chk: keepalived runs '<\/dev\/tcp\/127\.0\.0\.1\/80' through \/bin\/sh -c/m);
  });

  it('has --format json: the findings as lint gives them, { severity, message, pos }', async () => {
    const d = dir();
    const io = bufferIo(d);
    await main(['check-config', 'a.conf', '--format', 'json'], io);
    const list = JSON.parse(io.stdout()) as { severity: string; message: string; pos?: { file: string; line: number } }[];
    expect(list.some((w) => w.severity === 'warning' && /vrrp_script chk/.test(w.message) && w.pos?.line === 2)).toBe(true);
    expect(io.stderr()).toMatch(/^\d+ findings?, 0 errors\n$/);
  });
});

describe('lint', () => {
  it('on one clean file says 0 findings', async () => {
    const io = bufferIo();
    expect(await main(['lint', 'scenarios/configs/graceful-stop-lb-a.conf'], io)).toBe(0);
    expect(io.stdout()).toBe('');
    expect(io.stderr()).toBe('0 findings, 0 errors\n');
  });
});

describe('monitor --format json', () => {
  it('uses type and t in seconds, as run does', () => {
    expect(JSON.parse(startJson('eth0', 30_000_000))).toEqual({ t: 0, type: 'start', interface: 'eth0', duration: 30 });
    expect(JSON.parse(findingJson({ type: 'silent', at: 12_500_000, vrid: 51, family: 4, master: '192.0.2.1', lastSeen: 9_000_000 }, 1_000_000)))
      .toEqual({ t: 11.5, type: 'silent', vrid: 51, family: 4, master: '192.0.2.1', lastSeen: 8 });
    expect(tableJson(initialMonitorState(), 0)).toBe('');
  });
});
