// Shared facts of the pod the ipfailover controller runs (ipfailover-flags.md "What the command
// creates", and the OpenShift 4 "Configuring IP failover" Deployment).

export const IPFAILOVER_COMPONENT = 'keepalived-ipfailover';
/** OKD's public image, the 3.x `--images` default. */
export const OKD_IMAGE = 'quay.io/openshift/origin-keepalived-ipfailover:latest';
/** The pre-image-source name of the OKD image, kept for the 3.x `--images` default. */
export const DEFAULT_IMAGE = OKD_IMAGE;
/** OCP pullspec of the 4.x docs (openshift-docs PR #85032); the tag is the cluster's minor. */
export const OCP_IMAGE_REPO = 'registry.redhat.io/openshift4/ose-keepalived-ipfailover-rhel9';
export const DEFAULT_OCP_VERSION = '4.18';
/** hostPort base: a second pod of one config cannot land on the same node. */
export const HOST_PORT_BASE = 63000;

export type ImageSource = 'ocp' | 'okd';

export function ocpImage(version: string): string {
  return `${OCP_IMAGE_REPO}:v${version}`;
}

/** The image a 4.x Deployment runs when the input names none. */
export function defaultDeploymentImage(source: ImageSource, ocpVersion: string = DEFAULT_OCP_VERSION): string {
  return source === 'okd' ? OKD_IMAGE : ocpImage(ocpVersion);
}

/** An image the renderer would have chosen by itself, so a parsed Deployment does not pin it. */
export function isDefaultImage(image: string): boolean {
  return image === OKD_IMAGE || image === ocpImage(DEFAULT_OCP_VERSION);
}

/** `--images` is a template with ${component} and ${version}. */
export function resolveImage(template: string | undefined, fallback: string = DEFAULT_IMAGE): string {
  if (template === undefined) return fallback;
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
