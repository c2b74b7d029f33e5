// The pod environment as a KEY=VALUE file (values raw, as `oc set env --list` prints them).
import { ipfailoverEnv } from './env.js';
import type { IpfailoverSpec } from './spec.js';

export function renderIpfailoverEnv(spec: IpfailoverSpec): string {
  return ipfailoverEnv(spec).map(([k, v]) => `${k}=${v}\n`).join('');
}
