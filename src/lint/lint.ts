// lint(deployment + ipfailover configs) -> findings. Inputs are plain data so any source plugs
// in: keepalived.conf files, ipfailover inputs, and (later) a scenario's nodes and blocks.
import type { Finding } from './finding.js';
import { sortFindings } from './finding.js';
import { lintIpfailover, type LintIpfailover } from './ipfailover.js';
import { lintKeepalived, type LintKeepalived } from './keepalived.js';
import { lintSegment } from './segment.js';
import { lintInstallConfigs, type LintInstallConfig } from './openshift4.js';
import { lintKeepalivedOperator } from './keepalived-operator.js';
import type { ParsedGroup } from '../keepalived-operator/parse.js';

export type { Finding, LintIpfailover, LintKeepalived };
export type { LintNode } from './ipfailover.js';

export interface LintInput {
  /** keepalived.conf files of nodes on one segment. */
  readonly keepalived: readonly LintKeepalived[];
  readonly ipfailover: readonly LintIpfailover[];
  /** On-prem OpenShift 4 install-configs of clusters on the segment. */
  readonly openshift4?: readonly LintInstallConfig[];
  /** keepalived-operator groups on the segment. */
  readonly keepalivedOperator?: readonly ParsedGroup[];
}

export function lint(input: LintInput): Finding[] {
  return sortFindings([
    ...input.ipfailover.flatMap(lintIpfailover),
    ...lintKeepalived(input.keepalived),
    ...lintSegment(input.ipfailover, input.keepalived),
    ...lintInstallConfigs(input.openshift4 ?? []),
    ...lintKeepalivedOperator(input.keepalivedOperator ?? []),
  ]);
}
