// Rendered artefacts say what they add and keep what the simulation used.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

describe('render', () => {
  it('keepalived: says in the file that it added enable_script_security and script_user root', async () => {
    const d = mkdtempSync(join(tmpdir(), 'vrrplab-render-'));
    writeFileSync(join(d, 'a.conf'), 'vrrp_script chk {\n  script "/bin/true"\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n  priority 100\n  virtual_ipaddress {\n    192.0.2.5\n  }\n  track_script {\n    chk\n  }\n}\n');
    const io = bufferIo(d);
    expect(await main(['render', 'keepalived', 'a.conf'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^# Added by vrrplab: enable_script_security and script_user root in global_defs/m);
    expect(io.stdout()).toMatch(/^ {4}enable_script_security$/m);
  });

  it('ipfailover --format cli keeps --watch-port=80 from the seed command', async () => {
    const io = bufferIo();
    expect(await main(['render', 'ipfailover', 'test/fixtures/ipfailover/seed-command.sh', '--format', 'cli'], io), io.stderr()).toBe(0);
    expect(io.stdout()).toContain('--watch-port=80');
  });
});
