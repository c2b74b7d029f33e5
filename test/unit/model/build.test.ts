import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';
import { buildRouterConfig } from '../../../src/model/build.js';
import type { NodeModel } from '../../../src/model/types.js';
import { defaultInstanceConfig, defaultScriptConfig } from '../../../src/vrrp/defaults.js';

const IFACES = [{ name: 'eth0', address: '192.0.2.11', prefix: 24 }, { name: 'eth1', address: '198.51.100.11', prefix: 24 }];

function build(text: string, interfaces = IFACES) {
  const p = parseKeepalivedConf(text, 'k.conf');
  const node: NodeModel = { name: 'n1', interfaces, keepalived: p.config };
  const r = buildRouterConfig(node, p.positions);
  return { ...r, messages: r.warnings.map((w) => w.message) };
}

const inst = (body: string, name = 'VI_1'): string =>
  `vrrp_instance ${name} {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n  192.0.2.100\n }\n${body}\n}\n`;

describe('buildRouterConfig', () => {
  it('applies keepalived defaults to a minimal instance', () => {
    const r = build(inst(''));
    expect(r.warnings).toEqual([]);
    expect(r.config.instances).toEqual([defaultInstanceConfig({ name: 'VI_1', vrid: 51, srcAddr: '192.0.2.11', vips: ['192.0.2.100'] })]);
  });

  it('state MASTER without priority becomes owner priority 255 and clears nopreempt/preempt_delay', () => {
    const r = build(inst(' state MASTER\n nopreempt\n preempt_delay 5'));
    expect(r.config.instances[0]).toMatchObject({ priority: 255, initialState: 'MASTER', nopreempt: false, preemptDelay: 0 });
    expect(r.messages).toContain('(VI_1) nopreempt is incompatible with priority 255. resetting nopreempt');
    expect(r.messages).toContain('(VI_1) Warning - preempt delay will not work with initial state MASTER - clearing');
  });

  it('state MASTER with a priority below 255 clears nopreempt with keepalived\'s warning', () => {
    const r = build(inst(' state MASTER\n priority 150\n nopreempt'));
    expect(r.config.instances[0]).toMatchObject({ priority: 150, initialState: 'MASTER', nopreempt: false });
    expect(r.messages).toEqual(['(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing']);
    expect(r.warnings[0]?.pos).toEqual({ file: 'k.conf', line: 9, col: 2 });
  });

  it('preempt_delay: microseconds, cleared by nopreempt', () => {
    expect(build(inst(' preempt_delay 2.5')).config.instances[0]?.preemptDelay).toBe(2_500_000);
    const r = build(inst(' nopreempt\n preempt_delay 2'));
    expect(r.config.instances[0]?.preemptDelay).toBe(0);
    expect(r.messages).toEqual(['(VI_1) preempt_delay is incompatible with nopreempt mode - resetting']);
  });

  it('cuts auth_pass to 8 bytes and ignores auth for v3', () => {
    expect(build(inst(' authentication {\n auth_type PASS\n auth_pass 123456789\n }')).config.instances[0]?.auth).toEqual({ type: 'PASS', pass: '12345678' });
    const v3 = build(inst(' version 3\n authentication {\n auth_type PASS\n auth_pass x\n }'));
    expect(v3.config.instances[0]?.auth).toEqual({ type: 'none' });
    expect(v3.messages).toEqual(['(VI_1) VRRP version 3 does not support authentication. Ignoring.']);
  });

  it.each([
    [2, '1.5', 2_000_000, 'must be an integer. rounding'],
    [2, '1.4', 1_000_000, 'must be an integer. rounding'],
    [2, '0.2', 1_000_000, 'must be an integer. rounding'],
    [3, '1.555', 1_560_000, 'must be in units of 10ms - rounding'],
    [3, '41', 40_950_000, 'Setting to 40.95s'],
    [3, '0.01', 10_000, undefined],
  ])('advert_int v%i %s -> %i µs', (v, adv, us, msg) => {
    const r = build(inst(` version ${v}\n advert_int ${adv}`));
    expect(r.config.instances[0]?.advertInt).toBe(us);
    if (msg === undefined) expect(r.warnings).toEqual([]);
    else expect(r.messages.join('\n')).toContain(msg);
  });

  it('resolves script timeout 0-as-unset to the interval and reports an explicit 0', () => {
    const text = `vrrp_script a {\n script /bin/true\n interval 3\n}\nvrrp_script b {\n script /bin/true\n interval 2\n timeout 0\n}\n${inst(' track_script {\n a\n b\n }')}`;
    const r = build(`global_defs {\n enable_script_security\n script_user root\n}\n${text}`);
    expect(r.config.scripts).toEqual([
      defaultScriptConfig({ name: 'a', interval: 3_000_000, timeout: 3_000_000 }),
      defaultScriptConfig({ name: 'b', interval: 2_000_000, timeout: 1_000_000 }),
    ]);
    expect(r.messages).toEqual(['(b): vrrp script timeout must be greater than 0, setting to 1']);
  });

  it('reports scripts without script security, and unused scripts', () => {
    const r = build(`vrrp_script a {\n script /bin/true\n}\n${inst('')}`);
    expect(r.messages).toEqual(['SECURITY VIOLATION - scripts are being executed but script_security not enabled.', 'Warning - script a is not used']);
    expect(r.config.scripts).toEqual([]);
  });

  it('track_script weights: override, removed for owners and in sync groups', () => {
    const scripts = 'global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script s {\n script /bin/true\n weight 10\n}\n';
    expect(build(scripts + inst(' track_script {\n s weight -20 reverse\n }')).config.instances[0]?.track)
      .toEqual([{ kind: 'script', name: 's', weight: -20, reverse: true }]);
    const owner = build(scripts + inst(' priority 255\n track_script {\n s\n }'));
    expect(owner.config.instances[0]?.track).toEqual([]);
    expect(owner.messages).toContain('(VI_1) ignoring tracked script s with weights due to address_owner');
    const sync = build(`${scripts}${inst(' track_script {\n s\n }')}${inst('', 'VI_2').replace('51', '52')}vrrp_sync_group G {\n group {\n VI_1\n VI_2\n }\n}\n`);
    expect(sync.config.instances[0]?.track).toEqual([]);
    expect(sync.messages).toContain('(VI_1) ignoring tracked script s with weights due to SYNC group');
  });

  it('track_interface: own interface ignored; weight kept in a sync group as 2.2.7 does', () => {
    const r = build(inst(' track_interface {\n eth0\n eth1 weight -30\n }'));
    expect(r.config.instances[0]?.track).toEqual([{ kind: 'interface', name: 'eth1', weight: -30, reverse: false }]);
    expect(r.messages).toEqual(['(VI_1) Ignoring track_interface eth0 since own interface']);
    const sync = build(`${inst(' track_interface {\n eth1 weight -30\n }')}${inst('', 'VI_2').replace('51', '52')}vrrp_sync_group G {\n group {\n VI_1\n VI_2\n }\n}\n`);
    expect(sync.config.instances[0]?.track).toEqual([{ kind: 'interface', name: 'eth1', weight: -30, reverse: false }]);
    expect(sync.messages[0]).toBe('(VI_1) ignoring eth1 tracked interface weight due to SYNC group');
  });

  it('source address: unicast_src_ip, then mcast_src_ip, then the interface address', () => {
    expect(build(inst(' unicast_src_ip 192.0.2.50\n unicast_peer {\n 192.0.2.12\n }')).config.instances[0]).toMatchObject({ srcAddr: '192.0.2.50', unicastPeers: ['192.0.2.12'] });
    expect(build(inst(' mcast_src_ip 192.0.2.60')).config.instances[0]?.srcAddr).toBe('192.0.2.60');
    expect(build(inst('').replace('eth0', 'eth1')).config.instances[0]?.srcAddr).toBe('198.51.100.11');
  });

  it('garp defaults come from global_defs; lower_prio defaults follow the global master values', () => {
    const r = build(`global_defs {\n vrrp_garp_master_delay 2\n vrrp_garp_master_repeat 3\n}\n${inst(' garp_master_repeat 0')}`);
    expect(r.config.instances[0]?.garp).toEqual({ masterDelay: 2_000_000, masterRepeat: 1, masterRefresh: 0, masterRefreshRepeat: 1, lowerPrioDelay: 2_000_000, lowerPrioRepeat: 3 });
    expect(r.messages).toEqual(['(VI_1): garp_master_repeat must be greater than 0, setting to 1']);
  });

  it('strict mode overrides', () => {
    const r = build(`global_defs {\n vrrp_strict\n}\n${inst(' state MASTER\n priority 100\n down_timer_adverts 5\n higher_prio_send_advert true')}`);
    expect(r.config.instances[0]).toMatchObject({ initialState: 'BACKUP', downTimerAdverts: 3, lowerPrioNoAdvert: true, higherPrioSendAdvert: false, garp: { lowerPrioDelay: 0, lowerPrioRepeat: 0 } });
    expect(r.messages).toEqual([
      expect.stringMatching(/^vrrplab: 'vrrp_strict' is not simulated: strict mode turns accept mode off/),
      '(VI_1) State MASTER must match being address owner',
      '(VI_1) down_timer_adverts is incompatible with strict mode - resetting',
      '(VI_1) strict mode requires higher_prio_send_advert to be clear. resetting',
    ]);
  });

  it('down_timer_adverts from global_defs, instance wins', () => {
    expect(build(`global_defs {\n vrrp_down_timer_adverts 5\n}\n${inst('')}`).config.instances[0]?.downTimerAdverts).toBe(5);
    expect(build(`global_defs {\n vrrp_down_timer_adverts 5\n}\n${inst(' down_timer_adverts 7')}`).config.instances[0]?.downTimerAdverts).toBe(7);
  });

  it('sync groups: members start BACKUP unless all are owners; one member is reported', () => {
    const r = build(`${inst(' state MASTER\n priority 200')}${inst(' state MASTER\n priority 255', 'VI_2').replace('51', '52')}vrrp_sync_group G {\n group {\n VI_1\n VI_2\n }\n}\nvrrp_sync_group H {\n group {\n VI_1\n }\n}\n`);
    expect(r.config.instances.map((i) => i.initialState)).toEqual(['BACKUP', 'BACKUP']);
    expect(r.config.syncGroups).toEqual([{ name: 'G', instances: ['VI_1', 'VI_2'] }]);
    expect(r.messages).toContain('Virtual router VI_1 cannot exist in more than one sync group; ignoring H');
  });

  it('rejects instances keepalived rejects, as errors', () => {
    const noVrid = build('vrrp_instance VI_1 {\n interface eth0\n virtual_ipaddress {\n 192.0.2.1\n }\n}\n');
    expect(noVrid.config.instances).toEqual([]);
    expect(noVrid.warnings).toEqual([{ severity: 'error', message: '(VI_1) the virtual router id must be set', pos: { file: 'k.conf', line: 1, col: 1 } }]);
    const v3NoVip = build('vrrp_instance VI_1 {\n interface eth0\n version 3\n virtual_router_id 5\n}\n');
    expect(v3NoVip.config.instances).toEqual([]);
    expect(v3NoVip.warnings[0]?.severity).toBe('error');
    const dup = build(inst('') + inst('', 'VI_2'));
    expect(dup.warnings).toEqual([expect.objectContaining({ severity: 'error', message: 'VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0' })]);
  });

  it('reports an interface the node does not have', () => {
    expect(build(inst('').replace('eth0', 'eth9')).messages).toContain("WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist");
  });
});
