// Messages in the user's terms, placed where the mistake is.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

async function err(files: Record<string, string>, argv: readonly string[]): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), 'vrrplab-msg-'));
  for (const [f, t] of Object.entries(files)) writeFileSync(join(d, f), t);
  const io = bufferIo(d);
  await main(argv, io);
  return io.stderr() + io.stdout();
}

const CONF = (vip: string): string => `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n  priority 100\n  virtual_ipaddress {\n    ${vip}\n  }\n}\n`;

describe('messages', () => {
  it('a null list says what it expected, not the validator\'s words', async () => {
    expect(await err({ 's.yaml': 'name: t\nduration: 10s\nnodes:\n  - { name: a, address: 192.0.2.1 }\ntimeline:\n' }, ['run', 's.yaml']))
      .toBe('vrrplab: s.yaml:5:10: timeline: expected a list, got nothing\n');
  });

  it('a YAML indentation error is reported at its line, not 1:1', async () => {
    expect(await err({ 's.yaml': 'name: t\nduration: 10s\nnodes:\n  - name: a\n     address: 192.0.2.1\n' }, ['run', 's.yaml']))
      .toMatch(/^vrrplab: s\.yaml:4:\d+: invalid YAML: /);
  });

  it('192.0.2.300 is an invalid address, 2001:db8::1 is of the other family', async () => {
    const out = await err({ 'a.conf': CONF('192.0.2.300\n    2001:db8::1') }, ['check-config', 'a.conf']);
    expect(out).toContain('192.0.2.300 is not a valid IPv4 or IPv6 address - ignored');
    // keepalived's own words for the family mix; IPv6 itself is simulated now.
    expect(out).toContain('(VI_1): address family must match VRRP instance [2001:db8::1] - ignoring');
    expect(out).not.toContain('is not simulated');
  });

  it('--runs 0 names the flag once', async () => {
    expect(await err({}, ['explore', 'x.yaml', '--runs', '0'])).toBe("vrrplab: --runs: '0': expected an integer 1..1000000\n");
  });

  it('duplicate names given with --names do not suggest --names', async () => {
    expect(await err({ 'a.conf': CONF('192.0.2.5'), 'b.conf': CONF('192.0.2.5') }, ['import', 'keepalived', 'a.conf', 'b.conf', '--names', 'x,x']))
      .toBe("vrrplab: --names: two inputs give node 'x'; expected unique node names in --names\n");
  });
});
