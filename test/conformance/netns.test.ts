// Topology up/down in real network namespaces: addresses, a ping across the bridge, carrier
// loss, an nftables partition, and that teardown leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { createTopology, destroyTopology, ipIn, listNamespaces, nsExec, partition, heal, setLink, cleanupStale } from '../../src/netns/index.js';
import { InputError } from '../../src/cli/errors.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';

const missing = await missingPrerequisites(['root', 'ip', 'nft']);
const why = missing.map(describePrerequisite).join(', ');
if (missing.length > 0 && process.env['CI'] !== 'true') console.warn(`SKIPPING netns tests: missing ${why}`);

const spec = {
  segments: ['lan'],
  nodes: [
    { name: 'infra-node-a.example.com', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.11', prefix: 24 }] },
    { name: 'infra-node-b.example.com', interfaces: [{ name: 'eth0', segment: 'lan', address: '192.0.2.12', prefix: 24 }] },
  ],
};

// ping(8) is not installed on every host; a TCP connect to a closed port answers the same
// question: a RST ("Connection refused") proves the peer was reached, silence proves it was not.
async function ping(ns: string, to: string): Promise<boolean> {
  try {
    await nsExec(ns, 'timeout', ['1', 'bash', '-c', `</dev/tcp/${to}/9`]);
    return true;
  } catch (e) {
    return /Connection refused/.test(e instanceof Error ? e.message : '');
  }
}

describe.skipIf(missing.length > 0 && process.env['CI'] !== 'true')('netns topology', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('refuses addresses outside the documentation ranges', async () => {
    const bad = { segments: ['lan'], nodes: [{ name: 'x', interfaces: [{ name: 'eth0', segment: 'lan', address: '10.0.0.1', prefix: 24 }] }] };
    await expect(createTopology(bad)).rejects.toThrow(InputError);
    await expect(createTopology(bad)).rejects.toThrow(/192\.0\.2\.0\/24/);
  });

  it('builds nodes on a bridge, reaches the peer, loses carrier, partitions and tears down', async () => {
    const topo = await createTopology(spec);
    try {
      const a = topo.nodes.get('infra-node-a.example.com');
      const b = topo.nodes.get('infra-node-b.example.com');
      if (!a || !b) throw new Error('nodes missing from the topology');
      const addrs = JSON.parse((await ipIn(a.ns, ['-j', 'addr', 'show', 'dev', 'eth0'])).stdout) as Array<{ addr_info: Array<{ family: string; local: string; prefixlen: number }> }>;
      expect(addrs[0]?.addr_info.filter((x) => x.family === 'inet').map((x) => `${x.local}/${x.prefixlen}`)).toEqual(['192.0.2.11/24']);
      expect(await ping(a.ns, '192.0.2.12')).toBe(true);

      await setLink(topo, b.name, false);
      const link = JSON.parse((await ipIn(b.ns, ['-j', 'link', 'show', 'dev', 'eth0'])).stdout) as Array<{ flags: string[] }>;
      expect(link[0]?.flags).toContain('NO-CARRIER');
      expect(await ping(a.ns, '192.0.2.12')).toBe(false);
      await setLink(topo, b.name, true);
      expect(await ping(a.ns, '192.0.2.12')).toBe(true);

      await partition(topo, [[a.name], [b.name]]);
      expect(await ping(a.ns, '192.0.2.12')).toBe(false);
      await heal(topo);
      expect(await ping(a.ns, '192.0.2.12')).toBe(true);
    } finally {
      await destroyTopology(topo);
    }
    const left = (await listNamespaces()).filter((n) => n.startsWith(topo.prefix));
    expect(left).toEqual([]);
  });

  it('cleanupStale removes namespaces of dead runs only', async () => {
    // pid 2^22+1 is above the default pid_max on most systems: no live process owns it.
    const deadPrefix = `vl${(4194305).toString(36)}x0000`;
    const { run } = await import('../../src/netns/exec.js');
    // createTopology sweeps stale namespaces itself (netns-stale.test.ts), so the dead run's
    // namespace is made after it, for cleanupStale alone to find.
    const live = await createTopology({ segments: ['s'], nodes: [] });
    await run('ip', ['netns', 'add', `${deadPrefix}-sw`]);
    try {
      const removed = await cleanupStale('vl');
      expect(removed).toContain(`${deadPrefix}-sw`);
      expect(removed).not.toContain(live.switchNs);
      expect(await listNamespaces()).toContain(live.switchNs);
    } finally {
      await destroyTopology(live);
    }
  });
});
