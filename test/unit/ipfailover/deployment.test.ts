// Issue 18 item 5: `render ipfailover --format deployment` is one `oc apply -f` file whose pods
// SCC admission lets in, and every document is valid against the Kubernetes OpenAPI schemas
// (kubernetes-models ships them compiled; validate() throws on the first violation).
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { InputError } from '../../../src/cli/errors.js';
import { renderIpfailoverDeployment } from '../../../src/ipfailover/render-deployment.js';
import { parseIpfailoverDeployment } from '../../../src/ipfailover/parse-deployment.js';
import { ipfailoverSpec, type IpfailoverSpec } from '../../../src/ipfailover/spec.js';

type Obj = Record<string, unknown>;
const models = new Map<string, (o: Obj) => { validate(): void }>([
  ['ServiceAccount', (o) => new ServiceAccount(o as never)],
  ['ClusterRole', (o) => new ClusterRole(o as never)],
  ['RoleBinding', (o) => new RoleBinding(o as never)],
  ['ConfigMap', (o) => new ConfigMap(o as never)],
  ['Deployment', (o) => new Deployment(o as never)],
]);

function documents(yaml: string): Obj[] {
  return parseAllDocuments(yaml).map((d) => d.toJS() as Obj);
}

function validateAll(docs: Obj[]): void {
  for (const d of docs) {
    const model = models.get(String(d['kind']));
    if (model === undefined) throw new Error(`no schema for kind ${String(d['kind'])}`);
    model(d).validate();
  }
}

function byKind(docs: Obj[], kind: string): Obj {
  const d = docs.find((x) => x['kind'] === kind);
  if (d === undefined) throw new Error(`no ${kind}`);
  return d;
}

function inputError(f: () => unknown): InputError {
  try { f(); } catch (e) { if (e instanceof InputError) return e; throw e; }
  throw new Error('expected an InputError');
}

const specs: [string, IpfailoverSpec][] = [
  ['defaults', ipfailoverSpec({ virtualIps: '192.0.2.10' })],
  ['namespaced with scripts', ipfailoverSpec({ name: 'ipf', namespace: 'ha', virtualIps: '192.0.2.101-102', replicas: 2, selector: 'node-role.kubernetes.io/worker=', serviceAccount: 'ipf-sa', checkScript: '/etc/keepalive/check.sh', notifyScript: '/etc/keepalive/notify.sh' })],
  ['command as check script', ipfailoverSpec({ name: 'ipf', checkScript: '/usr/bin/curl -sf http://127.0.0.1/' })],
];

describe('4.x Deployment file', () => {
  it.each(specs)('%s: every document passes the Kubernetes OpenAPI schema', (_, spec) => {
    const docs = documents(renderIpfailoverDeployment(spec));
    expect(docs.length).toBeGreaterThanOrEqual(4);
    validateAll(docs);
  });

  it('the schema check can fail', () => {
    const docs = documents(renderIpfailoverDeployment(ipfailoverSpec({ virtualIps: '192.0.2.10' })));
    const dep = byKind(docs, 'Deployment') as { spec: { replicas: unknown } };
    dep.spec.replicas = 'two';
    expect(() => validateAll(docs)).toThrow(/replicas/);
  });

  it('grants the privileged and hostnetwork SCCs to the pod\'s ServiceAccount', () => {
    const yaml = renderIpfailoverDeployment(specs[1]![1]);
    const docs = documents(yaml);
    expect(byKind(docs, 'ServiceAccount')).toMatchObject({ metadata: { name: 'ipf-sa', namespace: 'ha' } });
    expect(byKind(docs, 'ClusterRole')['rules']).toEqual([{ apiGroups: ['security.openshift.io'], resources: ['securitycontextconstraints'], resourceNames: ['privileged', 'hostnetwork'], verbs: ['use'] }]);
    expect(byKind(docs, 'RoleBinding')).toMatchObject({ metadata: { namespace: 'ha' }, roleRef: { kind: 'ClusterRole', name: 'ipf-scc' }, subjects: [{ kind: 'ServiceAccount', name: 'ipf-sa', namespace: 'ha' }] });
    expect(byKind(docs, 'Deployment')).toMatchObject({ spec: { template: { spec: { serviceAccountName: 'ipf-sa' } } } });
    expect(yaml).toContain('#   oc adm policy add-scc-to-user privileged -z ipf-sa -n ha\n#   oc adm policy add-scc-to-user hostnetwork -z ipf-sa -n ha\n');
  });

  it('mounts the host\'s /etc/sysconfig and ships the scripts in <name>-scripts at their own paths', () => {
    const docs = documents(renderIpfailoverDeployment(specs[1]![1]));
    expect(Object.keys(byKind(docs, 'ConfigMap')['data'] as Obj)).toEqual(['check.sh', 'notify.sh']);
    const pod = (byKind(docs, 'Deployment') as { spec: { template: { spec: { volumes: Obj[]; containers: { volumeMounts: Obj[]; env: { name: string; value: string }[] }[] } } } }).spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'etc-sysconfig', hostPath: { path: '/etc/sysconfig' } });
    expect(pod.volumes).toContainEqual({ name: 'scripts', configMap: { name: 'ipf-scripts', defaultMode: 0o755 } });
    const c = pod.containers[0]!;
    expect(c.volumeMounts).toContainEqual({ name: 'etc-sysconfig', mountPath: '/etc/sysconfig', readOnly: true });
    expect(c.volumeMounts).toContainEqual({ name: 'scripts', mountPath: '/etc/keepalive/check.sh', subPath: 'check.sh', readOnly: true });
    expect(c.env).toContainEqual({ name: 'OPENSHIFT_HA_CHECK_SCRIPT', value: '/etc/keepalive/check.sh' });
  });

  it('ships no ConfigMap without a script file', () => {
    for (const s of [specs[0]![1], specs[2]![1]]) expect(documents(renderIpfailoverDeployment(s)).map((d) => d['kind'])).not.toContain('ConfigMap');
  });

  it('picks the OCP image by default and OKD\'s on request; an input image wins', () => {
    const image = (yaml: string): unknown => (byKind(documents(yaml), 'Deployment') as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec.containers[0]?.image;
    const spec = specs[0]![1];
    expect(image(renderIpfailoverDeployment(spec))).toBe('registry.redhat.io/openshift4/ose-keepalived-ipfailover-rhel9:v4.18');
    expect(image(renderIpfailoverDeployment(spec, undefined, { ocpVersion: '4.16' }))).toBe('registry.redhat.io/openshift4/ose-keepalived-ipfailover-rhel9:v4.16');
    expect(image(renderIpfailoverDeployment(spec, undefined, { imageSource: 'okd' }))).toBe('quay.io/openshift/origin-keepalived-ipfailover:latest');
    expect(image(renderIpfailoverDeployment({ ...spec, image: 'example.test/ipf:1' }, undefined, { imageSource: 'okd' }))).toBe('example.test/ipf:1');
    expect(inputError(() => renderIpfailoverDeployment(spec, undefined, { ocpVersion: '4.1 -x' })).message).toMatch(/expected 4\.N/);
  });

  it('parses its own multi-document output back to the same spec', () => {
    const spec = specs[1]![1];
    expect(parseIpfailoverDeployment(renderIpfailoverDeployment(spec), 'd.yaml').spec).toEqual(spec);
  });

  it('refuses names the API server (and a shell pasting the header commands) would not take', () => {
    const bad: [keyof IpfailoverSpec, string][] = [['name', 'OpenShift-IPFailover'], ['serviceAccount', 'ipf;rm'], ['namespace', 'ha$(id)'], ['namespace', 'a.b']];
    for (const [field, value] of bad) {
      const e = inputError(() => renderIpfailoverDeployment(ipfailoverSpec({ virtualIps: '192.0.2.10', [field]: value }), { [field]: { file: 'in', line: 3, col: 1 } }));
      expect(e.message).toContain(field);
      expect(e.pos).toEqual({ file: 'in', line: 3, col: 1 });
    }
  });

  it('refuses script file names one ConfigMap cannot hold', () => {
    expect(inputError(() => renderIpfailoverDeployment(ipfailoverSpec({ checkScript: '/a/x.sh', notifyScript: '/b/x.sh' }))).message).toMatch(/same file name/);
    expect(inputError(() => renderIpfailoverDeployment(ipfailoverSpec({ checkScript: '/a/x:y' }))).message).toMatch(/ConfigMap key/);
  });
});
