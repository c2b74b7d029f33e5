// use_vmac / vmac_xmit_base -> VmacConfig, with keepalived 2.2.7's adjustments and its words.
import type { VmacConfig } from '../vrrp/types.js';
import type { Findings } from './build-context.js';
import type { VrrpInstanceModel } from './types.js';

/**
 * vrrp_vmac.c ll_addr + netlink_link_add_vmac(): 00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID
 * for IPv6 (RFC 5798 §7.3), so a dual-stack pair on one VRID has two virtual MACs.
 */
export function vmacAddress(vrid: number, family: 4 | 6 = 4): string {
  return `00:00:5e:00:0${family === 6 ? 2 : 1}:${vrid.toString(16).padStart(2, '0')}`;
}

export function buildVmac(
  i: VrrpInstanceModel, vrid: number, strict: boolean, unicast: boolean, f: Findings, at: (field: string) => string[],
  family: 4 | 6 = 4,
): VmacConfig | undefined {
  const n = i.name;
  let xmitBase = i.vmacXmitBase === true;
  if (i.useVmac === undefined) {
    // vrrp.c:3550-3555 (vrrp_complete_instance).
    if (xmitBase) f.warn(`(${n}) vmac_xmit_base is only valid with a vmac`, ...at('vmacXmitBase'));
    return undefined;
  }
  if (unicast && !xmitBase) {
    // vrrp_parser.c vrrp_end_handler().
    f.warn(`(${n}) unicast with use_vmac requires vmac_xmit_base - setting`, ...at('useVmac'));
    xmitBase = true;
  }
  if (strict && xmitBase) {
    // vrrp.c:3461-3466.
    f.warn(`(${n}) xmit_base is incompatible with strict mode - resetting`, ...at('vmacXmitBase'));
    xmitBase = false;
  }
  if (family === 6 && !xmitBase) {
    f.warn(`vrrplab: (${n}) use_vmac on an IPv6 instance: keepalived gives the vmac a link-local address of its own (vrrp_vmac.c make_link_local_address()); vrrplab models adverts and the tie-break from the base interface's link-local address`, ...at('useVmac'));
  }
  // vrrp.c create_vmac_name(): "vrrp.VRID" unless named (a clash would add a number; one
  // instance per VRID and interface cannot clash).
  return { ifname: i.useVmac.name ?? `vrrp.${vrid}`, mac: vmacAddress(vrid, family), xmitBase };
}
