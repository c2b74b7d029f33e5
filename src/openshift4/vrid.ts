// The VRIDs an on-prem OpenShift 4 cluster's keepalived uses. baremetal-runtimecfg derives them
// from the cluster name alone (pkg/config/node.go PopulateVRIDs: Fletcher-8 of "<name>-api" and
// "<name>-ingress", plus one; ingress bumped when both agree), so two clusters on one L2 segment
// can collide and nothing in the install-config can move them.

/** Fletcher-8 over the bytes of `text`, both sums mod 15 (pkg/utils FletcherChecksum8). */
export function fletcher8(text: string): number {
  let a = 0;
  let b = 0;
  for (const byte of new TextEncoder().encode(text)) {
    // Go adds in uint8: the sum wraps before the modulo (only for bytes past 0xf0).
    a = ((a + byte) & 0xff) % 0xf;
    b = (b + a) % 0xf;
  }
  return ((b << 4) | a) & 0xff;
}

export interface OnPremVrids {
  readonly api: number;
  readonly ingress: number;
}

export function onPremVrids(clusterName: string): OnPremVrids {
  const api = fletcher8(`${clusterName}-api`) + 1;
  let ingress = fletcher8(`${clusterName}-ingress`) + 1;
  if (ingress === api) ingress++;
  return { api, ingress };
}
