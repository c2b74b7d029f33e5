// What `oc apply` needs besides the Deployment for its pods to be admitted on OpenShift 4: the
// ServiceAccount and its use of the privileged and hostnetwork SCCs ("Configuring IP failover":
// `oc adm policy add-scc-to-user privileged -z ipfailover`, the same for hostnetwork). The grant
// is written as RBAC (`use` on security.openshift.io securitycontextconstraints is what SCC
// admission checks), and the equivalent commands go in a comment for clusters managed by hand.
import { InputError, type SourcePos } from '../cli/errors.js';
import { shown } from '../keepalived/syntax.js';
import type { IpfailoverSpec, SpecPositions } from './spec.js';

export const SCCS = ['privileged', 'hostnetwork'] as const;

// The API server's own rules (DNS-1123 label / subdomain). They also keep the names plain words
// in the shell commands of the header comment.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function assertName(field: 'name' | 'serviceAccount' | 'namespace', value: string, re: RegExp, max: number, what: string, positions?: SpecPositions): void {
  if (value.length <= max && re.test(value)) return;
  const pos: SourcePos = positions?.[field] ?? { file: `<ipfailover ${field}>` };
  throw new InputError(`${field} ${shown(value)} cannot name a Kubernetes object; expected a ${what} (lowercase letters, digits and '-', at most ${max} characters)`, pos);
}

/** Refuses names the API server would reject (and that could not be pasted into a shell). */
export function assertObjectNames(spec: IpfailoverSpec, positions?: SpecPositions): void {
  // `<name>-scripts` and `<name>-scc` must stay subdomains too.
  assertName('name', spec.name, DNS_SUBDOMAIN, 240, 'DNS-1123 subdomain', positions);
  assertName('serviceAccount', spec.serviceAccount, DNS_SUBDOMAIN, 253, 'DNS-1123 subdomain', positions);
  if (spec.namespace !== undefined) assertName('namespace', spec.namespace, DNS_LABEL, 63, 'DNS-1123 label', positions);
}

function meta(spec: IpfailoverSpec, name: string): Record<string, unknown> {
  return { name, ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}), labels: { ipfailover: spec.name } };
}

/** The header comment: the `oc adm policy` form of the RBAC documents below it. */
export function sccCommands(spec: IpfailoverSpec): string[] {
  const ns = spec.namespace !== undefined ? ` -n ${spec.namespace}` : '';
  return SCCS.map((scc) => `oc adm policy add-scc-to-user ${scc} -z ${spec.serviceAccount}${ns}`);
}

/** ServiceAccount, the ClusterRole that may use the SCCs, and the RoleBinding granting it. */
export function accessObjects(spec: IpfailoverSpec): Record<string, unknown>[] {
  const role = `${spec.name}-scc`;
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(spec, spec.serviceAccount) },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: role, labels: { ipfailover: spec.name } },
      rules: [{ apiGroups: ['security.openshift.io'], resources: ['securitycontextconstraints'], resourceNames: [...SCCS], verbs: ['use'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(spec, role),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      // Without a namespace the subject is the binding's own namespace's account (RBAC's rule).
      subjects: [{ kind: 'ServiceAccount', name: spec.serviceAccount, ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}) }],
    },
  ];
}
