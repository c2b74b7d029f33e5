import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderIpfailoverKeepalived } from '../../../src/ipfailover/render-keepalived.js';
import { bashRandom } from '../../../src/ipfailover/bash-random.js';
import { imageExpandVips, imageVipGroups } from '../../../src/ipfailover/expand-vips.js';
import { imageVrids, planIpfailoverInstances } from '../../../src/ipfailover/plan.js';
import { ipfailoverSpec, IMAGE_DEFAULT_VRRP_ID_OFFSET } from '../../../src/ipfailover/spec.js';
import { InputError } from '../../../src/cli/errors.js';

const fixture = (f: string): string => readFileSync(new URL(`../../fixtures/ipfailover/${f}`, import.meta.url), 'utf8');

// The env the samples were generated with (ipfailover-samples/README.md).
const sampleSpec = ipfailoverSpec({ virtualIps: '192.0.2.101-102', replicas: 2, interface: 'eth0', watchPort: 80 });

describe('renderIpfailoverKeepalived against the image samples (byte-exact)', () => {
  it('node 192.0.2.11, RANDOM=42', () => {
    expect(renderIpfailoverKeepalived(sampleSpec, { name: 'n11', address: '192.0.2.11' }, { seed: 42 }))
      .toBe(fixture('node-192.0.2.11.conf'));
  });
  it('node 192.0.2.12, RANDOM=42 (master-designated twice: the flip-flop)', () => {
    expect(renderIpfailoverKeepalived(sampleSpec, { name: 'n12', address: '192.0.2.12' }, { seed: 42 }))
      .toBe(fixture('node-192.0.2.12.conf'));
  });
  it('offset unset: the image default 10', () => {
    const spec = { ...sampleSpec, vrrpIdOffset: IMAGE_DEFAULT_VRRP_ID_OFFSET };
    expect(renderIpfailoverKeepalived(spec, { name: 'n11', address: '192.0.2.11' }, { seed: 42 }))
      .toBe(fixture('node-192.0.2.11-offset-unset.conf'));
  });
  it('a fixed random term replaces $RANDOM % 32 in every backup priority', () => {
    const text = renderIpfailoverKeepalived(sampleSpec, { name: 'n11', address: '192.0.2.11' }, 0);
    expect(text).toContain('   priority 11\n');
    expect(() => renderIpfailoverKeepalived(sampleSpec, { name: 'n11', address: '192.0.2.11' }, 32)).toThrow(InputError);
  });
  it('the node interface overrides the spec, and an empty one is an input error', () => {
    const text = renderIpfailoverKeepalived(sampleSpec, { name: 'n', address: '192.0.2.11', interface: 'br-ex' }, 1);
    expect(text).toContain('   interface br-ex\n');
    expect(text).toContain('    192.0.2.101 dev br-ex\n');
    expect(() => renderIpfailoverKeepalived({ ...sampleSpec, interface: '' }, { name: 'n', address: '192.0.2.11' }, 1)).toThrow(InputError);
  });
  it('notify, unicast peers and a user check script land where the image writes them', () => {
    const spec = { ...sampleSpec, notifyScript: '/etc/n.sh', unicastPeers: '192.0.2.11,192.0.2.12', checkScript: '/etc/c.sh', unicastSrcIp: '192.0.2.11' };
    const text = renderIpfailoverKeepalived(spec, { name: 'n', address: '192.0.2.11' }, 1);
    expect(text).toContain('   script "/etc/c.sh"\n');
    expect(text).toContain('   }\n   \n   notify "/etc/n.sh"\n \n    unicast_src_ip 192.0.2.11\n\n    unicast_peer {\n        192.0.2.11\n        192.0.2.12\n    }\n   \n   virtual_ipaddress {');
  });
  it('watch port 0 checks nothing; nopreempt drops state MASTER and the flip-flop', () => {
    const spec = { ...sampleSpec, watchPort: 0, preemptionStrategy: 'nopreempt' };
    const text = renderIpfailoverKeepalived(spec, { name: 'n', address: '192.0.2.12' }, 1);
    expect(text).toContain('   script "true"\n');
    expect(text).not.toContain('state MASTER');
    expect(text.match(/priority 243\n/g)).toHaveLength(2);
  });
  it('an empty VIP list gives no instance at all', () => {
    const text = renderIpfailoverKeepalived({ ...sampleSpec, virtualIps: '' }, { name: 'n', address: '192.0.2.11' }, 1);
    expect(text).not.toContain('vrrp_instance');
    expect(text.endsWith('   interval 2\n}\n\n')).toBe(true);
  });
});

describe('bash $RANDOM emulation', () => {
  it('matches bash for a few seeds', () => {
    for (const seed of [0, 1, 42, 12345, 2147483646]) {
      let expected: string;
      try {
        expected = execFileSync('bash', ['-c', `RANDOM=${seed}; echo $RANDOM $RANDOM $RANDOM`], { encoding: 'utf8' }).trim();
      } catch {
        if (process.env['CI'] === 'true') throw new Error('bash is needed for this test');
        console.warn('bash not found: skipping the $RANDOM cross-check');
        return;
      }
      const next = bashRandom(seed);
      expect([next(), next(), next()].join(' ')).toBe(expected);
    }
  });
});

describe('the image VIP expansion quirks (generator.md §3)', () => {
  it.each([
    ['192.0.2.101-102', ['192.0.2.101', '192.0.2.102']],
    ['1.2.3.4,10.1.1.100-104,5.6.7.8', ['1.2.3.4', '10.1.1.100', '10.1.1.101', '10.1.1.102', '10.1.1.103', '10.1.1.104', '5.6.7.8']],
    ['10.1.1.100-102, 10.1.1.200', ['10.1.1.100', '10.1.1.101', '10.1.1.102', '10.1.1.200']],
    ['10.0.0.1/24', ['10.0.0.124']],
    ['192.0.2.110-101', []],
    ['2001:db8:1abc::1f39-1f3b', []],
    ['2001:DB8:1ABC::1F39-1F3B', ['2001:DB8:1ABC::1F39', '2001:DB8:1ABC::1F3A', '2001:DB8:1ABC::1F3B']],
    ['192.0.2.101-192.0.2.102', ['192.0.2.101', '192.0.2.102']],
    ['', []],
  ])('%s', (text, vips) => {
    expect(imageExpandVips(text)).toEqual(vips);
  });
  it('a space inside a range swallows the separator: 101 VIPs', () => {
    expect(imageExpandVips('10.1.1.100-102 10.1.1.200')).toHaveLength(101);
  });
  it('groups: 7 VIPs in 3 groups are 3,2,2; 2 VIPs in 3 groups are 1,1', () => {
    expect(imageVipGroups(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 3).map((g) => g.length)).toEqual([3, 2, 2]);
    expect(imageVipGroups(['a', 'b'], 3).map((g) => g.length)).toEqual([1, 1]);
  });
  it('excluded VRIDs shift every later instance', () => {
    expect(imageVrids(0, [2, 3], 4)).toEqual([1, 4, 5, 6]);
  });
  it('offset 254 with two VIPs yields VRID 256', () => {
    const plan = planIpfailoverInstances({ ...sampleSpec, vrrpIdOffset: 254 }, '192.0.2.11', 0);
    expect(plan.map((p) => p.vrid)).toEqual([255, 256]);
  });
});
