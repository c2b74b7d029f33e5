// Whatever a keepalived.conf says, the builder hands the core values inside keepalived's own
// ranges (the core trusts them), and never throws.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { buildRouterConfig } from '../../src/model/build.js';
import { withScriptSecurity } from '../../src/keepalived/security.js';
import { anyKeepalivedConfig, cleanKeepalivedConfig, CLEAN_INTERFACES } from './arbitraries-keepalived.js';

const interfaces = CLEAN_INTERFACES.map((i) => ({ ...i, prefix: 26 }));

describe('buildRouterConfig on any model', () => {
  test.prop([anyKeepalivedConfig], { numRuns: 300 })('produces only values keepalived would run with', (keepalived) => {
    const { config } = buildRouterConfig({ name: 'n', interfaces, keepalived });
    const names = new Set(config.scripts.map((s) => s.name));
    for (const i of config.instances) {
      expect(i.vrid).toBeGreaterThanOrEqual(1);
      expect(i.vrid).toBeLessThanOrEqual(255);
      expect(i.priority).toBeGreaterThanOrEqual(1);
      expect(i.priority).toBeLessThanOrEqual(255);
      expect(Number.isInteger(i.advertInt)).toBe(true);
      if (i.version === 2) { expect(i.advertInt % 1_000_000).toBe(0); expect(i.advertInt).toBeLessThanOrEqual(255_000_000); }
      else { expect(i.advertInt % 10_000).toBe(0); expect(i.advertInt).toBeLessThanOrEqual(40_950_000); }
      expect(i.advertInt).toBeGreaterThan(0);
      expect(i.downTimerAdverts).toBeGreaterThanOrEqual(1);
      expect(i.downTimerAdverts).toBeLessThanOrEqual(100);
      expect(i.garp.masterRepeat).toBeGreaterThanOrEqual(1);
      if (i.initialState === 'MASTER') { expect(i.nopreempt).toBe(false); expect(i.preemptDelay).toBe(0); }
      if (i.priority === 255) expect(i.nopreempt).toBe(false);
      if (i.auth.type === 'PASS') { expect(i.version).toBe(2); expect(i.auth.pass.length).toBeLessThanOrEqual(8); }
      for (const t of i.track) {
        if (t.kind === 'script') expect(names.has(t.name)).toBe(true);
        if (i.priority === 255) expect(t.weight).toBe(0);
      }
    }
    for (const s of config.scripts) {
      expect(s.interval).toBeGreaterThanOrEqual(1_000_000);
      expect(s.timeout).toBeGreaterThanOrEqual(1_000_000);
      expect(s.rise).toBeGreaterThanOrEqual(1);
      expect(s.fall).toBeGreaterThanOrEqual(1);
    }
  });

  test.prop([cleanKeepalivedConfig], { numRuns: 200 })('a clean model builds without any finding', (keepalived) => {
    // As rendered: the renderer adds script security, which keepalived -t insists on.
    const r = buildRouterConfig({ name: 'n', interfaces, keepalived: withScriptSecurity(keepalived) });
    expect(r.warnings.filter((w) => !w.message.startsWith('vrrplab:'))).toEqual([]);
    expect(r.config.instances).toHaveLength(keepalived.instances.length);
  });
});
