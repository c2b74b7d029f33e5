// Every shipped scenario's nodes, rendered the way a conformance run renders them, must be a
// configuration real keepalived 2.2.7 accepts without a single error or warning
// (`keepalived -t` exit 0), checked inside a namespace that has the node's interfaces.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.js';
import { renderRouterConf, scriptCommand } from '../../src/conformance/keepalivedConf.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import { createTopology, destroyTopology, nsExec } from '../../src/netns/index.js';
import { scenarioFilesIn } from '../../src/cli/run.js';

const missing = await missingPrerequisites(['root', 'ip', 'keepalived']);
const why = missing.map(describePrerequisite).join(', ');
const skip = missing.length > 0 && process.env['CI'] !== 'true';
if (skip) console.warn(`SKIPPING keepalived -t checks of rendered configs: missing ${why}`);

const files = scenarioFilesIn(new URL('../../scenarios/', import.meta.url).pathname);

describe.skipIf(skip)('rendered configs pass keepalived -t', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('finds the shipped scenarios', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  // Each scenario has its own topology (createTopology names it uniquely), so several build and
  // run keepalived -t at once: most of a case is waiting on `ip` and keepalived processes.
  it.concurrent.for(files.map((f) => [f.replace(/.*\//, ''), f] as const))('%s', async ([, file], { expect }) => {
    const { spec } = loadScenario(file);
    const topo = await createTopology({ segments: spec.segments.map((s) => s.name), nodes: spec.nodes });
    const dir = await mkdtemp(join(tmpdir(), 'vrrplab-conf-t-'));
    try {
      for (const n of spec.nodes) {
        if (n.router === null) continue;
        const h = topo.nodes.get(n.name);
        if (h === undefined) throw new Error(`node ${n.name} missing from topology`);
        const conf = join(dir, `${h.index}.conf`);
        const commands = new Map(n.router.scripts.map((s) => [s.name, scriptCommand(s.name, n.scripts.get(s.name), n.services)]));
        await writeFile(conf, renderRouterConf({ router: n.router, interfaces: n.interfaces, scriptCommands: commands, notifyFifo: join(dir, `${h.index}.fifo`), realtime: true }));
        const r = await nsExec(h.ns, 'keepalived', ['-t', '-f', conf]).then(() => ({ rc: 0, err: '' }), (e: unknown) => ({ rc: 1, err: e instanceof Error ? e.message : String(e) }));
        expect(r, `${n.name}: keepalived -t rejected the rendered config`).toEqual({ rc: 0, err: '' });
      }
    } finally {
      await destroyTopology(topo);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
