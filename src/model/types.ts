// What a keepalived.conf says, faithfully: every field is optional where keepalived has a
// default, so "not set" stays distinguishable from "set to the default". Values are in the
// config file's own units (seconds as decimals for advert_int/preempt_delay, whole seconds for
// garp_* and script timers); src/model/build.ts turns them into the core's RouterConfig.
// Keys are camelCase spellings of keepalived's keywords (virtual_router_id -> virtualRouterId).
import type { SourcePos } from '../cli/errors.js';

export type { SourcePos };

/**
 * A keyword (with its block, if any) outside the modelled VRRP subset, kept word for word so
 * that rendering the model does not lose it.
 */
export interface UnknownEntry {
  readonly words: readonly string[];
  readonly block?: readonly UnknownEntry[];
}

/** `ADDR[/PREFIX] [dev IF] [brd X] [scope S] [label L] ...` (alloc_ipaddress()). */
export interface VipModel {
  readonly address: string;
  readonly prefix?: number;
  readonly dev?: string;
  /** An address, `+` or `-`. */
  readonly brd?: string;
  readonly scope?: string;
  readonly label?: string;
  /** The remaining options (no_track, home, -nodad, peer X, ...) word for word. */
  readonly options?: readonly string[];
}

export interface UnicastPeerModel {
  readonly address: string;
  readonly minTtl?: number;
  readonly maxTtl?: number;
}

export interface TrackScriptRef {
  readonly name: string;
  /** Overrides the vrrp_script's weight. */
  readonly weight?: number;
  /** true = `reverse`, false = `noreverse`, absent = the script's own. */
  readonly reverse?: boolean;
}

export interface TrackInterfaceRef {
  readonly name: string;
  readonly weight?: number;
  readonly reverse?: boolean;
}

/** `notify_* CMD [USER [GROUP]]`. */
export interface NotifyModel {
  readonly command: string;
  readonly user?: string;
  readonly group?: string;
}

export interface NotifyKeywords {
  readonly notify?: NotifyModel;
  readonly notifyMaster?: NotifyModel;
  readonly notifyBackup?: NotifyModel;
  readonly notifyFault?: NotifyModel;
  readonly notifyStop?: NotifyModel;
}

export interface AuthenticationModel {
  readonly authType?: 'PASS' | 'AH';
  readonly authPass?: string;
}

export interface VrrpInstanceModel extends NotifyKeywords {
  readonly name: string;
  readonly state?: 'MASTER' | 'BACKUP';
  readonly interface?: string;
  readonly virtualRouterId?: number;
  readonly priority?: number;
  /** Seconds, as in the file (v2 integer, v3 multiples of 0.01). */
  readonly advertInt?: number;
  readonly version?: 2 | 3;
  /** `native_ipv6`: the instance is IPv6 (VRRPv3) before any address says so. */
  readonly nativeIpv6?: boolean;
  /** true = `nopreempt`, false = `preempt`. */
  readonly nopreempt?: boolean;
  /** Seconds (0..1000, µs resolution). */
  readonly preemptDelay?: number;
  readonly unicastSrcIp?: string;
  readonly mcastSrcIp?: string;
  readonly unicastPeer?: readonly UnicastPeerModel[];
  readonly unicastTtl?: number;
  readonly authentication?: AuthenticationModel;
  readonly virtualIpaddress?: readonly VipModel[];
  readonly virtualIpaddressExcluded?: readonly VipModel[];
  readonly trackScript?: readonly TrackScriptRef[];
  readonly trackInterface?: readonly TrackInterfaceRef[];
  /** Whole seconds. */
  readonly garpMasterDelay?: number;
  readonly garpMasterRepeat?: number;
  /** Whole seconds, 0 = off. */
  readonly garpMasterRefresh?: number;
  readonly garpMasterRefreshRepeat?: number;
  readonly garpLowerPrioDelay?: number;
  readonly garpLowerPrioRepeat?: number;
  readonly lowerPrioNoAdvert?: boolean;
  readonly higherPrioSendAdvert?: boolean;
  readonly downTimerAdverts?: number;
  /** A flag in the file: only `true` can be written. */
  readonly dontTrackPrimary?: boolean;
  readonly skipCheckAdvAddr?: boolean;
  /** A flag in the file: only `true` can be written. */
  readonly checkUnicastSrc?: boolean;
  /** `use_vmac [IFNAME]`; an empty object is the bare flag. */
  readonly useVmac?: { readonly name?: string };
  /** A flag in the file: only `true` can be written. */
  readonly vmacXmitBase?: boolean;
  /** true = `accept`, false = `no_accept`. */
  readonly accept?: boolean;
  readonly strictMode?: boolean;
  readonly unknown?: readonly UnknownEntry[];
}

export interface VrrpScriptModel {
  readonly name: string;
  /** The whole command line (rendered quoted, so arguments survive). */
  readonly script?: string;
  /** Whole seconds. */
  readonly interval?: number;
  /** Whole seconds; absent = interval. */
  readonly timeout?: number;
  readonly weight?: number;
  /** `weight W reverse`. */
  readonly reverse?: boolean;
  readonly rise?: number;
  readonly fall?: number;
  readonly user?: string;
  readonly group?: string;
  /** A flag in the file: only `true` can be written. */
  readonly initFail?: boolean;
  readonly unknown?: readonly UnknownEntry[];
}

export interface VrrpSyncGroupModel extends NotifyKeywords {
  readonly name: string;
  readonly group: readonly string[];
  readonly trackScript?: readonly TrackScriptRef[];
  readonly trackInterface?: readonly TrackInterfaceRef[];
  /** A flag in the file: only `true` can be written. */
  readonly syncGroupTrackingWeight?: boolean;
  readonly unknown?: readonly UnknownEntry[];
}

export interface GlobalDefsModel {
  readonly routerId?: string;
  readonly vrrpVersion?: 2 | 3;
  readonly vrrpMcastGroup4?: string;
  readonly vrrpGarpMasterDelay?: number;
  readonly vrrpGarpMasterRepeat?: number;
  readonly vrrpGarpMasterRefresh?: number;
  readonly vrrpGarpMasterRefreshRepeat?: number;
  readonly vrrpGarpLowerPrioDelay?: number;
  readonly vrrpGarpLowerPrioRepeat?: number;
  readonly vrrpMinGarp?: boolean;
  readonly vrrpDownTimerAdverts?: number;
  readonly vrrpLowerPrioNoAdvert?: boolean;
  readonly vrrpHigherPrioSendAdvert?: boolean;
  /** Flags in the file: only `true` can be written. */
  readonly vrrpStrict?: boolean;
  readonly vrrpSkipCheckAdvAddr?: boolean;
  readonly vrrpCheckUnicastSrc?: boolean;
  readonly enableScriptSecurity?: boolean;
  /** Seconds. */
  readonly vrrpStartupDelay?: number;
  readonly scriptUser?: { readonly user: string; readonly group?: string };
  readonly unknown?: readonly UnknownEntry[];
}

export interface KeepalivedConfig {
  readonly globalDefs: GlobalDefsModel;
  readonly scripts: readonly VrrpScriptModel[];
  readonly instances: readonly VrrpInstanceModel[];
  readonly syncGroups: readonly VrrpSyncGroupModel[];
  /** Top-level blocks outside the VRRP subset (virtual_server, static_ipaddress, ...). */
  readonly unknown: readonly UnknownEntry[];
}

export interface InterfaceModel {
  readonly name: string;
  /** The interface's primary IPv4 address: the advert source unless configured otherwise;
   *  absent when the host's interface has none. */
  readonly address?: string;
  readonly prefix: number;
  /** Its global IPv6 address (RFC 5952 text), if it has one. */
  readonly address6?: string;
  /**
   * Its IPv6 link-local address (RFC 5952 text): an IPv6 instance's advert source and tie-break
   * address unless unicast_src_ip / mcast_src_ip says otherwise (vrrp.c set_vrrp_src_addr()).
   */
  readonly linkLocal?: string;
}

export interface NodeModel {
  readonly name: string;
  readonly interfaces: readonly InterfaceModel[];
  readonly keepalived: KeepalivedConfig;
  /** What /bin/sh is on the host (a scenario host fact); absent: unknown (a bare .conf). */
  readonly shell?: 'dash' | 'bash';
}

export interface Deployment {
  readonly nodes: readonly NodeModel[];
}

/** A finding about a configuration: keepalived's own adjustment or one of ours. */
export interface Warning {
  readonly severity: 'warning' | 'error';
  readonly message: string;
  readonly pos?: SourcePos;
}

export function emptyKeepalivedConfig(): KeepalivedConfig {
  return { globalDefs: {}, scripts: [], instances: [], syncGroups: [], unknown: [] };
}
