// runJobs: a child that fails fails the whole command with its own last line of stderr, and
// the other children are not left running; --jobs parses a count or auto.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseJobs, runJobs } from '../../../src/cli/jobs.js';

describe('runJobs', () => {
  it('rejects with the failed child\'s last stderr line and its exit code', async () => {
    const t0 = Date.now();
    const jobs = runJobs([['availability', 'test/fixtures/availability/two-nodes.yaml', '--years', '100', '--runs', '1000'], ['no-such-command']], process.cwd(), () => {});
    await expect(jobs).rejects.toThrow(/^job 2 of 2 \(no-such-command\) exited 2: vrrplab: .*no-such-command/);
    // The long first job was stopped, not awaited (it would take minutes).
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 90_000);

  it('resolves with every child\'s stdout in order', async () => {
    const outs = await runJobs([['--version'], ['--version']], process.cwd(), () => {});
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(outs.map((o) => o.stdout)).toEqual([`${version}\n`, `${version}\n`]);
  }, 60_000);
});

describe('parseJobs', () => {
  it('takes 1..256 and auto', () => {
    expect(parseJobs(undefined)).toBe(1);
    expect(parseJobs('4')).toBe(4);
    expect(parseJobs('auto')).toBe(availableParallelism());
    for (const bad of ['0', '257', '-1', '2.5', 'x']) expect(() => parseJobs(bad)).toThrow(/expected a number of processes 1\.\.256 or auto/);
  });
});
