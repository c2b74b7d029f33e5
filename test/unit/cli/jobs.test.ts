// runJobs: a child that fails fails the whole command with its own last line of stderr, and
// the other children are not left running; --jobs parses a count or auto.
import { describe, expect, it, onTestFinished } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { availableParallelism } from 'node:os';
import { childShards, parseJobs, runJobs } from '../../../src/cli/jobs.js';

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

describe('a killed command', () => {
  // pgrep -f on a folder only this test uses: the children's command lines name the scenario in it.
  const running = (marker: string): number => (spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' }).stdout.trim().split('\n').filter((l) => l !== '')).length;

  it('stops its --jobs children on SIGTERM instead of leaving them to run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-jobs-kill-'));
    const scenario = join(dir, 'two-nodes.yaml');
    copyFileSync('test/fixtures/availability/two-nodes.yaml', scenario);
    const parent = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), 'src/cli/main.ts', 'availability', scenario, '--years', '1000', '--runs', '4', '--jobs', '2'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((done) => parent.on('exit', (_code, signal) => done(signal)));
    onTestFinished(() => { spawnSync('pkill', ['-f', dir]); });
    // Both children started (the parent's own command line names the scenario too).
    for (let i = 0; i < 300 && running(dir) < 3; i++) await sleep(100);
    expect(running(dir)).toBe(3);
    parent.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    for (let i = 0; i < 50 && running(dir) > 0; i++) await sleep(100);
    expect(running(dir)).toBe(0);
  }, 60_000);
});

describe('childShards', () => {
  it('splits shard i/n into (i + n·j)/(n·N), no more children than runs', () => {
    expect(childShards(7, null, 3)).toEqual([{ index: 0, count: 3 }, { index: 1, count: 3 }, { index: 2, count: 3 }]);
    expect(childShards(7, { index: 1, count: 2 }, 2)).toEqual([{ index: 1, count: 4 }, { index: 3, count: 4 }]);
    expect(childShards(5, { index: 1, count: 2 }, 8)).toHaveLength(2);
    expect(childShards(1, null, 4)).toEqual([]);
    expect(childShards(100, null, 1)).toEqual([]);
  });
});

describe('parseJobs', () => {
  it('takes 1..256 and auto', () => {
    expect(parseJobs(undefined)).toBe(1);
    expect(parseJobs('4')).toBe(4);
    expect(parseJobs('auto')).toBe(availableParallelism());
    for (const bad of ['0', '257', '-1', '2.5', 'x']) expect(() => parseJobs(bad)).toThrow(/expected a number of processes 1\.\.256 or auto/);
  });
});
