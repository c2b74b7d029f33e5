// The OpenShift 4 way: there is no `oc adm ipfailover`, the operator writes a Deployment that
// runs the keepalived-ipfailover image privileged on the host network with OPENSHIFT_HA_* env.
import { stringify } from 'yaml';
import { HOST_PORT_BASE, resolveImage, selectorLabels } from './deployment.js';
import { ipfailoverEnv } from './env.js';
import type { IpfailoverSpec, SpecPositions } from './spec.js';
import { assertNoInjection } from './inject.js';

function scriptDirs(spec: IpfailoverSpec): string[] {
  const dirs = [spec.checkScript, spec.notifyScript]
    .filter((p) => p.startsWith('/') && p.lastIndexOf('/') > 0)
    .map((p) => p.slice(0, p.lastIndexOf('/')));
  return [...new Set(dirs)];
}

export function renderIpfailoverDeployment(spec: IpfailoverSpec, positions?: SpecPositions): string {
  assertNoInjection(spec, positions);
  const labels = { ipfailover: spec.name };
  const port = HOST_PORT_BASE + spec.vrrpIdOffset;
  const dirs = scriptDirs(spec);
  const volumeMounts: Array<Record<string, unknown>> = [
    { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
    // The 4.8+ image calls the host's iptables/nft through chroot /host.
    { name: 'host-slash', mountPath: '/host', readOnly: true, mountPropagation: 'HostToContainer' },
    ...dirs.map((d, i) => ({ name: `scripts-${i}`, mountPath: d })),
  ];
  const volumes: Array<Record<string, unknown>> = [
    { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
    { name: 'host-slash', hostPath: { path: '/' } },
    // Check and notify scripts must exist in the pod: ship them in a ConfigMap, executable.
    ...dirs.map((_, i) => ({ name: `scripts-${i}`, configMap: { name: `${spec.name}-scripts`, defaultMode: 0o755 } })),
  ];
  const podSpec: Record<string, unknown> = {
    serviceAccountName: spec.serviceAccount,
    hostNetwork: true,
    ...(spec.selector !== undefined ? { nodeSelector: selectorLabels(spec.selector) } : {}),
    containers: [{
      name: `${spec.name}-${spec.type}`,
      image: resolveImage(spec.image),
      imagePullPolicy: spec.latestImages ? 'Always' : 'IfNotPresent',
      ports: [{ containerPort: port, hostPort: port }],
      securityContext: { privileged: true },
      env: ipfailoverEnv(spec).map(([name, value]) => ({ name, value })),
      volumeMounts,
      livenessProbe: { exec: { command: ['pgrep', 'keepalived'] }, initialDelaySeconds: 10 },
    }],
    volumes,
  };
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}), labels },
    spec: {
      replicas: spec.replicas,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: podSpec },
    },
  };
  return stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false });
}
