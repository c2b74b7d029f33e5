// Which device the ipfailover image binds on a node, and which address it then reads
// (utils.sh get_network_device / get_device_ip_address). The image never checks that the
// device it lands on carries the node's address: it takes the first name of
// `$OPENSHIFT_HA_NETWORK_INTERFACE enp0s3 enp0s8 eth1 ens3` that `ip addr show dev` knows, else
// the device `ip route get 8.8.8.8` names, and then whatever IPv4 `ifconfig` prints for it.
import type { Ipv4 } from '../vrrp/types.js';

/** What a node has, as far as the image's probes can tell. */
export interface HostInterface {
  readonly name: string;
  /** The device's primary IPv4 address (what `ifconfig DEV` shows as `inet`); none = undefined. */
  readonly address?: Ipv4 | undefined;
  /** The IPv4 default route leaves through this device. */
  readonly defaultRoute?: boolean | undefined;
}

/** utils.sh VBOX_INTERFACES, probed after the configured name. */
export const IMAGE_PROBED_DEVICES: readonly string[] = ['enp0s3', 'enp0s8', 'eth1', 'ens3'];

export type DeviceSource = 'configured' | 'probed' | 'default-route' | 'none';

export interface ImageDevice {
  /** "" when nothing matched and there is no default route (the image then writes `interface `). */
  readonly device: string;
  /** undefined: the device has no IPv4, so the image checks 127.0.0.1 and uses ipslot 0. */
  readonly address: Ipv4 | undefined;
  readonly source: DeviceSource;
}

/**
 * The image's choice. `configured` is OPENSHIFT_HA_NETWORK_INTERFACE as the pod has it: the
 * script expands it unquoted, so it is split on whitespace and each word is a candidate.
 */
export function imageNetworkDevice(configured: string, interfaces: readonly HostInterface[]): ImageDevice {
  const own = configured.split(/\s+/).filter((w) => w !== '');
  const byName = new Map(interfaces.map((i) => [i.name, i]));
  for (const [words, source] of [[own, 'configured'], [IMAGE_PROBED_DEVICES, 'probed']] as const) {
    for (const name of words) {
      const hit = byName.get(name);
      if (hit !== undefined) return { device: name, address: hit.address, source };
    }
  }
  const route = interfaces.find((i) => i.defaultRoute === true);
  if (route !== undefined) return { device: route.name, address: route.address, source: 'default-route' };
  return { device: '', address: undefined, source: 'none' };
}
