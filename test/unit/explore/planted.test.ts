// The planted pitfalls `vrrplab explore` must find and shrink: a v2 advert_int mismatch, a track
// weight smaller than the priority gap, nopreempt on the wrong node. Each fixture is also run
// with the pitfall fixed, which must pass — so a finding is the pitfall, not the harness.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

const FIX = join(import.meta.dirname, '../../fixtures/explore');

interface Planted {
  readonly file: string;
  readonly args: readonly string[];
  readonly fix: (text: string) => string;
  readonly finding: RegExp;
}

const PLANTED: readonly Planted[] = [
  { file: 'advert-int-mismatch.yaml', args: ['--faults', 'crash,stop,restart'], fix: (t) => t.replace('advert_int 2', 'advert_int 1'), finding: /dual mastership|oneMasterAfterHeal/ },
  {
    file: 'track-weight-too-small.yaml', args: ['--faults', 'service-down', '--max-faults', '1'],
    fix: (t) => t.replaceAll('weight -20', 'weight -60'), finding: /availability/,
  },
  {
    file: 'nopreempt-wrong-node.yaml', args: ['--faults', 'crash,stop,restart'],
    fix: (t) => t.replace('          nopreempt\n', '').replace('          priority 150\n', '          nopreempt\n          priority 150\n'), finding: /dual mastership/,
  },
];

describe('vrrplab explore finds planted pitfalls', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-explore-'));
  for (const p of PLANTED) {
    it(`${p.file}: found, shrunk to at most two faults, written as a scenario that run fails`, async () => {
      const out = join(dir, `ce-${p.file}`);
      const io = bufferIo();
      // Speed is measured in bench/ (explore throughput), never asserted in a test.
      const code = await main(['explore', join(FIX, p.file), '--runs', '100', '--seed', '42', ...p.args, '--out', out], io);
      expect(code, io.stdout() + io.stderr()).toBe(1);
      const n = Number(/shrunk \d+ time\(s\) to (\d+) fault/.exec(io.stdout())?.[1]);
      expect(n).toBeLessThanOrEqual(2);
      expect(io.stdout()).toMatch(p.finding);
      expect(io.stdout()).toContain('seed 42');
      const written = readFileSync(out, 'utf8');
      expect(written.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=/);
      const replay = bufferIo();
      expect(await main(['run', out], replay)).toBe(1);
      expect(replay.stdout()).toMatch(/FAIL/);
    });

    it(`${p.file}: with the pitfall fixed, the same exploration finds nothing`, async () => {
      const fixed = join(dir, `fixed-${p.file}`);
      const text = readFileSync(join(FIX, p.file), 'utf8');
      const repaired = p.fix(text);
      expect(repaired).not.toBe(text);
      writeFileSync(fixed, repaired);
      const io = bufferIo();
      const code = await main(['explore', fixed, '--runs', '100', '--seed', '42', ...p.args, '--out', join(dir, 'never.yaml')], io);
      expect(code, io.stdout()).toBe(0);
      expect(io.stdout()).toMatch(/no failure in 100 runs/);
    });
  }
});

describe('vrrplab explore input errors', () => {
  it('rejects an unknown fault kind with exit 2 and one line', async () => {
    const io = bufferIo();
    expect(await main(['explore', join(FIX, 'advert-int-mismatch.yaml'), '--faults', 'crash,meteor'], io)).toBe(2);
    expect(io.stderr()).toMatch(/--faults: unknown fault 'meteor'; expected/);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('rejects a missing scenario and a bad --runs', async () => {
    const a = bufferIo();
    expect(await main(['explore', 'no/such.yaml'], a)).toBe(2);
    expect(a.stderr()).toMatch(/cannot read the scenario/);
    const b = bufferIo();
    expect(await main(['explore', join(FIX, 'advert-int-mismatch.yaml'), '--runs', 'x'], b)).toBe(2);
    expect(b.stderr()).toMatch(/^vrrplab: --runs: 'x': expected an integer/);
  });

  it('writes plain progress lines when stderr is not a terminal', async () => {
    const fixed = join(mkdtempSync(join(tmpdir(), 'vrrplab-explore-')), 'ok.yaml');
    writeFileSync(fixed, readFileSync(join(FIX, 'advert-int-mismatch.yaml'), 'utf8').replace('advert_int 2', 'advert_int 1'));
    const io = bufferIo();
    expect(await main(['explore', fixed, '--runs', '20', '--seed', '7', '--faults', 'crash'], io)).toBe(0);
    expect(io.stderr()).toContain('explore: 20/20 runs\n');
    expect(io.stderr()).not.toContain('\r');
  });
});

describe('the written counterexample', () => {
  it('runs from another folder: keepalived paths and the $schema line are re-pointed, pinned expectations left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-explore-'));
    const out = join(dir, 'nested-ce.yaml');
    const io = bufferIo();
    const scenario = join(import.meta.dirname, '../../../scenarios/graceful-stop.yaml');
    expect(await main(['explore', scenario, '--runs', '30', '--seed', '1', '--faults', 'crash', '--out', out], io)).toBe(1);
    const text = readFileSync(out, 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)/.exec(text)?.[1];
    expect(readFileSync(join(dir, schema!), 'utf8')).toContain('"$schema"');
    expect(text).toMatch(/expectation\(s\) pinned to an instant were left out/);
    expect(readFileSync(scenario, 'utf8')).toMatch(/^\s+holder:/m);
    expect(text).not.toMatch(/^\s+holder:/m);
    const replay = bufferIo();
    expect(await main(['run', out], replay)).toBe(1);
    expect(replay.stderr()).toBe('');
  });
});

describe('faults without a target', () => {
  it('is bad input, not 100 identical empty runs', async () => {
    const io = bufferIo();
    expect(await main(['explore', join(FIX, 'advert-int-mismatch.yaml'), '--faults', 'service-down'], io)).toBe(2);
    expect(io.stderr()).toMatch(/none of the faults service-down has a target/);
  });
});
