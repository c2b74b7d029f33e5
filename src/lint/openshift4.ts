// Pitfalls of on-prem OpenShift 4 install-configs whose clusters share an L2 segment: VRIDs come
// from the cluster name alone (baremetal-runtimecfg PopulateVRIDs), the ingress VIP can only
// live where router-default pods run, and a VIP with one eligible node cannot move.
import { onPremVrids } from '../openshift4/vrid.js';
import type { InstallConfig } from '../openshift4/install-config.js';
import { finding, type Finding } from './finding.js';

export interface LintInstallConfig {
  readonly config: InstallConfig;
}

const at = (c: InstallConfig): { file: string } => ({ file: c.file });

function collisions(list: readonly InstallConfig[]): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i];
      const b = list[j];
      if (a === undefined || b === undefined) continue;
      const va = onPremVrids(a.name);
      const vb = onPremVrids(b.name);
      const clash = (['api', 'ingress'] as const).flatMap((x) => (['api', 'ingress'] as const).filter((y) => va[x] === vb[y]).map((y) => `${a.name} ${x} = ${b.name} ${y} = ${va[x]}`));
      if (clash.length === 0) continue;
      // keepalived keeps 8 bytes of "<name>_api_vip"; equal ones authenticate each other's adverts.
      const sameAuth = `${a.name}_api_vip`.slice(0, 8) === `${b.name}_api_vip`.slice(0, 8);
      const maybeMulticast = a.platform !== 'baremetal' || b.platform !== 'baremetal';
      out.push(finding(maybeMulticast ? 'error' : 'warning', 'onprem-vrid-collision',
        `clusters ${a.name} (VRIDs api ${va.api}, ingress ${va.ingress}) and ${b.name} (api ${vb.api}, ingress ${vb.ingress}) share virtual_router_id: ${clash.join('; ')}. With multicast (OpenShift before 4.11, except bare metal from 4.6) each cluster's masters receive the other's adverts, which re-arm their advert timers: backups time out and VIPs flap${sameAuth ? `; their auth_pass also agrees ('${`${a.name}_api_vip`.slice(0, 8)}')` : ''}. With unicast (4.11+) the adverts stay inside each cluster`,
        'the VRIDs follow from the cluster name only: choose names whose VRIDs differ (a new install), or keep the clusters on separate L2 segments', at(b)));
    }
  }
  return out;
}

function movement(c: InstallConfig): Finding[] {
  const out: Finding[] = [];
  if (c.masters < 2) {
    out.push(finding('error', 'onprem-vip-cannot-move',
      `${c.masters} control-plane node: the API VIP ${c.apiVips.join(', ')} has no second node to move to, whatever its checks say`,
      'use 3 control-plane nodes (or 2 with an arbiter / fencing topology)', at(c)));
  }
  // The default IngressController runs 2 router-default replicas on workers (masters when compact).
  const routerNodes = c.workers > 0 ? Math.min(2, c.workers) : Math.min(2, c.masters);
  if (routerNodes < 2) {
    out.push(finding('warning', 'onprem-ingress-no-router',
      `${c.workers} compute node: router-default pods (2 replicas by default) fit on ${routerNodes} node, so the ingress VIP ${c.ingressVips.join(', ')} can only be held there; on every other node chk_ingress fails and the instance stays in FAULT, and when that router pod goes the VIP has nowhere to go`,
      'run at least 2 compute nodes (or none: a compact cluster runs the routers on the control plane)', at(c)));
  }
  return out;
}

export function lintInstallConfigs(list: readonly LintInstallConfig[]): Finding[] {
  const configs = list.map((l) => l.config);
  return [...collisions(configs), ...configs.flatMap(movement)];
}

/** An install-config.yaml rather than a scenario or manifest (top-level baseDomain and platform). */
export function looksLikeInstallConfig(text: string): boolean {
  return /^baseDomain:/m.test(text) && /^platform:/m.test(text) && !/^nodes:/m.test(text);
}
