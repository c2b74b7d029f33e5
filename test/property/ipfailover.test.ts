import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ipfailoverInjections } from '../../src/ipfailover/inject.js';
import { imageExpandVips } from '../../src/ipfailover/expand-vips.js';
import { planIpfailoverInstances } from '../../src/ipfailover/plan.js';
import { parseIpfailoverCommand } from '../../src/ipfailover/parse-cli.js';
import { renderIpfailoverCli } from '../../src/ipfailover/render-cli.js';
import { renderIpfailoverKeepalived } from '../../src/ipfailover/render-keepalived.js';
import { ipfailoverSpec, type IpfailoverSpec } from '../../src/ipfailover/spec.js';
import { lint } from '../../src/lint/lint.js';

const octet = fc.integer({ min: 0, max: 255 });
/** A clean VIP list element: an address or a last-octet range, as oc accepts them. */
const element = fc.tuple(fc.integer({ min: 0, max: 3 }), octet, fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }))
  .map(([net, start, len]) => (len === undefined || start + len > 255 ? `198.51.100.${start}` : `10.0.${net}.${start}-${start + len}`));
const vipList = fc.uniqueArray(element, { minLength: 1, maxLength: 6 }).map((es) => es.join(','));
const nodeAddress = fc.tuple(octet, octet).map(([a, b]) => `192.0.${a}.${b}`);
const random = fc.oneof(fc.integer({ min: 0, max: 31 }), fc.record({ seed: fc.integer({ min: 0, max: 0x7ffffffe }) }));

describe('ipfailover instance plan', () => {
  test.prop([vipList, fc.integer({ min: 0, max: 10 }), nodeAddress, fc.integer({ min: 1, max: 5 }), random])(
    'the instances hold the expanded VIPs in order; each VIP in exactly one, or lint says vip-duplicate',
    (virtualIps, vipGroups, address, replicas, rnd) => {
      const spec = ipfailoverSpec({ virtualIps, vipGroups, replicas });
      const plan = planIpfailoverInstances(spec, address, rnd);
      const expanded = imageExpandVips(virtualIps);
      const placed = plan.flatMap((p) => p.vips);
      expect(placed).toEqual(expanded);
      const duplicate = new Set(placed).size !== placed.length;
      const findings = lint({ keepalived: [], ipfailover: [{ parsed: { spec, positions: {}, source: 'p' } }] });
      expect(findings.some((f) => f.code === 'vip-duplicate' && f.severity === 'error')).toBe(duplicate);
      if (vipGroups > 0) expect(plan.length).toBe(Math.min(vipGroups, expanded.length));
    },
  );

  test.prop([vipList, fc.integer({ min: 0, max: 254 }), fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { maxLength: 5 }), nodeAddress])(
    'VRIDs are unique, avoid exclusions, and stay <= 255 or lint says vrid-range',
    (virtualIps, vrrpIdOffset, excludedVrrpIds, address) => {
      const spec = ipfailoverSpec({ virtualIps, vrrpIdOffset, excludedVrrpIds });
      const vrids = planIpfailoverInstances(spec, address, 0).map((p) => p.vrid);
      expect(new Set(vrids).size).toBe(vrids.length);
      expect(vrids.filter((v) => excludedVrrpIds.includes(v))).toEqual([]);
      const errors = lint({ keepalived: [], ipfailover: [{ parsed: { spec, positions: {}, source: 'p' } }] }).filter((f) => f.code === 'vrid-range');
      expect(errors.length > 0).toBe(vrids.some((v) => v > 255));
    },
  );

  test.prop([vipList, nodeAddress, fc.integer({ min: 1, max: 4 }), random])(
    'priorities stay in 0..255 and only master-designated instances write state MASTER',
    (virtualIps, address, replicas, rnd) => {
      const spec = ipfailoverSpec({ virtualIps, replicas });
      const plan = planIpfailoverInstances(spec, address, rnd);
      for (const p of plan) {
        expect(p.priority).toBeGreaterThanOrEqual(0);
        expect(p.priority).toBeLessThanOrEqual(255);
        expect(p.stateMaster).toBe(p.masterDesignated);
      }
      const text = renderIpfailoverKeepalived(spec, { name: 'n', address }, rnd);
      expect(text.split('state MASTER').length - 1).toBe(plan.filter((p) => p.stateMaster).length);
    },
  );
});

const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '"', "'", '\\', '$', '`', '=', ',', '-', '/', '#', ';', '\n', 'é') });
const optText = fc.option(text, { nil: undefined });
const cliSpec: fc.Arbitrary<IpfailoverSpec> = fc.record({
  name: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
  virtualIps: text,
  vipGroups: fc.integer({ min: 0, max: 300 }),
  interface: text,
  watchPort: fc.integer({ min: -1, max: 70000 }),
  vrrpIdOffset: fc.integer({ min: 0, max: 254 }),
  replicas: fc.integer({ min: -2, max: 50 }),
  selector: optText,
  checkScript: text,
  checkInterval: fc.integer({ min: 0, max: 100 }),
  notifyScript: text,
  preemptionStrategy: text,
  iptablesChain: text,
  serviceAccount: text.filter((s) => s !== ''),
  image: optText.filter((s) => s !== ''),
  latestImages: fc.boolean(),
  credentials: optText,
  create: fc.boolean(),
  legacy: fc.boolean(),
  namespace: optText.filter((s) => s !== ''),
}).map((r) => {
  const { selector, image, credentials, namespace, ...rest } = r;
  return ipfailoverSpec({
    ...rest,
    ...(selector !== undefined ? { selector } : {}),
    ...(image !== undefined ? { image } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  });
});

describe('command line round trip', () => {
  test.prop([cliSpec])('parse(render(spec)) = spec, or the spec is refused as injectable', (spec) => {
    if (ipfailoverInjections(spec).length > 0) {
      expect(() => renderIpfailoverCli(spec)).toThrow(/^security: /);
      return;
    }
    expect(parseIpfailoverCommand(renderIpfailoverCli(spec), 'p').spec).toEqual(spec);
  });
});
