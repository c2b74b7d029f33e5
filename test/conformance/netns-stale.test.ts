// Issue 14 item 15: a run killed with SIGKILL leaks its namespaces; the next createTopology
// removes them (only those of our prefix whose creating process is dead) and says so. The test
// sweeps only a prefix it made itself, so it never touches other runs' namespaces.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createTopology, destroyTopology, listNamespaces } from '../../src/netns/index.js';
import { run } from '../../src/netns/exec.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';

const missing = await missingPrerequisites(['root', 'ip']);
const why = missing.map(describePrerequisite).join(', ');
if (missing.length > 0 && process.env['CI'] !== 'true') console.warn(`SKIPPING netns stale-sweep test: missing ${why}`);

/** A pid that was just used and is now dead. */
function deadPid(): number {
  const r = spawnSync('true');
  if (r.pid === undefined) throw new Error('could not spawn true');
  return r.pid;
}

describe.skipIf(missing.length > 0 && process.env['CI'] !== 'true')('stale namespace sweep', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('createTopology removes a dead run\'s namespaces of the swept prefix and reports them', async () => {
    const leaked = `vl${deadPid().toString(36)}x${Math.floor(Math.random() * 0xffff).toString(16).padStart(4, '0')}`;
    const names = [`${leaked}-sw`, `${leaked}-n0`];
    for (const n of names) await run('ip', ['netns', 'add', n]);
    let told: readonly string[] = [];
    try {
      const topo = await createTopology(
        { segments: ['lan'], nodes: [{ name: 'a', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.31', prefix: 24 }] }] },
        { staleSweep: leaked, onStaleRemoved: (n) => { told = n; } },
      );
      await destroyTopology(topo);
      expect([...told].sort()).toEqual([...names].sort());
      expect((await listNamespaces()).filter((n) => n.startsWith(leaked))).toEqual([]);
    } finally {
      for (const n of names) await run('ip', ['netns', 'delete', n]).catch(() => undefined);
    }
  });
});
