// explore --shard i/n + explore merge: the merged first failure is the one the unsharded
// exploration reports (same run, same shrunk schedule, same counterexample file), and identical
// shrunk failures found by several shards are listed once.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { mergeExplore, type ExploreShardResult } from '../../../src/explore/shard.js';

const FIX = join(import.meta.dirname, '../../fixtures/explore/track-weight-too-small.yaml');
const ARGS = ['--runs', '40', '--seed', '42', '--faults', 'service-down', '--max-faults', '1'];

describe('explore --shard and merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-explore-shard-'));
  it('the merged first failure is the unsharded one, written as the same scenario', async () => {
    const whole = bufferIo();
    const wholeOut = join(dir, 'whole.yaml');
    expect(await main(['explore', FIX, ...ARGS, '--out', wholeOut], whole)).toBe(1);
    const foundAt = Number(/FAILURE found at run (\d+)/.exec(whole.stdout())?.[1]);
    const files: string[] = [];
    for (const i of [0, 1, 2]) {
      const io = bufferIo();
      const code = await main(['explore', FIX, ...ARGS, '--shard', `${i}/3`], io);
      const r = JSON.parse(io.stdout()) as ExploreShardResult;
      expect(code).toBe(r.failures.length > 0 ? 1 : 0);
      for (const f of r.failures) expect(f.run % 3).toBe(i);
      const f = join(dir, `s${i}.json`);
      writeFileSync(f, io.stdout());
      files.push(f);
    }
    const mergedOut = join(dir, 'merged.yaml');
    const m = bufferIo();
    expect(await main(['explore', 'merge', ...files, '--out', mergedOut], m)).toBe(1);
    // Unsharded runs are counted from 1, shard runs from 0.
    expect(m.stdout()).toMatch(new RegExp(`\\(run ${foundAt - 1}\\)`));
    expect(readFileSync(mergedOut, 'utf8')).toBe(readFileSync(wholeOut, 'utf8'));
    // A path that cannot take the counterexample is bad input, as in the unsharded command.
    const bad = bufferIo();
    expect(await main(['explore', 'merge', ...files, '--out', join(mergedOut, 'x.yaml')], bad)).toBe(2);
    expect(bad.stderr()).toMatch(/^vrrplab: .*merged\.yaml\/x\.yaml: cannot write the counterexample \(ENOTDIR\), expected a writable path\n$/);
  }, 120_000);

  it('--jobs N reports what one process reports, unsharded and within a shard', async () => {
    // Children are real processes of this same code; the ones past the first failure are stopped.
    const one = bufferIo(), many = bufferIo();
    const oneOut = join(dir, 'one.yaml'), manyOut = join(dir, 'many.yaml');
    expect(await main(['explore', FIX, ...ARGS, '--out', oneOut], one)).toBe(1);
    expect(await main(['explore', FIX, ...ARGS, '--out', manyOut, '--jobs', '3'], many)).toBe(1);
    expect(many.stdout().replaceAll(manyOut, 'OUT')).toBe(one.stdout().replaceAll(oneOut, 'OUT'));
    expect(readFileSync(manyOut, 'utf8')).toBe(readFileSync(oneOut, 'utf8'));
    const shardOne = bufferIo(), shardMany = bufferIo();
    await main(['explore', FIX, ...ARGS, '--shard', '1/2'], shardOne);
    await main(['explore', FIX, ...ARGS, '--shard', '1/2', '--jobs', '2'], shardMany);
    expect(shardMany.stdout()).toBe(shardOne.stdout());
  }, 120_000);

  it('lists identical shrunk failures once and refuses a missing shard', () => {
    const failure = { run: 4, findings: [{ what: 'x', detail: 'y' }], timeline: [], until: 1, numShrinks: 0, path: '4' };
    const shard = (index: number, runs: number[]): string => JSON.stringify({
      format: 'vrrplab-explore/2', scenario: 's.yaml', seed: 1, runs: 10, options: { kinds: null, maxFaults: 4, horizon: 1, allowTotalOutage: false }, shard: { index, count: 2 }, judged: 5,
      failures: runs.map((run) => ({ ...failure, run })),
    });
    const m = mergeExplore([{ file: 'a', text: shard(0, [4]) }, { file: 'b', text: shard(1, [1]) }]);
    expect(m.failures.map((f) => f.run)).toEqual([1]);
    expect(m.judged).toBe(10);
    expect(() => mergeExplore([{ file: 'a', text: shard(0, []) }])).toThrow(/shard\(s\) 1\/2 missing/);
  });
});
