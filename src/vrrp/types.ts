// The contract of the sans-IO VRRP core: what a keepalived VRRP process is configured with,
// what happens to it (inputs), and what it asks its host to do (effects). The core is
// `step(router, input, now) -> { router, effects }` (see router.ts); it never reads a clock,
// a socket or a random number. Every time is an integer number of microseconds, as keepalived
// keeps them (TIMER_HZ = 1 000 000).

/** Integer microseconds. Never a float. */
export type Micros = number;

/** Dotted-quad IPv4 address. */
export type Ipv4 = string;
/** IPv6 address, RFC 5952 text (what codec/ipv6.ts prints). */
export type Ipv6 = string;
/** Either family; the text says which (a colon means IPv6). */
export type IpAddress = Ipv4 | Ipv6;

export type VrrpVersion = 2 | 3;

/** keepalived's VRRP_STATE_* values (vrrp.h). STOP is reported on shutdown only. */
export type VrrpState = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT' | 'STOP';

export const VRRP_MCAST_GROUP4: Ipv4 = '224.0.0.18';
/** RFC 5798 §5.1.2.2; keepalived's default vrrp_mcast_group6. */
export const VRRP_MCAST_GROUP6: Ipv6 = 'ff02::12';

export type VrrpAuth =
  | { readonly type: 'none' }
  /** v2 PASS: the password as keepalived keeps it, already cut to 8 bytes. */
  | { readonly type: 'PASS'; readonly pass: string };

/** An advertisement as carried on the wire (codec.ts turns it into bytes and back). */
export interface Advert {
  readonly version: VrrpVersion;
  readonly vrid: number;
  readonly priority: number;
  /** v2: whole seconds × 1e6; v3: centiseconds × 1e4 (what the 12-bit field can carry). */
  readonly advertInt: Micros;
  readonly vips: readonly IpAddress[];
  /** v2 only; v3 adverts carry none. */
  readonly auth: VrrpAuth;
}

/** An advert as a host hands it to the core: the IP-level facts validation needs. */
export interface ReceivedAdvert {
  readonly advert: Advert;
  /** IPv4 or IPv6 (RFC 5952 text); the family is the socket's, so it picks the instance. */
  readonly src: IpAddress;
  readonly dst: IpAddress;
  /** IPv4 TTL or IPv6 hop limit (IPV6_HOPLIMIT). */
  readonly ttl: number;
  /** Interface the packet arrived on. */
  readonly iface: string;
}

/** A tracked object on an instance (track_script / track_interface), weight 0 = FAULT on failure. */
export interface TrackRef {
  readonly kind: 'script' | 'interface';
  readonly name: string;
  readonly weight: number;
  readonly reverse: boolean;
}

/** GARP parameters after global defaults are applied (keepalived-state-machine.md §14). */
export interface GarpConfig {
  readonly masterDelay: Micros;
  readonly masterRepeat: number;
  readonly masterRefresh: Micros;
  readonly masterRefreshRepeat: number;
  readonly lowerPrioDelay: Micros;
  readonly lowerPrioRepeat: number;
}

/**
 * One vrrp_instance after keepalived's own adjustments (vrrp_complete_instance) have been
 * applied by the model builder: the core trusts these values and adjusts nothing itself.
 */
export interface InstanceConfig {
  readonly name: string;
  readonly version: VrrpVersion;
  /**
   * keepalived's vrrp->family (absent = 4): fixed by the instance's first address
   * (family.ts in src/model). An instance reads only adverts of its own family: keepalived
   * opens one socket per family (vrrp_scheduler.c vrrp_dispatcher_read() reads `sock->family`).
   */
  readonly family?: 4 | 6;
  readonly vrid: number;
  readonly iface: string;
  /** base_priority, 1..255; 255 = address owner. */
  readonly priority: number;
  /** wantstate at startup: MASTER only for `state MASTER` (after sync-group adjustment). */
  readonly initialState: 'MASTER' | 'BACKUP';
  readonly advertInt: Micros;
  readonly nopreempt: boolean;
  /** 0 = none. */
  readonly preemptDelay: Micros;
  /**
   * The source address adverts carry and the tie-break compares (unicast_src_ip / mcast_src_ip /
   * the interface's primary address; for IPv6 the primary is the link-local one:
   * vrrp.c set_vrrp_src_addr(), keepalived_netlink.c ignore_address_if_ours_or_link_local()).
   */
  readonly srcAddr: IpAddress;
  /** Empty = multicast to mcastGroup. */
  readonly unicastPeers: readonly IpAddress[];
  /** IPv4: unicast_ttl, default 255; IPv6: unicast_ttl, else the kernel's hop_limit (64). */
  readonly unicastTtl: number;
  /** 224.0.0.18 (vrrp_mcast_group4) or ff02::12 (vrrp_mcast_group6), by family. */
  readonly mcastGroup: IpAddress;
  readonly vips: readonly IpAddress[];
  readonly excludedVips: readonly IpAddress[];
  readonly auth: VrrpAuth;
  /** down_timer_adverts, 1..100 (default 3). */
  readonly downTimerAdverts: number;
  readonly lowerPrioNoAdvert: boolean;
  readonly higherPrioSendAdvert: boolean;
  readonly skipCheckAdvAddr: boolean;
  readonly checkUnicastSrc: boolean;
  readonly garp: GarpConfig;
  readonly track: readonly TrackRef[];
  /** The instance's own interface is tracked with weight 0 unless dont_track_primary. */
  readonly dontTrackPrimary: boolean;
  /**
   * `use_vmac`: the VIPs live on a macvlan with the VRRP virtual MAC. The core does not read it
   * (what keepalived sends is the same); hosts use it for what goes on the wire.
   */
  readonly vmac?: VmacConfig;
}

/** keepalived's vmac interface for one instance (vrrp_vmac.c netlink_link_add_vmac()). */
export interface VmacConfig {
  /** `use_vmac NAME`, else `vrrp.VRID` (vrrp.c create_vmac_name()). */
  readonly ifname: string;
  /** 00:00:5e:00:01:VRID (vrrp_vmac.c ll_addr, IPv4). */
  readonly mac: string;
  /** `vmac_xmit_base`: adverts leave from the base interface, with its own MAC. */
  readonly xmitBase: boolean;
}

/** vrrp_script, as keepalived schedules it (vrrp-state-machine.md §11.3). */
export interface ScriptConfig {
  readonly name: string;
  /** The command line, verbatim; hosts decide what running it means. */
  readonly script: string;
  readonly interval: Micros;
  /** 0 in the config means "= interval"; stored here already resolved. */
  readonly timeout: Micros;
  readonly rise: number;
  readonly fall: number;
  /** Default weight used by track_script entries that give none. */
  readonly weight: number;
  readonly reverse: boolean;
  readonly initFail: boolean;
}

export interface SyncGroupConfig {
  readonly name: string;
  readonly instances: readonly string[];
}

/** One keepalived VRRP process. */
export interface RouterConfig {
  readonly instances: readonly InstanceConfig[];
  readonly scripts: readonly ScriptConfig[];
  readonly syncGroups: readonly SyncGroupConfig[];
}

/**
 * Timers are data: a key the host arms/disarms; firing comes back as a `timer` input. A
 * `setTimer` replaces the key's previous deadline. The core keeps every deadline in its state
 * and ignores a firing that is early or stale, so a host never has to be exact about it.
 */
export type TimerKey =
  /**
   * `index`, when present, is the instance's position in the RouterConfig that made the key:
   * a hint so a host can find its record for the key in an array rather than by name (the core
   * sets it on every key it makes; a host must still check the name, as a reload may reorder).
   */
  | { readonly kind: 'instance'; readonly instance: string; readonly index?: number }
  | { readonly kind: 'garpDelay'; readonly instance: string }
  | { readonly kind: 'script'; readonly script: string };

export type Input =
  /** keepalived starts; `ifaceUp` says which interfaces have carrier at that moment (unlisted = up). */
  | { readonly type: 'start'; readonly ifaceUp: ReadonlyMap<string, boolean> }
  | { readonly type: 'advert'; readonly packet: ReceivedAdvert }
  | { readonly type: 'timer'; readonly key: TimerKey }
  /** A script run the core asked for has finished (exit 0 = ok; timeout/signal = not ok). */
  | { readonly type: 'scriptResult'; readonly script: string; readonly ok: boolean }
  | { readonly type: 'interface'; readonly iface: string; readonly up: boolean }
  /** SIGTERM: graceful shutdown. */
  | { readonly type: 'stop' }
  /** SIGHUP with a new configuration (e.g. a priority change). */
  | { readonly type: 'reload'; readonly config: RouterConfig };

export type Effect =
  | {
      readonly type: 'sendAdvert';
      readonly instance: string;
      readonly iface: string;
      readonly src: IpAddress;
      /** 224.0.0.18 / ff02::12 or one unicast peer: one effect per packet. */
      readonly dst: IpAddress;
      readonly ttl: number;
      readonly advert: Advert;
    }
  | { readonly type: 'setTimer'; readonly key: TimerKey; readonly at: Micros }
  | { readonly type: 'cancelTimer'; readonly key: TimerKey }
  | { readonly type: 'addVip'; readonly instance: string; readonly iface: string; readonly vip: IpAddress }
  | { readonly type: 'removeVip'; readonly instance: string; readonly iface: string; readonly vip: IpAddress }
  /**
   * One link-update round (vrrp.c vrrp_send_link_update()): `count` frames for each address, a
   * gratuitous ARP for an IPv4 one and an unsolicited neighbour advertisement (override flag
   * set, to ff02::1) for an IPv6 one (vrrp.c vrrp_send_update(), vrrp_ndisc.c
   * ndisc_send_unsolicited_na_immediate()); the garp_* settings time both alike.
   */
  | { readonly type: 'garp'; readonly instance: string; readonly iface: string; readonly addrs: readonly IpAddress[]; readonly count: number }
  /** keepalived's notify: `INSTANCE <name> <STATE> <priority>` (or GROUP <name> <STATE> 0). */
  | { readonly type: 'notify'; readonly scope: 'INSTANCE' | 'GROUP'; readonly name: string; readonly state: VrrpState; readonly priority: number }
  /** Every state change, notified or not (keepalived's log line), for traces. */
  | { readonly type: 'transition'; readonly instance: string; readonly from: VrrpState; readonly to: VrrpState; readonly priority: number; readonly reason: string }
  | { readonly type: 'priorityChange'; readonly instance: string; readonly from: number; readonly to: number }
  /** Start one run of a vrrp_script; the host answers with a scriptResult input. */
  | { readonly type: 'runScript'; readonly script: string; readonly timeout: Micros };
