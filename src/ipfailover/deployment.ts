// Shared facts of the pod the ipfailover controller runs (ipfailover-flags.md "What the command
// creates", and the OpenShift 4 "Configuring IP failover" Deployment).

export const IPFAILOVER_COMPONENT = 'keepalived-ipfailover';
/** Public OKD image; OCP users substitute registry.redhat.io/openshift4/ose-keepalived-ipfailover-rhel9:vX.Y. */
export const DEFAULT_IMAGE = 'quay.io/openshift/origin-keepalived-ipfailover:latest';
/** hostPort base: a second pod of one config cannot land on the same node. */
export const HOST_PORT_BASE = 63000;

/** `--images` is a template with ${component} and ${version}. */
export function resolveImage(template: string | undefined): string {
  if (template === undefined) return DEFAULT_IMAGE;
  return template.replace(/\$\{component\}/g, IPFAILOVER_COMPONENT).replace(/\$\{version\}/g, 'latest');
}

export function selectorLabels(selector: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of selector.split(',')) {
    const eq = part.indexOf('=');
    const k = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (k !== '') out[k] = eq < 0 ? '' : part.slice(eq + 1).trim();
  }
  return out;
}
