// Issue 14's audit kept as bounded properties: mutated scenarios and keepalived.conf files,
// and arbitrary packets, never make vrrplab throw anything but an InputError (exit 2), exit 70
// or hang. Each property runs a few hundred cases: seconds in CI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { InputError, formatInputError } from '../../src/cli/errors.js';
import { loadScenarioText } from '../../sim/scenario/load.js';
import { parseKeepalivedConf } from '../../src/keepalived/parse.js';
import { renderKeepalivedConf, renderRefusal } from '../../src/keepalived/render.js';
import { buildRouterConfig } from '../../src/model/build.js';
import { observePacket } from '../../src/live/observe.js';
import { encodeIpv6Packet } from '../../src/vrrp/codec-ipv6.js';

const root = new URL('../../', import.meta.url).pathname;
const SCENARIO = readFileSync(join(root, 'scenarios/election-and-master-crash.yaml'), 'utf8');
const CONF = readFileSync(join(root, 'scenarios/configs', 'sync-group-edge-a.conf'), 'utf8');
// The IPv6 twins: a v6-only scenario (inline configs, neighbour caches) and a VRRPv3 IPv6 config.
const SCENARIO6 = readFileSync(join(root, 'scenarios/ipv6-partition-heal.yaml'), 'utf8');
const CONF6 = `vrrp_instance V6 {
    state BACKUP
    interface eth0
    virtual_router_id 61
    priority 150
    advert_int 0.5
    native_ipv6
    unicast_src_ip 2001:db8::1
    unicast_peer {
        2001:db8::2
    }
    virtual_ipaddress {
        2001:db8::101/64 dev eth0
        fe80::61
    }
    virtual_ipaddress_excluded {
        2001:db8::102
    }
}
`;
const ADVERT6 = encodeIpv6Packet(
  { version: 3, vrid: 61, priority: 150, advertInt: 500_000, vips: ['2001:db8::101', '2001:db8::102'], auth: { type: 'none' } },
  { src: 'fe80::1', dst: 'ff02::12', hopLimit: 255, flowLabel: 0 },
);

// Pieces the audit found dangerous, spliced in anywhere.
const PIECES = ['{', '}', '"', "'", '#', '!', '\\', '\n', '\r', '\u0000', '\u001b', '\u2028', 'include /dev/zero\n', 'include /[z-a]\n',
  '*a', '&a ', '<<: *a', '!!js/function ', '- ', ': ', '---\n', '$X=1\n', '@id ', '~SEQ(i,1,3)\n', 'constructor', '__proto__', 'x'.repeat(1100)];

const mutant = (base: string): fc.Arbitrary<string> =>
  fc.array(fc.tuple(fc.nat(base.length), fc.nat(8), fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }))), { minLength: 1, maxLength: 6 })
    .map((edits) => edits.reduce((t, [at, del, ins]) => t.slice(0, Math.min(at, t.length)) + ins + t.slice(Math.min(at, t.length) + del), base));

/** Runs f; an InputError must format as one line; anything else thrown fails the property. */
function onlyInputErrors(f: () => void): void {
  try { f(); } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(formatInputError(e)).not.toMatch(/[\n\r\u0000\u001b\u2028]/);
  }
}

describe('bounded fuzz (issue 14 audit)', () => {
  test.prop([fc.oneof(mutant(SCENARIO), mutant(SCENARIO6))], { numRuns: 200 })('a mutated scenario (IPv4 or IPv6) loads or is an input error', (text) => {
    onlyInputErrors(() => { loadScenarioText(text, 's.yaml', { readFile: () => CONF }); });
  });

  test.prop([fc.oneof(mutant(CONF), mutant(CONF6))], { numRuns: 400 })('a mutated keepalived.conf (IPv4 or IPv6) parses, builds and renders, or is an input error', (text) => {
    onlyInputErrors(() => {
      const r = parseKeepalivedConf(text, 'k.conf', () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); });
      buildRouterConfig({ name: 'n', interfaces: [], keepalived: r.config }, r.positions);
      const refusal = renderRefusal(r.config, r.positions);
      if (refusal !== undefined) return;
      // What renders must read back as the same model: no directive smuggled in or lost.
      const again = parseKeepalivedConf(renderKeepalivedConf(r.config), 'r.conf').config;
      expect(renderKeepalivedConf(again)).toBe(renderKeepalivedConf(r.config));
    });
  });

  test.prop([fc.uint8Array({ maxLength: 1500 })], { numRuns: 2000 })('any bytes on the wire are an observation, never a throw', (bytes) => {
    const o = observePacket(bytes);
    expect(['advert', 'invalid']).toContain(o.kind);
  });

  // Random bytes almost never start like an IPv6 VRRP packet: mutate a real one instead, so the
  // IPv6 decoder's every field check is reached (version nibble, payload length, next header, ...).
  test.prop([fc.array(fc.tuple(fc.nat(ADVERT6.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(ADVERT6.length)], { numRuns: 2000 })(
    'any mutation of an IPv6 advert on the wire is an observation, never a throw', (edits, cut) => {
      const bytes = ADVERT6.slice(0, Math.max(1, cut));
      for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v;
      bytes[0] = 0x60 | (bytes[0]! & 0x0f);
      const o = observePacket(bytes);
      expect(['advert', 'invalid']).toContain(o.kind);
    });
});
