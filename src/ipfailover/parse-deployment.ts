// A Deployment / DeploymentConfig (or a List holding one) running the ipfailover image, back
// into a spec: the container's env decides what keepalived.conf says; replicas, nodeSelector,
// serviceAccountName and the image come from the pod template.
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, type Node, type YAMLMap } from 'yaml';
import { InputError, type SourcePos } from '../cli/errors.js';
import { isDefaultImage } from './deployment.js';
import { envToSpec, type EnvEntry } from './parse-env.js';
import type { ParsedIpfailover, SpecPositions } from './spec.js';

interface Ctx { readonly file: string; readonly lc: LineCounter }

function posOf(ctx: Ctx, node: Node | null | undefined): SourcePos {
  const offset = node?.range?.[0];
  if (offset === undefined) return { file: ctx.file };
  const { line, col } = ctx.lc.linePos(offset);
  return { file: ctx.file, line, col };
}

function getMap(m: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const v = m?.get(key, true);
  return isMap(v) ? v : undefined;
}

function scalarString(ctx: Ctx, node: unknown, what: string): string {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean')) return String(node.value);
  throw new InputError(`${what}: expected a string`, posOf(ctx, isScalar(node) || isMap(node) || isSeq(node) ? node : undefined));
}

function findWorkload(doc: Node | null): YAMLMap | undefined {
  if (!isMap(doc)) return undefined;
  const kind = doc.get('kind');
  if (kind === 'Deployment' || kind === 'DeploymentConfig') return doc;
  const items = doc.get('items', true);
  if (kind === 'List' && isSeq(items)) {
    for (const it of items.items) if (isMap(it) && (it.get('kind') === 'Deployment' || it.get('kind') === 'DeploymentConfig')) return it;
  }
  return undefined;
}

export function parseIpfailoverDeployment(text: string, file: string): ParsedIpfailover {
  const lc = new LineCounter();
  // `oc apply -f` files are multi-document: the ServiceAccount, RBAC and ConfigMap come first.
  const docs = [...parseAllDocuments(text, { lineCounter: lc, prettyErrors: false })];
  const ctx: Ctx = { file, lc };
  const err = docs.flatMap((d) => d.errors)[0];
  if (err !== undefined) {
    const { line, col } = lc.linePos(err.pos[0]);
    throw new InputError(`YAML: ${err.message.split('\n')[0] ?? ''}`, { file, line, col });
  }
  const workload = docs.map((d) => findWorkload(d.contents)).find((w) => w !== undefined);
  if (workload === undefined) throw new InputError('expected a Deployment or DeploymentConfig (or a List holding one)', posOf(ctx, docs[0]?.contents));
  const spec = getMap(workload, 'spec');
  const podSpec = getMap(getMap(spec, 'template'), 'spec');
  const containers = podSpec?.get('containers', true);
  if (!isSeq(containers) || containers.items.length === 0) throw new InputError('expected spec.template.spec.containers with the ipfailover container', posOf(ctx, podSpec ?? workload));
  const container = containers.items.find((c) => isMap(c) && /ipfailover/.test(String(c.get('image') ?? '') + String(c.get('name') ?? ''))) ?? containers.items[0];
  if (!isMap(container)) throw new InputError('expected the container to be a mapping', posOf(ctx, containers));
  const entries: EnvEntry[] = [];
  const env = container.get('env', true);
  if (isSeq(env)) {
    for (const item of env.items) {
      if (!isMap(item)) throw new InputError('env entry: expected { name, value }', posOf(ctx, isScalar(item) ? item : undefined));
      const nameNode = item.get('name', true);
      if (nameNode === undefined) throw new InputError('env entry has no name; expected { name: OPENSHIFT_HA_..., value: ... }', posOf(ctx, item));
      const name = scalarString(ctx, nameNode, 'env name');
      const valueNode = item.get('value', true);
      if (valueNode === undefined && item.has('valueFrom')) {
        throw new InputError(`env ${name}: valueFrom cannot be resolved offline; expected a literal value`, posOf(ctx, item));
      }
      entries.push({ key: name, value: valueNode === undefined || (isScalar(valueNode) && valueNode.value === null) ? '' : scalarString(ctx, valueNode, `env ${name}`), pos: posOf(ctx, isScalar(valueNode) ? valueNode : item) });
    }
  }
  const fields: Record<string, unknown> = {};
  const positions: SpecPositions = {};
  const replicas = spec?.get('replicas', true);
  const ns = getMap(workload, 'metadata')?.get('namespace', true);
  if (isScalar(ns)) { fields['namespace'] = String(ns.value); positions.namespace = posOf(ctx, ns); }
  const sel = getMap(podSpec, 'nodeSelector');
  if (sel !== undefined) {
    fields['selector'] = sel.items.map((p) => `${String(isScalar(p.key) ? p.key.value : p.key)}=${String(isScalar(p.value) ? p.value.value ?? '' : '')}`).join(',');
    positions.selector = posOf(ctx, sel);
  }
  const sa = podSpec?.get('serviceAccountName', true);
  if (isScalar(sa)) { fields['serviceAccount'] = String(sa.value); positions.serviceAccount = posOf(ctx, sa); }
  const image = container.get('image', true);
  if (isScalar(image) && !isDefaultImage(String(image.value))) { fields['image'] = String(image.value); positions.image = posOf(ctx, image); }
  if (container.get('imagePullPolicy') === 'Always') fields['latestImages'] = true;
  const parsed = { ...envToSpec(entries, file, { fields, positions }), kind: 'deployment' as const };
  // The pod count is the controller's replicas; OPENSHIFT_HA_REPLICA_COUNT only feeds the
  // priority scheme. Keep the env's value (it shapes keepalived.conf) and let lint compare.
  return isScalar(replicas) && typeof replicas.value === 'number'
    ? { ...parsed, podReplicas: { value: replicas.value, pos: posOf(ctx, replicas) } }
    : parsed;
}
