// The OpenShift 4 way: there is no `oc adm ipfailover`, the operator writes a Deployment that
// runs the keepalived-ipfailover image privileged on the host network with OPENSHIFT_HA_* env.
// The output is one `oc apply -f` file: ServiceAccount, SCC RBAC, the scripts ConfigMap when a
// script is given, then the Deployment of the "Configuring IP failover" docs.
import { stringify } from 'yaml';
import { InputError } from '../cli/errors.js';
import { shown } from '../keepalived/syntax.js';
import { DEFAULT_OCP_VERSION, HOST_PORT_BASE, defaultDeploymentImage, resolveImage, selectorLabels, type ImageSource } from './deployment.js';
import { accessObjects, assertObjectNames, sccCommands } from './deployment-access.js';
import { ipfailoverEnv } from './env.js';
import type { IpfailoverSpec, SpecPositions } from './spec.js';
import { assertNoInjection } from './inject.js';

export interface DeploymentOptions {
  /** Which image runs when the input names none: OCP's (default) or OKD's. */
  readonly imageSource?: ImageSource;
  /** The OCP image tag's minor, `4.N`. */
  readonly ocpVersion?: string;
}

interface ScriptFile { readonly field: 'checkScript' | 'notifyScript'; readonly path: string; readonly key: string }

// A ConfigMap key (the API server's rule); the key is the script's file name.
const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Scripts the pod must find: a single absolute path each. Each is mounted as one file (subPath)
 * at its own path, so OPENSHIFT_HA_*_SCRIPT points into the ConfigMap and nothing else of the
 * image's directory is hidden. A command with arguments names a program of the image: not shipped.
 */
function scriptFiles(spec: IpfailoverSpec, positions?: SpecPositions): ScriptFile[] {
  const out: ScriptFile[] = [];
  for (const field of ['checkScript', 'notifyScript'] as const) {
    const path = spec[field];
    if (!path.startsWith('/') || /\s/.test(path) || out.some((f) => f.path === path)) continue;
    const key = path.slice(path.lastIndexOf('/') + 1);
    const pos = positions?.[field] ?? { file: `<ipfailover ${field}>` };
    if (!CONFIGMAP_KEY.test(key) || key === '.' || key === '..') throw new InputError(`${field} ${shown(path)}: its file name cannot be a ConfigMap key; expected letters, digits, '-', '_' or '.'`, pos);
    if (out.some((f) => f.key === key)) throw new InputError(`${field} ${shown(path)} has the same file name as ${shown(out.find((f) => f.key === key)?.path ?? '')}; one ${spec.name}-scripts ConfigMap cannot hold both, expected different file names`, pos);
    out.push({ field, path, key });
  }
  return out;
}

// vrrplab has the scripts' paths, not their text: the placeholder fails every check (keepalived
// then leaves MASTER) rather than passing one nobody wrote.
function placeholder(f: ScriptFile): string {
  return `#!/bin/sh\necho "${f.key}: placeholder from vrrplab; replace the ConfigMap with the real script" >&2\nexit 1\n`;
}

export function renderIpfailoverDeployment(spec: IpfailoverSpec, positions?: SpecPositions, opts: DeploymentOptions = {}): string {
  assertNoInjection(spec, positions);
  assertObjectNames(spec, positions);
  const ocpVersion = opts.ocpVersion ?? DEFAULT_OCP_VERSION;
  if (!/^4\.[0-9]{1,3}$/.test(ocpVersion)) throw new InputError(`--ocp-version ${shown(ocpVersion)}: expected 4.N (the cluster's minor version)`, { file: '--ocp-version' });
  const labels = { ipfailover: spec.name };
  const port = HOST_PORT_BASE + spec.vrrpIdOffset;
  const scripts = scriptFiles(spec, positions);
  const configMap = `${spec.name}-scripts`;
  const volumeMounts: Array<Record<string, unknown>> = [
    { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
    // The 4.8+ image calls the host's iptables/nft through chroot /host.
    { name: 'host-slash', mountPath: '/host', readOnly: true, mountPropagation: 'HostToContainer' },
    // The image sources /etc/sysconfig/keepalived for KEEPALIVED_OPTIONS; the docs mount the host's.
    { name: 'etc-sysconfig', mountPath: '/etc/sysconfig', readOnly: true },
    ...scripts.map((f) => ({ name: 'scripts', mountPath: f.path, subPath: f.key, readOnly: true })),
  ];
  const volumes: Array<Record<string, unknown>> = [
    { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
    { name: 'host-slash', hostPath: { path: '/' } },
    { name: 'etc-sysconfig', hostPath: { path: '/etc/sysconfig' } },
    // Check and notify scripts must exist in the pod, executable.
    ...(scripts.length > 0 ? [{ name: 'scripts', configMap: { name: configMap, defaultMode: 0o755 } }] : []),
  ];
  const podSpec: Record<string, unknown> = {
    serviceAccountName: spec.serviceAccount,
    hostNetwork: true,
    ...(spec.selector !== undefined ? { nodeSelector: selectorLabels(spec.selector) } : {}),
    containers: [{
      name: `${spec.name}-${spec.type}`,
      image: resolveImage(spec.image, defaultDeploymentImage(opts.imageSource ?? 'ocp', ocpVersion)),
      imagePullPolicy: spec.latestImages ? 'Always' : 'IfNotPresent',
      ports: [{ containerPort: port, hostPort: port }],
      securityContext: { privileged: true },
      env: ipfailoverEnv(spec).map(([name, value]) => ({ name, value })),
      volumeMounts,
      livenessProbe: { exec: { command: ['pgrep', 'keepalived'] }, initialDelaySeconds: 10 },
    }],
    volumes,
  };
  const deployment = {
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
  const scriptsDoc = scripts.length === 0 ? [] : [{
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: configMap, ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}), labels },
    data: Object.fromEntries(scripts.map((f) => [f.key, placeholder(f)])),
  }];
  const ns = spec.namespace !== undefined ? ` -n ${spec.namespace}` : '';
  const header = [
    '# Apply with `oc apply -f`. The RBAC below grants what these commands would:',
    ...sccCommands(spec).map((c) => `#   ${c}`),
    ...(scripts.length === 0 ? [] : [
      `# warning: ${configMap} holds placeholders that fail; vrrplab has the script paths, not their text. Replace it (subPath mounts see the change only after a restart):`,
      `#   oc create configmap ${configMap}${ns} ${scripts.map((f) => `--from-file=${f.key}=./${f.key}`).join(' ')} --dry-run=client -o yaml | oc replace -f - && oc rollout restart deployment/${spec.name}${ns}`,
    ]),
  ];
  const docs = [...accessObjects(spec), ...scriptsDoc, deployment];
  return `${header.join('\n')}\n${docs.map((d) => `---\n${stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })}`).join('')}`;
}
