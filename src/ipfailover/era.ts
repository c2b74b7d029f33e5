// Which OpenShift generation an ipfailover artefact is for (ipfailover-env.md "Older CLI env
// sets", ipfailover-flags.md): `oadm ipfailover` up to 3.9 set no OPENSHIFT_HA_VIP_GROUPS and left
// OPENSHIFT_HA_NETWORK_INTERFACE empty unless -i was given; 3.10/3.11's `oc adm ipfailover` adds
// VIP groups and defaults the interface to eth0; 4.x has no command, only the documented
// hand-written Deployment, whose image defaults the VRRP id offset to 10 (2025-04 and later).
import { InputError } from '../cli/errors.js';
import type { IpfailoverSpec } from './spec.js';

export const OPENSHIFT_ERAS = ['3.9', '3.11', '4'] as const;
export type OpenshiftEra = (typeof OPENSHIFT_ERAS)[number];

export function parseEra(text: string): OpenshiftEra {
  const era = OPENSHIFT_ERAS.find((e) => e === text);
  if (era === undefined) throw new InputError(`'${text}': expected one of ${OPENSHIFT_ERAS.join(', ')}`, { file: '--openshift' });
  return era;
}

/** What the env set of `era` says about itself, as a comment line. */
export function eraHeader(era: OpenshiftEra): string {
  switch (era) {
    case '3.9': return '# OPENSHIFT_HA_* as oadm ipfailover (OpenShift 3.9 and before) sets them: no OPENSHIFT_HA_VIP_GROUPS, the interface empty unless -i was given';
    case '3.11': return '# OPENSHIFT_HA_* as oc adm ipfailover (OpenShift 3.10/3.11) sets them: every variable, sorted, the interface eth0 unless -i was given';
    case '4': return '# OPENSHIFT_HA_* for an OpenShift 4 ipfailover Deployment (there is no oc adm ipfailover); images since 2025-04 take an unset OPENSHIFT_HA_VRRP_ID_OFFSET as 10';
  }
}

/** The spec as `era` can express it: 3.9 has no VIP groups. */
export function assertEra(spec: IpfailoverSpec, era: OpenshiftEra): void {
  if (era === '3.9' && spec.vipGroups !== 0) {
    throw new InputError(`virtual IP groups (${spec.vipGroups}) arrived in 3.10; expected --openshift 3.11 or 4, or no groups`, { file: '--openshift' });
  }
}

/** Env entries `era`'s pods carry: 3.9 drops OPENSHIFT_HA_VIP_GROUPS. */
export function eraEnv(entries: ReadonlyArray<[string, string]>, era: OpenshiftEra): Array<[string, string]> {
  return entries.filter(([k]) => !(era === '3.9' && k === 'OPENSHIFT_HA_VIP_GROUPS'));
}
