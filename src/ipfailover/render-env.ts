// The pod environment as a KEY=VALUE file (values raw, as `oc set env --list` prints them). With
// an era, a first comment line says which generation's env set it is.
import { eraEnv, eraHeader, type OpenshiftEra } from './era.js';
import { ipfailoverEnv } from './env.js';
import type { IpfailoverSpec } from './spec.js';

export function renderIpfailoverEnv(spec: IpfailoverSpec, era?: OpenshiftEra): string {
  const entries = era === undefined ? ipfailoverEnv(spec) : eraEnv(ipfailoverEnv(spec), era);
  return `${era === undefined ? '' : `${eraHeader(era)}\n`}${entries.map(([k, v]) => `${k}=${v}\n`).join('')}`;
}
