import { describe, expect, it } from 'vitest';
import { renderRouterConf, routerToKeepalivedConfig, scriptCommand } from '../../../src/conformance/keepalivedConf.js';
import { InputError } from '../../../src/cli/errors.js';
import type { RouterConfig } from '../../../src/vrrp/types.js';
import { instance } from './twoNodeSpec.js';

const ifaces = [{ name: 'eth0', address: '192.0.2.11', prefix: 24 }];

const router: RouterConfig = {
  instances: [
    instance(150, '192.0.2.11', { name: 'VI_1', track: [{ kind: 'script', name: 'chk_router', weight: 0, reverse: false }], preemptDelay: 2_500_000 }),
    instance(150, '192.0.2.11', { name: 'VI_2', vrid: 52, vips: ['192.0.2.101'], version: 3, advertInt: 500_000, unicastPeers: ['192.0.2.12'], nopreempt: true }),
  ],
  scripts: [{ name: 'chk_router', script: '/bin/bash -c \'</dev/tcp/192.0.2.11/80\'', interval: 2_000_000, timeout: 2_000_000, rise: 2, fall: 3, weight: 0, reverse: false, initFail: false }],
  syncGroups: [],
};

describe('scriptCommand', () => {
  it('realises bindings as commands keepalived can run', () => {
    expect(scriptCommand('c', { kind: 'const', ok: true }, [])).toBe('/bin/true');
    expect(scriptCommand('c', { kind: 'const', ok: false }, [])).toBe('/bin/false');
    expect(scriptCommand('c', { kind: 'tcp', host: '192.0.2.100', port: 80 }, [])).toBe("/bin/bash -c '</dev/tcp/192.0.2.100/80'");
    expect(scriptCommand('c', { kind: 'service', service: 'router' }, [{ name: 'router', port: 1936 }])).toBe("/bin/bash -c '</dev/tcp/127.0.0.1/1936'");
  });

  it('refuses an unbound script or an unknown service', () => {
    expect(() => scriptCommand('c', undefined, [])).toThrow(InputError);
    expect(() => scriptCommand('c', { kind: 'service', service: 'nope' }, [{ name: 'router', port: 80 }])).toThrow(/unknown service 'nope'/);
  });
});

describe('routerToKeepalivedConfig', () => {
  const conf = routerToKeepalivedConfig({ router, interfaces: ifaces, scriptCommands: new Map([['chk_router', '/bin/true']]), notifyFifo: '/run/x/notify.fifo' });

  it('keeps timers in the file units: decimal seconds for adverts, whole seconds for scripts', () => {
    expect(conf.instances[0]).toMatchObject({ advertInt: 1, preemptDelay: 2.5, priority: 150, state: 'BACKUP', virtualRouterId: 51 });
    expect(conf.instances[1]).toMatchObject({ advertInt: 0.5, version: 3, nopreempt: true });
    expect(conf.scripts[0]).toMatchObject({ name: 'chk_router', script: '/bin/true', interval: 2, timeout: 2, rise: 2, fall: 3, weight: 0 });
  });

  it('writes unicast peers with the source address, multicast without a redundant source', () => {
    expect(conf.instances[0]?.mcastSrcIp).toBeUndefined();
    expect(conf.instances[1]).toMatchObject({ unicastSrcIp: '192.0.2.11', unicastPeer: [{ address: '192.0.2.12' }] });
  });

  it('reports through a notify FIFO and secures scripts', () => {
    const text = renderRouterConf({ router, interfaces: ifaces, scriptCommands: new Map([['chk_router', "/bin/bash -c '</dev/tcp/192.0.2.11/80'"]]), notifyFifo: '/run/x/notify.fifo' });
    expect(text).toMatch(/^\s*vrrp_notify_fifo \/run\/x\/notify\.fifo$/m);
    expect(text).toMatch(/^\s*enable_script_security$/m);
    expect(text).toMatch(/^\s*script_user root$/m);
    expect(text).toMatch(/^\s*script "\/bin\/bash -c '<\/dev\/tcp\/192\.0\.2\.11\/80'"$/m);
    expect(text).toMatch(/^\s*192\.0\.2\.100\/32 dev eth0$/m);
    expect(text).not.toMatch(/track_interface/);
  });

  it('needs no script security without scripts', () => {
    const plain = renderRouterConf({ router: { instances: [instance(100, '192.0.2.11')], scripts: [], syncGroups: [] }, interfaces: ifaces, scriptCommands: new Map(), notifyFifo: '/f' });
    expect(plain).not.toMatch(/enable_script_security/);
  });

  it('refuses a script without a command', () => {
    expect(() => routerToKeepalivedConfig({ router, interfaces: ifaces, scriptCommands: new Map(), notifyFifo: '/f' })).toThrow(InputError);
  });
});

describe('routerToKeepalivedConfig over IPv6', () => {
  const ifaces6 = [{ name: 'eth0', prefix: 24, address6: '2001:db8::11', linkLocal: 'fe80::11' }];
  const v6 = (over: Parameters<typeof instance>[2]): RouterConfig => ({
    instances: [instance(150, 'fe80::11', { family: 6, version: 3, mcastGroup: 'ff02::12', vips: ['2001:db8::101'], ...over })], scripts: [], syncGroups: [],
  });
  const render = (r: RouterConfig): ReturnType<typeof routerToKeepalivedConfig>['instances'][number] | undefined =>
    routerToKeepalivedConfig({ router: r, interfaces: ifaces6, scriptCommands: new Map(), notifyFifo: '/run/x/f' }).instances[0];

  it('writes /128 VIPs and leaves the link-local source and ff02::12 to keepalived\'s defaults', () => {
    const i = render(v6({}));
    expect(i?.virtualIpaddress).toEqual([{ address: '2001:db8::101', prefix: 128, dev: 'eth0' }]);
    expect(i).not.toHaveProperty('mcastSrcIp');
    expect(i?.unknown).toBeUndefined();
  });

  it('names a source other than the link-local, and a group other than ff02::12', () => {
    const i = render(v6({ srcAddr: '2001:db8::11', mcastGroup: 'ff02::1:12' }));
    expect(i).toMatchObject({ mcastSrcIp: '2001:db8::11', unknown: [{ words: ['mcast_dst_ip', 'ff02::1:12'] }] });
  });
});
