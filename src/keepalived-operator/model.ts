// The inputs redhat-cop/keepalived-operator turns into keepalived.conf: one KeepalivedGroup
// (interface, unicast, verbatim global options, the VRIDs it has handed out in
// status.routerIDs) and the LoadBalancer / externalIPs Services annotated with it.
export const GROUP_ANNOTATION = 'keepalived-operator.redhat-cop.io/keepalivedgroup';
export const VERBATIM_ANNOTATION = 'keepalived-operator.redhat-cop.io/verbatimconfig';
export const SPREAD_ANNOTATION = 'keepalived-operator.redhat-cop.io/spreadvips';

export interface KaGroup {
  readonly name: string;
  readonly namespace: string;
  readonly interface: string;
  readonly unicast: boolean;
  /** spec.verbatimConfig, keys sorted as Go's template range prints a map. */
  readonly verbatim: ReadonlyMap<string, string>;
  readonly blacklistRouterIds: readonly number[];
  /** status.routerIDs: instance key ("ns/name" or "ns/name/ip" when spread) -> VRID. */
  readonly routerIds: ReadonlyMap<string, number>;
  /** The ipfailover-style image the DaemonSet runs. */
  readonly image: string;
  readonly nodeSelector: ReadonlyMap<string, string>;
}

export interface KaService {
  readonly namespace: string;
  readonly name: string;
  readonly local: boolean;
  readonly healthCheckNodePort: number;
  /** status.loadBalancer.ingress IPs, then spec.externalIPs, each once. */
  readonly ips: readonly string[];
  readonly spread: boolean;
  /** The verbatimconfig annotation's JSON object, keys sorted. */
  readonly verbatim: ReadonlyMap<string, string>;
  /** spec.ports[0].port: what clients reach on the VIPs. */
  readonly port: number;
}

export interface KaPod {
  readonly name: string;
  readonly hostIp: string;
}

export const serviceKey = (s: KaService): string => `${s.namespace}/${s.name}`;

/** The vrrp_instance names the controller gives VRIDs to (servicesToVRRPInstances). */
export function instanceKeys(s: KaService, pods: number): string[] {
  return s.spread && pods > 0 ? s.ips.map((ip) => `${serviceKey(s)}/${ip}`) : [serviceKey(s)];
}

/** Services by namespace then name, pods by name: processTemplate's order. */
export function sortedInputs(services: readonly KaService[], pods: readonly KaPod[]): { services: KaService[]; pods: KaPod[] } {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    services: [...services].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name)),
    pods: [...pods].sort((a, b) => cmp(a.name, b.name)),
  };
}
