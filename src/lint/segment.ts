// VRIDs are a per-segment resource shared by every VRRP speaker on it: all ipfailover configs
// and keepalived clusters given to one lint run are taken to share one L2/multicast domain.
import { imageVrids } from '../ipfailover/plan.js';
import { imageInstanceVips } from '../ipfailover/plan.js';
import { finding, type Finding } from './finding.js';
import type { LintIpfailover } from './ipfailover.js';
import type { LintKeepalived } from './keepalived.js';

function ranges(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] ?? 0) === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? `${sorted[i] ?? 0}` : `${sorted[i] ?? 0}-${sorted[j] ?? 0}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function lintSegment(ipf: readonly LintIpfailover[], confs: readonly LintKeepalived[]): Finding[] {
  const out: Finding[] = [];
  const vrids = ipf.map((x) => imageVrids(x.parsed.spec.vrrpIdOffset, x.parsed.spec.excludedVrrpIds, imageInstanceVips(x.parsed.spec).length));
  const where = (x: LintIpfailover) => x.parsed.positions.vrrpIdOffset ?? x.parsed.positions.virtualIps ?? { file: x.parsed.source };
  for (let a = 0; a < ipf.length; a++) {
    for (let b = a + 1; b < ipf.length; b++) {
      const x = ipf[a];
      const y = ipf[b];
      if (x === undefined || y === undefined) continue;
      const shared = (vrids[b] ?? []).filter((v) => (vrids[a] ?? []).includes(v));
      if (shared.length === 0) continue;
      const sameAuth = x.parsed.spec.name.slice(0, 8) === y.parsed.spec.name.slice(0, 8);
      out.push(finding('error', 'vrid-collision',
        `ipfailover '${y.parsed.spec.name}' and '${x.parsed.spec.name}' (${x.parsed.source}) both use VRID ${ranges(shared)} on one segment: ${sameAuth ? "their names agree in the first 8 characters (auth_pass), so they accept each other's adverts and one master holds both configs' VIPs" : 'adverts are rejected as invalid passwd / wrong VIPs and the logs flood'}`,
        `give '${y.parsed.spec.name}' a --vrrp-id-offset outside ${ranges(vrids[a] ?? [])} (offsets in steps of 10 or more)`, where(y)));
    }
  }
  for (const [n, x] of ipf.entries()) {
    const mine = vrids[n] ?? [];
    for (const conf of confs) {
      for (const inst of conf.node.keepalived.instances) {
        const v = inst.virtualRouterId;
        if (v === undefined || !mine.includes(v) || (inst.unicastPeer ?? []).length > 0) continue;
        out.push(finding('error', 'vrid-collision',
          `keepalived instance ${inst.name} (node ${conf.node.name}) uses VRID ${v}, which ipfailover '${x.parsed.spec.name}' (${x.parsed.source}) also uses on this segment: adverts of one are rejected by the other (or, worse, accepted)`,
          `move one of them: HA_EXCLUDED_VRRP_IDS="${v}" or another --vrrp-id-offset for ipfailover, or another virtual_router_id here`,
          conf.positions.get(`instance:${inst.name}:virtualRouterId`) ?? { file: conf.file }));
      }
    }
  }
  return out;
}
