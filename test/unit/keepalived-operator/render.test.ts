// keepalived-operator's ConfigMap keepalived.conf, byte for byte against the operator's own
// template rendered with the same CR, Services and pods (fixtures/keepalived-operator/README.md).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderKeepalivedOperatorConf, resolveConfigId } from '../../../src/keepalived-operator/render.js';
import { SPREAD_ANNOTATION, VERBATIM_ANNOTATION, type KaGroup, type KaPod, type KaService } from '../../../src/keepalived-operator/model.js';

const dir = fileURLToPath(new URL('../../fixtures/keepalived-operator/', import.meta.url));

interface Meta { Name: string; Namespace?: string; Annotations?: Record<string, string> }
interface Case {
  KeepalivedGroup: { ObjectMeta: Meta; Spec: { Interface: string; UnicastEnabled?: boolean; VerbatimConfig?: Record<string, string>; Image: string }; Status: { RouterIDs: Record<string, number> } };
  Services: Array<{ ObjectMeta: Meta; Spec: { ExternalTrafficPolicy: string; HealthCheckNodePort?: number; ExternalIPs?: string[] }; Status: { LoadBalancer: { Ingress: Array<{ IP: string }> } } }>;
  KeepalivedPods: Array<{ ObjectMeta: Meta; Status: { HostIP: string } }>;
  AuthPass: string;
}

function fromCase(c: Case): { group: KaGroup; services: KaService[]; pods: KaPod[] } {
  const g = c.KeepalivedGroup;
  const sorted = (o: Record<string, string> | undefined): Map<string, string> => new Map(Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    group: { name: g.ObjectMeta.Name, namespace: g.ObjectMeta.Namespace ?? '', interface: g.Spec.Interface, unicast: g.Spec.UnicastEnabled === true, verbatim: sorted(g.Spec.VerbatimConfig), blacklistRouterIds: [], routerIds: new Map(Object.entries(g.Status.RouterIDs)), image: g.Spec.Image, nodeSelector: new Map() },
    services: c.Services.map((s) => ({
      namespace: s.ObjectMeta.Namespace ?? '', name: s.ObjectMeta.Name, local: s.Spec.ExternalTrafficPolicy === 'Local', healthCheckNodePort: s.Spec.HealthCheckNodePort ?? 0,
      ips: [...new Set([...s.Status.LoadBalancer.Ingress.map((i) => i.IP), ...(s.Spec.ExternalIPs ?? [])])],
      spread: s.ObjectMeta.Annotations?.[SPREAD_ANNOTATION] === 'true',
      port: 80,
      verbatim: sorted(JSON.parse(s.ObjectMeta.Annotations?.[VERBATIM_ANNOTATION] ?? '{}') as Record<string, string>),
    })),
    pods: c.KeepalivedPods.map((p) => ({ name: p.ObjectMeta.Name, hostIp: p.Status.HostIP })),
  };
}

describe('renderKeepalivedOperatorConf equals the operator template output', () => {
  const names = readdirSync(join(dir, 'cases')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  it('has at least two CR + Service sets', () => expect(names.length).toBeGreaterThanOrEqual(2));
  it.each(names)('%s', (name) => {
    const c = JSON.parse(readFileSync(join(dir, 'cases', `${name}.json`), 'utf8')) as Case;
    const { group, services, pods } = fromCase(c);
    expect(renderKeepalivedOperatorConf(group, services, pods, c.AuthPass)).toBe(readFileSync(join(dir, 'golden', `${name}.conf`), 'utf8'));
  });
});

describe('resolveConfigId (keepalived --config-id)', () => {
  it('keeps @ID lines on ID and @^ID lines elsewhere, without the prefix', () => {
    const text = '    @p1 state MASTER\n    @^p1 state BACKUP\n    interface x';
    expect(resolveConfigId(text, 'p1')).toBe('    state MASTER\n    interface x');
    expect(resolveConfigId(text, 'p2')).toBe('    state BACKUP\n    interface x');
  });
});
