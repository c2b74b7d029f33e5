// The chunked instance layout (state.ts): a step replaces only the chunks it changes and never
// writes into one an older RouterState holds. The property tests use a few instances (one
// chunk), so the many-chunk paths are checked here with 40 instances (three chunks) and 500
// (past the 30 chunks the fresh-chunk bitmasks cover). The timers (RouterState.sands) are
// chunked the same way, apart from the records: the steady steps replace a sands chunk only.
import { describe, expect, it } from 'vitest';
import { defaultInstanceConfig } from '../../../src/vrrp/defaults.js';
import { instanceStatus } from '../../../src/vrrp/router.js';
import { INSTANCE_CHUNK, instanceList, sandsAt } from '../../../src/vrrp/state.js';
import { advertFrom, config, feed, fire, started } from './harness.js';

function many(n: number): ReturnType<typeof started> {
  const insts = Array.from({ length: n }, (_, k) => defaultInstanceConfig({
    name: `VI_${k}`, vrid: (k % 255) + 1, iface: `eth${Math.floor(k / 255)}`, priority: 100, vips: [`198.51.100.${(k % 250) + 1}`],
  }));
  return started(config(insts), 0, Object.fromEntries(insts.map((c) => [c.iface, true])));
}

describe('chunked instance records', () => {
  for (const n of [40, 500]) {
    it(`${n} instances: an advert for one replaces only its chunk and leaves the old state as it was`, () => {
      const s = many(n);
      const k = n - 3;
      const before = structuredClone(s.router);
      const vrid = (k % 255) + 1;
      const r = feed(s, advertFrom('192.0.2.9', { vrid, vips: [`198.51.100.${(k % 250) + 1}`] }, { iface: `eth${Math.floor(k / 255)}` }), 1_000_000);
      expect(s.router).toEqual(before);
      const c = Math.floor(k / INSTANCE_CHUNK);
      r.router.instances.forEach((chunk, j) => {
        if (j === c) expect(chunk).not.toBe(s.router.instances[j]);
        else expect(chunk).toBe(s.router.instances[j]);
      });
      expect(instanceList(r.router.instances)[k]?.masterSaddr).toBe('192.0.2.9');
      expect(instanceList(r.router.instances).filter((v) => v.masterSaddr !== null)).toHaveLength(1);
    });
  }

  for (const n of [40, 500]) {
    it(`${n} instances: the steady steps (a backup hearing its master, a master's advert timer) replace one sands chunk and no record`, () => {
      const k = n - 3;
      const vrid = (k % 255) + 1;
      const heard = advertFrom('192.0.2.9', { vrid, vips: [`198.51.100.${(k % 250) + 1}`] }, { iface: `eth${Math.floor(k / 255)}` });
      const s = feed(many(n), heard, 1_000_000);
      const before = structuredClone(s.router);
      const c = Math.floor(k / INSTANCE_CHUNK);
      const again = feed(s, heard, 2_000_000);
      expect(again.effects).toEqual([{ type: 'setTimer', key: { kind: 'instance', instance: `VI_${k}`, index: k }, at: 2_000_000 + 3_609_375 }]);
      expect(s.router).toEqual(before);
      expect(again.router.instances).toBe(s.router.instances);
      again.router.sands.forEach((chunk, j) => {
        if (j === c) expect(chunk).not.toBe(s.router.sands[j]);
        else expect(chunk).toBe(s.router.sands[j]);
      });
      expect(sandsAt(again.router, k)).toBe(2_000_000 + 3_609_375);
      expect(sandsAt(s.router, k)).toBe(1_000_000 + 3_609_375);

      // The same instance as MASTER: each advert timer re-arms it and changes no record.
      const m = fire(s, `VI_${k}`, 1_000_000 + 3_609_375);
      expect(instanceStatus(m.router, `VI_${k}`).state).toBe('MASTER');
      const mBefore = structuredClone(m.router);
      const tx = fire(m, `VI_${k}`, 1_000_000 + 3_609_375 + 1_000_000);
      expect(tx.effects.map((e) => e.type)).toEqual(['sendAdvert', 'setTimer']);
      expect(m.router).toEqual(mBefore);
      expect(tx.router.instances).toBe(m.router.instances);
      expect(sandsAt(tx.router, k)).toBe(1_000_000 + 3_609_375 + 2_000_000);
    });
  }

  it('many instances changing in one step (a stop) each land in their own chunk', () => {
    const s = many(500);
    const before = structuredClone(s.router);
    const m = fire(s, 'VI_499', 3_609_375);
    expect(instanceStatus(m.router, 'VI_499').state).toBe('MASTER');
    const stopped = feed(m, { type: 'stop' }, 4_000_000);
    expect(s.router).toEqual(before);
    expect(instanceList(stopped.router.instances).every((v) => v.state === 'STOP')).toBe(true);
    expect(instanceStatus(m.router, 'VI_499').state).toBe('MASTER');
  });
});
