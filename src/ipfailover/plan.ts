// The decisions the ipfailover image's generator makes for one node (config-generators.sh
// generate_failover_config): which VIPs go in which instance, its VRID, the node's priority and
// whether it starts with `state MASTER`. Kept apart from the text so lint and the simulator can
// use the numbers without re-parsing keepalived.conf.
import type { Ipv4 } from '../vrrp/types.js';
import { InputError } from '../cli/errors.js';
import { randomTerms, type RandomTerm } from './bash-random.js';
import { imageExpandVips, imageVipGroups } from './expand-vips.js';
import { DEFAULT_PREEMPTION, NO_PREEMPTION, type IpfailoverSpec } from './spec.js';

export interface PlannedInstance {
  /** 1-based instance counter (the `_VIP_<k>` suffix). */
  readonly k: number;
  readonly name: string;
  /** May exceed 255: the image does not check (keepalived then rejects the instance). */
  readonly vrid: number;
  readonly vips: readonly string[];
  readonly priority: number;
  /** The node is master-designated for this instance. */
  readonly masterDesignated: boolean;
  /** `state MASTER` is written (designated, and not nopreempt). */
  readonly stateMaster: boolean;
}

/** scrub(): keep [:alnum:], '-' and '_', then '-' -> '_'. */
export function scrubName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '').replace(/-/g, '_');
}

/** The vrrp_script name: only dashes are replaced (not scrubbed). */
export function checkScriptName(name: string): string {
  return `chk_${name.replace(/-/g, '_')}`;
}

/**
 * The node's last dotted field, as `cut -f 4 -d .` gives it, as a number: 0 when empty, and
 * when the device has no IPv4 at all (bash arithmetic reads an empty variable as 0).
 */
export function nodeIpKey(address: Ipv4 | undefined): number {
  const key = address?.split('.')[3] ?? '';
  return /^[0-9]+$/.test(key) ? Number(key) : 0;
}

export function assertNodeAddress(address: string): void {
  const parts = address.split('.');
  const ok = parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
  if (!ok) throw new InputError(`node address '${address}' is not a dotted-quad IPv4 address; expected e.g. 192.0.2.11`, { file: '--address' });
}

/** The VRIDs the image hands out, in instance order (offset + k, skipping excluded ids for good). */
export function imageVrids(offset: number, excluded: readonly number[], count: number): number[] {
  const out: number[] = [];
  let off = offset;
  for (let k = 1; k <= count; k++) {
    while (excluded.includes(off + k)) off++;
    out.push(off + k);
  }
  return out;
}

/** The VIP slices of the spec, one per instance. */
export function imageInstanceVips(spec: IpfailoverSpec): string[][] {
  return imageVipGroups(imageExpandVips(spec.virtualIps), spec.vipGroups);
}

export function planIpfailoverInstances(spec: IpfailoverSpec, address: Ipv4 | undefined, random: RandomTerm): PlannedInstance[] {
  const term = randomTerms(random);
  const ipslot = nodeIpKey(address) % 128;
  const nodecount = spec.replicas > 0 ? spec.replicas : 1;
  const idx = (ipslot % nodecount) + 1;
  const preempt = spec.preemptionStrategy === '' ? DEFAULT_PREEMPTION : spec.preemptionStrategy;
  const slices = imageInstanceVips(spec);
  const vrids = imageVrids(spec.vrrpIdOffset, spec.excludedVrrpIds, slices.length);
  const base = scrubName(spec.name);
  let previous = 'none';
  return slices.map((vips, i) => {
    const k = i + 1;
    // Every instance draws from $RANDOM, designated or not, so the k-th instance sees the k-th value.
    let priority = (ipslot % 64) + term();
    const masterDesignated = k % idx === 0;
    let stateMaster = false;
    if (masterDesignated) {
      stateMaster = preempt !== NO_PREEMPTION;
      if (previous === 'master') {
        priority = ipslot + 1;
        previous = 'flip-flop';
      } else {
        priority = 255 - ipslot;
        previous = stateMaster ? 'master' : 'slave';
      }
    }
    return { k, name: `${base}_VIP_${k}`, vrid: vrids[i] ?? 0, vips, priority, masterDesignated, stateMaster };
  });
}
