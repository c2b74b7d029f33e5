// A skeleton written by `import keepalived` passes as written on the config it came from: its
// example failure needs a node to fail over to, its services do not share a port, and its bounds
// follow the configuration's timers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

const conf = (o: { prio: number; advert?: number; scripts?: readonly string[] }): string => `
${(o.scripts ?? []).map((p, i) => `vrrp_script chk_${i} {\n  script "pidof ${p}"\n  weight -60\n}\n`).join('')}vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 51
  priority ${o.prio}
  advert_int ${o.advert ?? 1}
  virtual_ipaddress {
    192.0.2.10
  }
${(o.scripts ?? []).length > 0 ? `  track_script {\n${(o.scripts ?? []).map((_, i) => `    chk_${i}\n`).join('')}  }\n` : ''}}
`;

async function importAndRun(files: Record<string, string>): Promise<{ yaml: string; out: string; code: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-skeleton-'));
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  const io = bufferIo(dir);
  expect(await main(['import', 'keepalived', ...Object.keys(files), '--out', 'site.yaml'], io), io.stderr()).toBe(0);
  const run = bufferIo(dir);
  const code = await main(['run', 'site.yaml'], run);
  return { yaml: readFileSync(join(dir, 'site.yaml'), 'utf8'), out: run.stdout() + run.stderr(), code };
}

describe('import keepalived skeletons pass as written', () => {
  it('one file: no example crash of the only node', async () => {
    const r = await importAndRun({ 'lb.conf': conf({ prio: 100 }) });
    expect(r.yaml).not.toMatch(/^\s+crash:/m);
    expect(r.code, r.out).toBe(0);
  });

  it('two files with slow adverts: the bounds follow advert_int', async () => {
    const r = await importAndRun({ 'a.conf': conf({ prio: 150, advert: 10 }), 'b.conf': conf({ prio: 100, advert: 10 }) });
    expect(r.yaml).toMatch(/crash: "a"/);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/3 passed, 0 failed/);
  });

  it('each process check gets its own port (sshd on 22, haproxy on 80)', async () => {
    const r = await importAndRun({ 'a.conf': conf({ prio: 150, scripts: ['haproxy', 'sshd', 'myd', 'otherd'] }), 'b.conf': conf({ prio: 100 }) });
    expect(r.yaml).toContain('{ name: "haproxy", port: 80, process: "haproxy" }');
    expect(r.yaml).toContain('{ name: "sshd", port: 22, process: "sshd" }');
    expect(r.yaml).toContain('{ name: "myd", port: 8080, process: "myd" }');
    expect(r.yaml).toContain('{ name: "otherd", port: 8081, process: "otherd" }');
    expect(r.code, r.out).toBe(0);
  });
});
