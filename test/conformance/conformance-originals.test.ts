// `vrrplab conformance` runs keepalived on the scenario's own keepalived.conf files by default,
// so a keyword vrrplab misreads shows up as DIFFER; `--rendered` (vrrplab's rendering of what
// it read) cannot catch that, since keepalived then runs the misreading too.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { bufferIo } from '../../src/cli/io.js';
import { loadScenarioText, type LoadedScenario } from '../../sim/scenario/load.js';
import { simulate } from '../../sim/simulate.js';
import type { SimSpec } from '../../sim/spec.js';
import { checkConformance } from '../../src/conformance/conformance.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import type { OriginalConf } from '../../src/conformance/run.js';

const missing = await missingPrerequisites(['root', 'ip', 'keepalived']);
const skip = missing.length > 0 && process.env['CI'] !== 'true';
if (skip) console.warn(`SKIPPING conformance on original files: missing ${missing.map(describePrerequisite).join(', ')}`);
const suite = skip ? describe.skip : describe;

const node = (name: string, address: string, prio: number): string => `  - name: ${name}
    address: ${address}
    keepalived: |
      vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 51
          priority ${prio}
          advert_int 1
          virtual_ipaddress {
              192.0.2.100/24
          }
      }
`;

const SCENARIO = `name: originals
duration: 6s
nodes:
${node('a', '192.0.2.1', 150)}${node('b', '192.0.2.2', 100)}`;

function originals(s: LoadedScenario): Map<string, OriginalConf> {
  return new Map([...s.sources].map(([n, src]) => [n, { text: src.text, shell: 'dash' as const }]));
}

/** What a parser that misread `priority` would hand the simulator: the two priorities swapped. */
function misread(spec: SimSpec): SimSpec {
  const prio = new Map([['a', 100], ['b', 150]]);
  return {
    ...spec,
    nodes: spec.nodes.map((n) => (n.router === null ? n : {
      ...n, router: { ...n.router, instances: n.router.instances.map((i) => ({ ...i, priority: prio.get(n.name) ?? i.priority })) },
    })),
  };
}

suite('conformance on the original keepalived.conf files', () => {
  const s = loadScenarioText(SCENARIO, 'originals.yaml');

  it('agrees when vrrplab reads the files right', async () => {
    const r = await checkConformance(s.spec, simulate, { originals: originals(s) });
    expect(r.comparison.verdict).toBe('agree');
  }, 60_000);

  it('reports DIFFER for a deliberately misread keyword; the rendered mode does not see it', async () => {
    const wrong = misread(s.spec);
    const onOriginals = await checkConformance(wrong, simulate, { originals: originals(s) });
    expect(onOriginals.comparison.verdict).toBe('differ');
    const onRendering = await checkConformance(wrong, simulate);
    expect(onRendering.comparison.verdict).toBe('agree');
  }, 120_000);

  it('runs an original configuration split across includes (a glob, a nested include, the priority in an included file) and agrees', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-orig-inc-'));
    try {
      for (const [n, prio] of [['a', 150], ['b', 100]] as const) {
        mkdirSync(join(dir, n, 'conf.d'), { recursive: true });
        writeFileSync(join(dir, n, 'keepalived.conf'), 'global_defs {\n    router_id lb\n}\ninclude conf.d/*.conf\n');
        writeFileSync(join(dir, n, 'conf.d', '10-instance.conf'), 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    include ../priority.inc\n    advert_int 1\n    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\n');
        writeFileSync(join(dir, n, 'priority.inc'), `    priority ${prio}\n`);
      }
      // set-priority edits a's included priority file: b takes over about 3.6 s later.
      writeFileSync(join(dir, 'site.yaml'), 'name: includes\nduration: 9s\nnodes:\n  - name: a\n    address: 192.0.2.1\n    keepalived: a/keepalived.conf\n  - name: b\n    address: 192.0.2.2\n    keepalived: b/keepalived.conf\ntimeline:\n  - at: 3s\n    set-priority: { node: a, instance: VI_1, priority: 50 }\n');
      const io = bufferIo(dir);
      const code = await main(['conformance', 'site.yaml'], io);
      expect(io.stdout(), io.stderr()).toContain("on the scenario's own keepalived.conf files");
      expect(io.stdout()).toMatch(/b\b.*MASTER/);
      expect(code, io.stdout()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
