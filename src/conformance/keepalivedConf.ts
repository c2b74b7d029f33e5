// A node's resolved RouterConfig, back into keepalived.conf: the run must feed real keepalived
// the very world the simulator ran. Scripts are replaced by commands this host can execute that
// mean the same as their binding (a tcp check stays a `</dev/tcp` check; a service check probes
// the listener the harness runs), and a notify FIFO reports each state change in order.
import type { InstanceConfig, RouterConfig, ScriptConfig } from '../vrrp/types.js';
import type {
  InterfaceModel, KeepalivedConfig, TrackScriptRef, UnknownEntry, VrrpInstanceModel, VrrpScriptModel, VrrpSyncGroupModel,
} from '../model/types.js';
import { renderKeepalivedConf } from '../keepalived/render.js';
import { VRRP_MCAST_GROUP4, VRRP_MCAST_GROUP6 } from '../vrrp/types.js';
import { InputError } from '../cli/errors.js';
import type { ScriptBinding, ServiceSpec } from '../../sim/spec.js';

/** What keepalived executes for a binding: realistic commands, all root-owned binaries. */
export function scriptCommand(name: string, binding: ScriptBinding | undefined, services: readonly Pick<ServiceSpec, 'name' | 'port'>[]): string {
  if (binding === undefined) throw new InputError(`vrrp_script '${name}' has no binding; expected every script to be bound (const, service or tcp)`, { file: '<spec>' });
  switch (binding.kind) {
    case 'const':
      return binding.ok ? '/bin/true' : '/bin/false';
    case 'tcp':
      return `/bin/bash -c '</dev/tcp/${binding.host}/${binding.port}'`;
    case 'service': {
      const svc = services.find((s) => s.name === binding.service);
      if (svc === undefined) throw new InputError(`vrrp_script '${name}' is bound to unknown service '${binding.service}'; expected one of ${services.map((s) => s.name).join(', ') || '(none)'}`, { file: '<spec>' });
      // The listener the harness runs for the service answers on every local address.
      return `/bin/bash -c '</dev/tcp/127.0.0.1/${svc.port}'`;
    }
  }
}

const SECOND = 1_000_000;
/** keepalived keeps script timers in whole seconds; anything shorter is 1 s. */
const wholeSeconds = (us: number): number => Math.max(1, Math.round(us / SECOND));
/** advert_int / preempt_delay are decimal seconds with µs resolution. */
const decimalSeconds = (us: number): number => us / SECOND;

function scriptModel(s: ScriptConfig, command: string): VrrpScriptModel {
  return {
    name: s.name,
    script: command,
    interval: wholeSeconds(s.interval),
    timeout: wholeSeconds(s.timeout),
    weight: s.weight,
    ...(s.reverse ? { reverse: true } : {}),
    rise: s.rise,
    fall: s.fall,
    ...(s.initFail ? { initFail: true } : {}),
  };
}

/** A node interface as the rendering needs it: its IPv6 link-local too. */
export type ConfInterface = InterfaceModel & { readonly linkLocal?: string };

function instanceModel(i: InstanceConfig, ifaces: readonly ConfInterface[]): VrrpInstanceModel {
  const unicast = i.unicastPeers.length > 0;
  // keepalived's IPv6 default source is the interface's link-local address: it leaves saddr
  // unset (vrrp.c vrrp_send_adv) and the kernel picks the link-scope source for ff02::12
  // (RFC 6724 rule 2); IPv4's is the primary address.
  const ipv6 = i.family === 6;
  const itf = ifaces.find((x) => x.name === i.iface);
  const primary = ipv6 ? itf?.linkLocal : itf?.address;
  const unknown: UnknownEntry[] = [];
  if (!unicast && i.mcastGroup !== (ipv6 ? VRRP_MCAST_GROUP6 : VRRP_MCAST_GROUP4)) unknown.push({ words: ['mcast_dst_ip', i.mcastGroup] });
  const tracks = (kind: 'script' | 'interface'): TrackScriptRef[] =>
    i.track.filter((t) => t.kind === kind).map((t) => ({ name: t.name, weight: t.weight, ...(t.reverse ? { reverse: true } : {}) }));
  const scriptTracks = tracks('script');
  const ifaceTracks = tracks('interface');
  return {
    name: i.name,
    state: i.initialState,
    interface: i.iface,
    virtualRouterId: i.vrid,
    priority: i.priority,
    advertInt: decimalSeconds(i.advertInt),
    version: i.version,
    ...(i.nopreempt ? { nopreempt: true } : {}),
    ...(i.preemptDelay > 0 ? { preemptDelay: decimalSeconds(i.preemptDelay) } : {}),
    ...(unicast
      ? { unicastSrcIp: i.srcAddr, unicastPeer: i.unicastPeers.map((address) => ({ address })), unicastTtl: i.unicastTtl }
      : i.srcAddr !== primary ? { mcastSrcIp: i.srcAddr } : {}),
    ...(i.auth.type === 'PASS' ? { authentication: { authType: 'PASS' as const, authPass: i.auth.pass } } : {}),
    virtualIpaddress: i.vips.map((address) => ({ address, prefix: hostPrefix(address), dev: i.iface })),
    ...(i.excludedVips.length > 0 ? { virtualIpaddressExcluded: i.excludedVips.map((address) => ({ address, prefix: hostPrefix(address), dev: i.iface })) } : {}),
    ...(scriptTracks.length > 0 ? { trackScript: scriptTracks } : {}),
    ...(ifaceTracks.length > 0 ? { trackInterface: ifaceTracks } : {}),
    garpMasterDelay: wholeSecondsOrZero(i.garp.masterDelay),
    garpMasterRepeat: i.garp.masterRepeat,
    garpMasterRefresh: wholeSecondsOrZero(i.garp.masterRefresh),
    garpMasterRefreshRepeat: i.garp.masterRefreshRepeat,
    garpLowerPrioDelay: wholeSecondsOrZero(i.garp.lowerPrioDelay),
    garpLowerPrioRepeat: i.garp.lowerPrioRepeat,
    lowerPrioNoAdvert: i.lowerPrioNoAdvert,
    higherPrioSendAdvert: i.higherPrioSendAdvert,
    downTimerAdverts: i.downTimerAdverts,
    ...(i.dontTrackPrimary ? { dontTrackPrimary: true } : {}),
    ...(i.skipCheckAdvAddr ? { skipCheckAdvAddr: true } : {}),
    ...(i.checkUnicastSrc ? { checkUnicastSrc: true } : {}),
    ...(i.vmac === undefined ? {} : { useVmac: { name: i.vmac.ifname }, ...(i.vmac.xmitBase ? { vmacXmitBase: true as const } : {}) }),
    ...(unknown.length > 0 ? { unknown } : {}),
  };
}

/** keepalived's default VIP prefix: /32, or /128 for IPv6 (vrrp_ipaddress.c parse_ipaddress). */
const hostPrefix = (address: string): number => (address.includes(':') ? 128 : 32);

function wholeSecondsOrZero(us: number): number {
  return Math.round(us / SECOND);
}

export interface ConfInputs {
  readonly router: RouterConfig;
  readonly interfaces: readonly ConfInterface[];
  readonly scriptCommands: ReadonlyMap<string, string>;
  /** Where keepalived writes `INSTANCE "name" STATE prio` lines. */
  readonly notifyFifo: string;
  /**
   * keepalived's own advice for timer precision (`max_auto_priority`: real-time scheduling).
   * A conformance run wants keepalived's logic, not the host's load, in its timings.
   */
  readonly realtime?: boolean;
}

export function routerToKeepalivedConfig(c: ConfInputs): KeepalivedConfig {
  const scripts = c.router.scripts.map((s) => {
    const cmd = c.scriptCommands.get(s.name);
    if (cmd === undefined) throw new InputError(`vrrp_script '${s.name}' has no command; expected a binding for it`, { file: '<spec>' });
    return scriptModel(s, cmd);
  });
  const weightedScriptIn = (name: string): boolean =>
    c.router.instances.some((i) => i.name === name && i.track.some((t) => t.kind === 'script' && t.weight !== 0));
  const syncGroups: VrrpSyncGroupModel[] = c.router.syncGroups.map((g) => ({
    name: g.name,
    group: g.instances,
    // The resolved config kept these weights, so keepalived must not drop them.
    ...(g.instances.some(weightedScriptIn) ? { syncGroupTrackingWeight: true } : {}),
  }));
  return {
    globalDefs: {
      // Without these keepalived 2.2.7 runs scripts but `keepalived -t` exits 6.
      ...(scripts.length > 0 ? { enableScriptSecurity: true, scriptUser: { user: 'root' } } : {}),
      unknown: [{ words: ['vrrp_notify_fifo', c.notifyFifo] }, ...(c.realtime === true ? [{ words: ['max_auto_priority'] }] : [])],
    },
    scripts,
    instances: c.router.instances.map((i) => instanceModel(i, c.interfaces)),
    syncGroups,
    unknown: [],
  };
}

export function renderRouterConf(c: ConfInputs, header?: string): string {
  return renderKeepalivedConf(routerToKeepalivedConfig(c), header === undefined ? undefined : { header });
}
