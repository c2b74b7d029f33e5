// explore's schedules keep at least one node able to hold each VIP unless asked otherwise: "both
// nodes crashed" is not a finding about the configuration. Findings that teach come first.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { findingRank } from '../../../src/explore/explore.js';
import { firstTotalOutage } from '../../../src/explore/holders.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { pairDir } from '../../support/pair-dir.js';

const dir = (): string => pairDir('vrrplab-explore-outage-');

describe('explore keeps a holder for each VIP', () => {
  it('finds nothing on a pair where only crashing both nodes breaks the outage bound', async () => {
    const d = dir();
    const io = bufferIo(d);
    const code = await main(['explore', 'pair.yaml', '--faults', 'crash', '--runs', '60', '--seed', '7', '--out', 'ce.yaml'], io);
    expect(io.stdout(), io.stderr()).toMatch(/^no failure in 60 runs/);
    expect(code).toBe(0);
  });

  it('--allow-total-outage lifts it, and the counterexample crashes both', async () => {
    const d = dir();
    const io = bufferIo(d);
    const code = await main(['explore', 'pair.yaml', '--faults', 'crash', '--runs', '60', '--seed', '7', '--out', 'ce.yaml', '--allow-total-outage'], io);
    expect(code, io.stdout() + io.stderr()).toBe(1);
    expect(io.stdout()).toMatch(/crash a[\s\S]*crash b|crash b[\s\S]*crash a/);
  });

  it('shards keep the same schedules: merged, they find what the unsharded exploration finds', async () => {
    // Shards once drew from the unfiltered schedules and reported "both crashed" where the
    // unsharded exploration, by default, finds nothing.
    const d = dir();
    const merged = async (extra: readonly string[]): Promise<string> => {
      const files: string[] = [];
      for (const i of [0, 1]) {
        const io = bufferIo(d);
        await main(['explore', 'pair.yaml', '--faults', 'crash', '--runs', '60', '--seed', '7', ...extra, '--shard', `${i}/2`], io);
        files.push(join(d, `s${i}.json`));
        writeFileSync(files[i]!, io.stdout());
      }
      const io = bufferIo(d);
      await main(['explore', 'merge', ...files, '--out', 'merged.yaml'], io);
      return io.stdout();
    };
    expect(await merged([])).toMatch(/^no failure in 60 runs \(seed 7\)\n$/);
    const whole = bufferIo(d);
    await main(['explore', 'pair.yaml', '--faults', 'crash', '--runs', '60', '--seed', '7', '--out', 'whole.yaml', '--allow-total-outage'], whole);
    const foundAt = Number(/FAILURE found at run (\d+)/.exec(whole.stdout())?.[1]);
    expect(await merged(['--allow-total-outage'])).toContain(`(run ${foundAt - 1})`);
    expect(readFileSync(join(d, 'merged.yaml'), 'utf8')).toBe(readFileSync(join(d, 'whole.yaml'), 'utf8'));
  });

  it('says so in --help', async () => {
    const io = bufferIo();
    await main(['explore', '--help'], io);
    expect(io.stdout()).toMatch(/keep at least one node able to hold\s+each VIP unless --allow-total-outage/);
  });

  it('judges holders by what the faults leave: crash, stop, freeze, link-down', () => {
    const d = dir();
    const s = loadScenarioText(readFileSync(join(d, 'pair.yaml'), 'utf8'), join(d, 'pair.yaml')).spec;
    expect(firstTotalOutage(s, [{ at: 1, fault: { kind: 'crash', node: 'a' } }, { at: 2, fault: { kind: 'start', node: 'a' } }, { at: 3, fault: { kind: 'freeze', node: 'b' } }])).toBeNull();
    expect(firstTotalOutage(s, [{ at: 1, fault: { kind: 'link-down', node: 'a' } }, { at: 3, fault: { kind: 'stop', node: 'b' } }])).toBe(3);
  });
});

describe('findings are ranked by what they teach', () => {
  it('split brain, then outage, then stale ARP, then the rest', () => {
    const fs = [
      { what: 'expectation: converges within 10s of the last timeline event', detail: 'settled 12s after' },
      { what: 'expectation: probe web availability >= 99%', detail: '97% ... stale ARP: b does not hold 192.0.2.100' },
      { what: 'expectation: longest outage of any VIP <= 5s', detail: 'longest 9s' },
      { what: 'invariant: boundedDualMastership', detail: 'two holders for 4s' },
    ];
    expect([...fs].sort((x, y) => findingRank(x) - findingRank(y)).map((f) => f.what.split(' ')[1])).toEqual(['boundedDualMastership', 'longest', 'probe', 'converges']);
  });
});
