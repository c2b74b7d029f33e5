// `vrrplab conformance` in-process: bad input exits 2 with one line; a short real run of a
// two-node scenario agrees with the simulator (exit 0) and reports it as text and as JSON.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { bufferIo } from '../../src/cli/io.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import { runReal } from '../../src/conformance/run.js';
import { loadScenarioText } from '../../sim/scenario/load.js';

const missing = await missingPrerequisites(['root', 'ip', 'keepalived']);
const why = missing.map(describePrerequisite).join(', ');
const skipReal = missing.length > 0 && process.env['CI'] !== 'true';
if (skipReal) console.warn(`SKIPPING real vrrplab conformance CLI runs: missing ${why}`);

const node = (name: string, address: string, priority: number): string => `
  - name: ${name}
    address: ${address}
    keepalived: |
      vrrp_instance VI_1 {
          state BACKUP
          interface eth0
          virtual_router_id 51
          priority ${priority}
          advert_int 1
          virtual_ipaddress {
              192.0.2.100/24
          }
      }`;

const SCENARIO = `name: cli-smoke
seed: 1
duration: 9s
segments:
  - name: lan
nodes:${node('lb-a', '192.0.2.1', 200)}${node('lb-b', '192.0.2.2', 100)}
timeline:
  - at: 5s
    stop: lb-a
`;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vrrplab-conformance-cli-'));
  await writeFile(join(dir, 'smoke.yaml'), SCENARIO);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vrrplab conformance: bad input', () => {
  it('rejects an unknown format in one line, exit 2', async () => {
    const io = bufferIo(dir);
    expect(await main(['conformance', 'smoke.yaml', '--format', 'html'], io)).toBe(2);
    expect(io.stderr()).toBe("vrrplab: --format: unknown format 'html', expected text or json\n");
  });

  it('names a missing scenario file, exit 2', async () => {
    const io = bufferIo(dir);
    expect(await main(['conformance', 'nope.yaml'], io)).toBe(2);
    expect(io.stderr()).toMatch(/^vrrplab: nope\.yaml: cannot read scenario/);
    expect(io.stderr().split('\n')).toHaveLength(2);
  });

  // The simulator takes any address; the namespaces only the test ranges.
  const OUTSIDE = SCENARIO.replace('address: 192.0.2.2', 'address: 10.0.0.2');

  it("names the scenario's file:line:col for an address the namespaces refuse, exit 2", async () => {
    await writeFile(join(dir, 'outside.yaml'), OUTSIDE);
    const line = OUTSIDE.split('\n').findIndex((l) => l.includes('10.0.0.2')) + 1;
    const io = bufferIo(dir);
    expect(await main(['conformance', 'outside.yaml'], io)).toBe(2);
    expect(io.stderr()).toBe(`vrrplab: outside.yaml:${line}:14: node 'lb-b' interface 'eth0': address 10.0.0.2 is outside the test ranges; expected an address in 192.0.2.0/24 or 198.51.100.0/24\n`);
  });

  it('leaves no work directory behind when the topology is refused', async () => {
    // A private TMPDIR: other runs on this host create and remove their own work dirs meanwhile.
    const own = await mkdtemp(join(tmpdir(), 'vrrplab-conformance-tmp-'));
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = own;
    try {
      const spec = loadScenarioText(OUTSIDE, 'outside.yaml').spec;
      await expect(runReal(spec)).rejects.toThrow(/outside the test ranges/);
      expect(await readdir(own)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
      await rm(own, { recursive: true, force: true });
    }
  });
});

describe.skipIf(skipReal)('vrrplab conformance: real runs', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('agrees with the simulator on an election and a graceful stop (text)', async () => {
    const io = bufferIo(dir);
    const code = await main(['conformance', 'smoke.yaml'], io);
    expect(io.stdout(), io.stderr()).toMatch(/verdict: AGREE/);
    expect(code).toBe(0);
    expect(io.stdout()).toMatch(/lb-a\s+VI_1\s+3\.219 BACKUP->MASTER p200\s+3\.\d{3} BACKUP->MASTER p200/);
    expect(io.stdout()).toMatch(/lb-b\s+VI_1\s+5\.609 BACKUP->MASTER p100/);
  }, 60_000);

  it('reports the same as JSON', async () => {
    const io = bufferIo(dir);
    const code = await main(['conformance', 'smoke.yaml', '--format', 'json'], io);
    const out = JSON.parse(io.stdout()) as { verdict: string; matched: number; missing: number; extra: number; rows: Array<{ kind: string }> };
    expect(out.verdict, io.stdout()).toBe('agree');
    expect(code).toBe(0);
    // INIT->BACKUP ×2, lb-a MASTER and STOP, lb-b MASTER.
    expect(out.matched).toBe(5);
    expect(out.missing + out.extra).toBe(0);
    expect(out.rows.every((r) => r.kind === 'matched')).toBe(true);
  }, 60_000);
});
