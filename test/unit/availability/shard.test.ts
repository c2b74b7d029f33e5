// Sharding: the union of the shards is the unsharded study, byte for byte, through the CLI
// (--format json, then `availability merge`), with a --set variant and a --compare variant on
// the same histories. Merge refuses incomplete or mixed shards with one line and exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { TWO_NODES } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'vrrplab-avail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cwd = resolve('.');

async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('availability --shard and merge', () => {
  const other = join(dir, 'slower.yaml');
  writeFileSync(other, readFileSync(TWO_NODES, 'utf8').replace(/advert_int 1/g, 'advert_int 2'));
  const study = ['availability', TWO_NODES, '--years', '0.0002', '--runs', '5', '--seed', '11', '--compare', other, '--set', 'failures.0.mttr=30s', '--format', 'json'];

  it('merging every shard gives the unsharded JSON byte for byte', async () => {
    const whole = await cli(study);
    expect(whole.err).not.toMatch(/error/i);
    expect(whole.code).toBe(0);
    const files: string[] = [];
    for (const i of [2, 0, 1]) {
      const f = join(dir, `shard-${i}.json`);
      const r = await cli([...study, '--shard', `${i}/3`, '--out', f]);
      expect(r.code).toBe(0);
      files.push(f);
    }
    const shard0 = JSON.parse(readFileSync(join(dir, 'shard-0.json'), 'utf8')) as { runs: { run: number }[] };
    expect(shard0.runs.map((x) => x.run)).toEqual([0, 3]);
    const merged = await cli(['availability', 'merge', ...files]);
    expect(merged.code).toBe(0);
    expect(merged.out).toBe(whole.out);
    const parsed = JSON.parse(whole.out) as { summary: { variants: { name: string; versusFirst: unknown }[] }; runs: unknown[] };
    expect(parsed.runs.length).toBe(5);
    expect(parsed.summary.variants.map((v) => v.name)).toEqual(['two-nodes', 'slower', 'failures.0.mttr=30s']);
    expect(parsed.summary.variants[1]?.versusFirst).not.toBeNull();
  }, 120_000);

  it('--jobs N gives the JSON of one process byte for byte, with --shard too', async () => {
    // Children are real processes of this same code (src/cli/jobs.ts selfCommand()).
    const whole = await cli(study);
    const jobs = await cli([...study, '--jobs', '3']);
    // Progress (a line per tenth once a second passed) is all stderr may hold.
    expect(jobs.err.split('\n').filter((l) => l !== '' && !/^availability: \d+\/5 runs, /.test(l))).toEqual([]);
    expect(jobs.code).toBe(0);
    expect(jobs.out).toBe(whole.out);
    const shard = await cli([...study, '--shard', '1/2']);
    const shardJobs = await cli([...study, '--shard', '1/2', '--jobs', '2']);
    expect(shardJobs.code).toBe(0);
    expect((JSON.parse(shardJobs.out) as { runs: { run: number }[] }).runs.map((x) => x.run)).toEqual([1, 3]);
    expect(shardJobs.out).toBe(shard.out);
  }, 120_000);

  it('merge refuses a missing shard, a repeated one and shards of another study', async () => {
    const a = join(dir, 'a.json'), b = join(dir, 'b.json'), c = join(dir, 'c.json');
    const small = ['availability', TWO_NODES, '--years', '0.00005', '--runs', '3', '--format', 'json'];
    await cli([...small, '--shard', '0/2', '--out', a]);
    await cli([...small, '--shard', '1/2', '--out', b]);
    await cli([...small, '--seed', '99', '--shard', '1/2', '--out', c]);
    const missing = await cli(['availability', 'merge', a]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^vrrplab: merge: shard\(s\) 1\/2 missing, expected all 2 shards\n$/);
    const twice = await cli(['availability', 'merge', a, b, a]);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('shard 0/2 is also in');
    const mixed = await cli(['availability', 'merge', a, c]);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('a shard of a different study');
    expect((await cli(['availability', 'merge', a, b])).code).toBe(0);
  }, 120_000);
});

describe('availability bad input', () => {
  it('is one line and exit 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(TWO_NODES, 'utf8').replace('crash: [lb-a, lb-b]', 'crash: [lb-a, lb-z]'));
    const cases: [readonly string[], RegExp][] = [
      [['availability', bad, '--runs', '2'], /^vrrplab: .*bad\.yaml:\d+:\d+: failures\[0\]: unknown node 'lb-z', expected one of lb-a, lb-b\n$/],
      [['availability', TWO_NODES, '--shard', '3/3'], /^vrrplab: --shard: '3\/3': expected i\/n with 0 <= i < n/],
      [['availability', TWO_NODES, '--years', 'x'], /^vrrplab: --years: 'x': expected a number of years/],
      [['availability', TWO_NODES, '--runs', '1'], /^vrrplab: --runs: '1': expected an integer 2\.\./],
      [['availability', TWO_NODES, '--set', 'nope.deeper=1'], /^vrrplab: --set: 'nope.deeper=1': nope has no mapping/],
      [['availability', TWO_NODES, '--jobs', '0'], /^vrrplab: --jobs: '0': expected a number of processes 1\.\.256 or auto\n$/],
      [['availability', TWO_NODES, '--format', 'xml'], /^vrrplab: --format: 'xml': expected text, json or html\n$/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
      expect(r.err.split('\n').length).toBe(2);
    }
  });
});
