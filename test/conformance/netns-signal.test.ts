// A run interrupted by SIGTERM (or SIGINT) must not leave namespaces behind: the one spawned
// process of this area, because a signal to the test runner itself would end the run.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listNamespaces } from '../../src/netns/index.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';

const missing = await missingPrerequisites(['root', 'ip']);
const why = missing.map(describePrerequisite).join(', ');
const skip = missing.length > 0 && process.env['CI'] !== 'true';
if (skip) console.warn(`SKIPPING netns signal teardown test: missing ${why}`);

const topology = fileURLToPath(new URL('../../src/netns/topology.ts', import.meta.url));
const CHILD = `
import { createTopology, guardTeardown } from ${JSON.stringify(topology)};
const topo = await createTopology({ segments: ['lan'], nodes: [{ name: 'n', interfaces: [{ name: 'eth0', segment: 'lan', address: '198.51.100.7', prefix: 24 }] }] });
guardTeardown(topo.namespaces);
console.log(topo.namespaces.join(' '));
setInterval(() => undefined, 1000);
`;

describe.skipIf(skip)('netns teardown on signals', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${why}`).toEqual([]);
  });

  it('deletes the namespaces by name on SIGTERM and exits 143', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
    const names = await new Promise<string[]>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (l) => resolve(l.split(' ')));
      child.once('exit', (code) => reject(new Error(`child exited ${code} before creating its topology`)));
    });
    expect(names).toHaveLength(2);
    expect(await listNamespaces()).toEqual(expect.arrayContaining(names));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const left = (await listNamespaces()).filter((n) => names.includes(n));
    expect(left).toEqual([]);
  }, 30_000);
});
