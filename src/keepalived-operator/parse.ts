// KeepalivedGroup CRs and Services from YAML manifests (several documents, or a v1 List), as
// the operator's controller sees them: a Service belongs to a group through the
// keepalivedgroup annotation ("namespace/name") and counts only when it is a LoadBalancer or has
// externalIPs. VRIDs come from the CR's status.routerIDs when the manifest carries it; otherwise
// they are assigned the way findNextAvailableID does, in instance-name order (the operator
// itself walks a hash set, so a fresh group's order is not knowable: a warning says so).
import { z } from 'zod';
import { InputError, type SourcePos } from '../cli/errors.js';
import { parseWith, readYamlDocs, type YamlDoc } from '../openshift4/yaml-input.js';
import { GROUP_ANNOTATION, instanceKeys, SPREAD_ANNOTATION, VERBATIM_ANNOTATION, type KaGroup, type KaService } from './model.js';

const meta = z.object({ name: z.string().min(1), namespace: z.string().min(1).default('default'), annotations: z.record(z.string(), z.string()).default({}) }).loose();

const groupSchema = z.object({
  kind: z.literal('KeepalivedGroup'),
  metadata: meta,
  spec: z.object({
    interface: z.string().min(1),
    image: z.string().default('registry.redhat.io/openshift4/ose-keepalived-ipfailover'),
    unicastEnabled: z.boolean().default(false),
    verbatimConfig: z.record(z.string(), z.string()).default({}),
    blacklistRouterIDs: z.array(z.number().int().min(1).max(255)).default([]),
    nodeSelector: z.record(z.string(), z.string()).default({}),
  }).loose(),
  status: z.object({ routerIDs: z.record(z.string(), z.number().int()).default({}) }).loose().optional(),
}).loose();

const serviceSchema = z.object({
  kind: z.literal('Service'),
  metadata: meta,
  spec: z.object({
    type: z.string().default('ClusterIP'),
    externalTrafficPolicy: z.string().default('Cluster'),
    healthCheckNodePort: z.number().int().default(0),
    externalIPs: z.array(z.string()).default([]),
    ports: z.array(z.object({ port: z.number().int().min(1).max(65535) }).loose()).default([]),
  }).loose(),
  status: z.object({ loadBalancer: z.object({ ingress: z.array(z.object({ ip: z.string().optional() }).loose()).default([]) }).loose().default({ ingress: [] }) }).loose().optional(),
}).loose();

export interface ParsedGroup {
  readonly group: KaGroup;
  readonly services: KaService[];
  readonly pos: SourcePos;
  /** VRIDs vrrplab had to assign itself (no status.routerIDs for them). */
  readonly assigned: readonly string[];
  readonly warnings: readonly string[];
}

function items(doc: YamlDoc): Array<{ value: unknown; pos: SourcePos; doc: YamlDoc; path: (string | number)[] }> {
  const v = doc.value as { kind?: unknown; items?: unknown };
  if (v.kind === 'List' && Array.isArray(v.items)) return v.items.map((value: unknown, i: number) => ({ value, pos: doc.pos(['items', i]), doc, path: ['items', i] }));
  return [{ value: doc.value, pos: doc.pos([]), doc, path: [] }];
}

const sortedMap = (o: Record<string, string>): Map<string, string> => new Map(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function parseKeepalivedOperator(files: ReadonlyArray<{ file: string; text: string }>): ParsedGroup[] {
  const groups: Array<{ g: z.output<typeof groupSchema>; pos: SourcePos }> = [];
  const services: Array<{ s: z.output<typeof serviceSchema>; pos: SourcePos }> = [];
  for (const f of files) {
    for (const doc of readYamlDocs(f.text, f.file)) {
      for (const it of items(doc)) {
        const kind = (it.value as { kind?: unknown } | null)?.kind;
        const sub: YamlDoc = { file: doc.file, value: it.value, pos: (p) => doc.pos([...it.path, ...p]) };
        if (kind === 'KeepalivedGroup') groups.push({ g: parseWith(groupSchema, sub, 'KeepalivedGroup'), pos: it.pos });
        else if (kind === 'Service') services.push({ s: parseWith(serviceSchema, sub, 'Service'), pos: it.pos });
      }
    }
  }
  if (groups.length === 0) throw new InputError('no KeepalivedGroup found; expected a KeepalivedGroup manifest (redhatcop.redhat.io/v1alpha1) among the inputs', { file: files[0]?.file ?? '-' });
  for (const { s, pos } of services) {
    const ref = s.metadata.annotations[GROUP_ANNOTATION];
    if (ref !== undefined && !groups.some(({ g }) => `${g.metadata.namespace}/${g.metadata.name}` === ref)) {
      throw new InputError(`Service ${s.metadata.namespace}/${s.metadata.name} names KeepalivedGroup '${ref}', which is not among the inputs; expected namespace/name of one given`, pos);
    }
  }
  return groups.map(({ g, pos }) => {
    const ref = `${g.metadata.namespace}/${g.metadata.name}`;
    const warnings: string[] = [];
    const mine: KaService[] = services
      .filter(({ s }) => s.metadata.annotations[GROUP_ANNOTATION] === ref && (s.spec.type === 'LoadBalancer' || s.spec.externalIPs.length > 0))
      .map(({ s }) => {
        let verbatim = new Map<string, string>();
        const raw = s.metadata.annotations[VERBATIM_ANNOTATION];
        if (raw !== undefined && raw !== '') {
          try {
            verbatim = sortedMap(z.record(z.string(), z.string()).parse(JSON.parse(raw)));
          } catch {
            // parseJson in the operator logs and uses an empty map.
            warnings.push(`Service ${s.metadata.namespace}/${s.metadata.name}: the verbatimconfig annotation is not a JSON object of strings; the operator ignores it`);
          }
        }
        const ips = [...new Set([...(s.status?.loadBalancer.ingress ?? []).flatMap((i) => (i.ip !== undefined && i.ip !== '' ? [i.ip] : [])), ...s.spec.externalIPs])];
        return {
          namespace: s.metadata.namespace, name: s.metadata.name, local: s.spec.externalTrafficPolicy === 'Local', healthCheckNodePort: s.spec.healthCheckNodePort,
          ips, spread: s.metadata.annotations[SPREAD_ANNOTATION] === 'true', verbatim, port: s.spec.ports[0]?.port ?? 80,
        };
      });
    const routerIds = new Map(Object.entries(g.status?.routerIDs ?? {}));
    const used = new Set([...g.spec.blacklistRouterIDs, ...routerIds.values()]);
    const assigned: string[] = [];
    for (const key of mine.flatMap((s) => instanceKeys(s, 1)).sort()) {
      if (routerIds.has(key)) continue;
      let id = 1;
      while (used.has(id)) id++;
      // Past 255 the controller fails the whole reconcile; lint reports it, the ids stay unset.
      if (id > 255) continue;
      routerIds.set(key, id);
      used.add(id);
      assigned.push(key);
    }
    if (assigned.length > 0) warnings.push(`KeepalivedGroup ${ref}: no status.routerIDs for ${assigned.join(', ')}; vrrplab numbered them in name order, the operator numbers a new group's instances in hash-set order`);
    const group: KaGroup = {
      name: g.metadata.name, namespace: g.metadata.namespace, interface: g.spec.interface, unicast: g.spec.unicastEnabled,
      verbatim: sortedMap(g.spec.verbatimConfig), blacklistRouterIds: g.spec.blacklistRouterIDs, routerIds, image: g.spec.image, nodeSelector: sortedMap(g.spec.nodeSelector),
    };
    return { group, services: mine, pos, assigned, warnings };
  });
}
