// `vrrplab import keepalived`: production keepalived.conf files -> a runnable scenario skeleton
// that refers to those files (so the scenario follows them as they change). A keepalived.conf
// does not say a node's address or what an opaque check script tests: where the files cannot
// tell, the skeleton says so in a comment next to an assumption the user must confirm.
import type { LoadedNode } from '../../src/keepalived/inputs.js';
import { deriveBounds } from '../../src/testing/bounds.js';
import type { Micros } from '../../src/vrrp/types.js';
import { recogniseScript } from './bind-scripts.js';
import { formatDuration } from './duration.js';
import { loadScenarioText } from './load.js';

export interface ImportedFile {
  readonly node: LoadedNode;
  /** Path of the keepalived.conf relative to where the scenario will be written. */
  readonly ref: string;
}

const q = (s: string): string => JSON.stringify(s);

/** The port a daemon a pidof/killall check names usually listens on; others get one of their own. */
const WELL_KNOWN_PORTS: ReadonlyMap<string, number> = new Map([
  ['haproxy', 80], ['nginx', 80], ['httpd', 80], ['apache2', 80], ['lighttpd', 80], ['varnishd', 80], ['envoy', 80], ['traefik', 80],
  ['sshd', 22], ['named', 53], ['dnsmasq', 53], ['unbound', 53], ['postfix', 25], ['master', 25], ['exim4', 25],
  ['mysqld', 3306], ['mariadbd', 3306], ['postgres', 5432], ['redis-server', 6379], ['memcached', 11211], ['squid', 3128], ['slapd', 389],
]);

/** Expectation bounds the skeleton states; derived from its own configuration so it passes as written. */
interface SkeletonBounds {
  readonly longestOutage: Micros;
  readonly dualMaster: Micros;
  readonly convergence: Micros;
}

const SEC = 1_000_000;
// Whole seconds, with a second to spare: a bound a user reads and keeps, not a measurement.
const roundUp = (us: Micros): Micros => (Math.ceil(us / SEC) + 1) * SEC;

/**
 * The skeleton for these files. Its expectations are bounds derived from the configuration (the
 * Master_Down_Interval, advert interval, script detection and preempt delay it has), so that
 * `vrrplab run` passes on the config it came from; the loader reads the files the way `run` will.
 */
export function skeletonScenario(files: readonly ImportedFile[], name: string, schemaRef: string, scenarioPath: string, readFile: (p: string) => string): string {
  const draft = scenarioFromKeepalived(files, name, schemaRef, null);
  const spec = loadScenarioText(draft, scenarioPath, { readFile }).spec;
  const b = deriveBounds(spec);
  return scenarioFromKeepalived(files, name, schemaRef, {
    longestOutage: roundUp(b.maxMasterDown + b.scriptDetection + b.maxPreemptDelay + 2 * b.maxDelay),
    dualMaster: roundUp(b.splitGrace),
    convergence: roundUp(b.convergence + b.maxPreemptDelay),
  });
}

export function scenarioFromKeepalived(files: readonly ImportedFile[], name: string, schemaRef: string, bounds: SkeletonBounds | null): string {
  const out: string[] = [
    `# yaml-language-server: $schema=${schemaRef}`,
    '#',
    `# Imported by vrrplab from ${files.map((f) => f.ref).join(', ')}.`,
    '# Check every line marked ASSUMED, then add the failures you want to rehearse to the timeline',
    '# and what you expect to the expectations. Run it with: vrrplab run <this file>',
    `name: ${q(name)}`,
    'seed: 1',
    'duration: 2m',
    'nodes:',
  ];
  files.forEach((f, i) => {
    const k = f.node.node.keepalived;
    const ifaces = [...new Set(k.instances.map((x) => x.interface).filter((x): x is string => x !== undefined))];
    // keepalived's VRRP exits when the config names an interface the host lacks (vrrp_if.c:194-226),
    // so the skeleton assumes the host has every one it names: tracked ones and VIP devs too.
    const named = [
      ...k.instances.flatMap((x) => [...(x.trackInterface ?? []).map((t) => t.name), ...[...(x.virtualIpaddress ?? []), ...(x.virtualIpaddressExcluded ?? [])].flatMap((v) => (v.dev === undefined ? [] : [v.dev]))]),
      ...k.syncGroups.flatMap((g) => (g.trackInterface ?? []).map((t) => t.name)),
    ];
    const extra = [...new Set(named)].filter((n) => !ifaces.includes(n));
    const srcs = k.instances.map((x) => x.unicastSrcIp ?? x.mcastSrcIp).filter((x): x is string => x !== undefined);
    const known = srcs.find((x) => !x.includes(':'));
    // An IPv6 instance needs an IPv6 address on the node (its link-local one is derived from it).
    const known6 = srcs.find((x) => x.includes(':'));
    const wants6 = known6 !== undefined || k.instances.some((x) => [...(x.virtualIpaddress ?? []), ...(x.unicastPeer ?? [])].some((v) => v.address.includes(':')));
    const addr6 = wants6 ? `${known6 ?? `2001:db8::${i + 1}`}${known6 === undefined ? ', ASSUMED' : ''}` : undefined;
    out.push(`  - name: ${q(f.node.node.name)}`);
    if (ifaces.length <= 1 && extra.length === 0) {
      const addr = known ?? `192.0.2.${i + 1}`;
      out.push(`    address: ${addr}${known === undefined ? '   # ASSUMED: keepalived.conf does not say this node\'s address' : ''}`);
      if (addr6 !== undefined) out.push(`    address6: ${addr6.replace(', ASSUMED', '   # ASSUMED: keepalived.conf does not say this node\'s IPv6 address')}`);
      if (ifaces[0] !== undefined && ifaces[0] !== 'eth0') out.push(`    interface: ${q(ifaces[0])}`);
    } else {
      out.push('    interfaces:   # ASSUMED: the host has every interface the config names (keepalived\'s VRRP exits otherwise); addresses are not in keepalived.conf');
      const main = ifaces.length > 0 ? ifaces : ['eth0'];
      main.forEach((n, j) => out.push(`      - { name: ${q(n)}, address: ${j === 0 && known !== undefined ? known : `${j === 0 ? '192.0.2' : '198.51.100'}.${i + 1}`}${j === 0 && addr6 !== undefined ? `, address6: ${addr6.replace(', ASSUMED', '')}` : ''}, segment: ${q(j === 0 ? 'lan' : `lan-${n}`)} }`));
      extra.forEach((n) => out.push(`      - { name: ${q(n)}, up: true }   # ASSUMED: exists and is up, no address (named by track_interface or a VIP dev)`));
    }
    out.push("    shell: dash   # ASSUMED: /bin/sh is dash (Debian/Ubuntu); bash on RHEL-family hosts");
    out.push(`    keepalived: ${q(f.ref)}`);
    const services: string[] = [];
    const bindings: string[] = [];
    const ports = new Set<number>();
    const portFor = (proc: string): number => {
      let p = WELL_KNOWN_PORTS.get(proc) ?? 8080;
      while (ports.has(p)) p += 1;
      ports.add(p);
      return p;
    };
    for (const s of k.scripts) {
      if (s.script === undefined) continue;
      const r = recogniseScript(s.script, { ownAddress: known ?? `192.0.2.${i + 1}`, services: [], shell: 'dash' });
      if (r.kind === 'bound' || r.kind === 'dropped') continue;
      const proc = /process '([^']+)'/.exec(r.why)?.[1];
      if (proc !== undefined) {
        if (services.some((x) => x.includes(`process: ${q(proc)}`))) continue;
        services.push(`      - { name: ${q(proc)}, port: ${portFor(proc)}, process: ${q(proc)} }   # ASSUMED port`);
      } else {
        bindings.push(`      ${q(s.name)}: { ok: true }   # ASSUMED: vrrplab cannot tell what ${q(s.script)} checks; bind it to { service: NAME } or { tcp: HOST:PORT }`);
      }
    }
    if (services.length > 0) out.push('    services:', ...services);
    if (bindings.length > 0) out.push('    scripts:', ...bindings);
  });
  const multi = new Set(files.flatMap((f) => f.node.node.keepalived.instances.map((x) => x.interface))).size > 1;
  if (multi) out.push('segments:', '  - { name: lan }', ...[...new Set(files.flatMap((f) => f.node.node.keepalived.instances.map((x) => x.interface)))].slice(1).map((n) => `  - { name: ${q(`lan-${n ?? ''}`)} }`));
  const first = files[0]?.node.node.name;
  const T = (us: Micros | undefined, dflt: string): string => (us === undefined ? dflt : formatDuration(us));
  // With one node, crashing it is an outage by construction: the example needs a second node.
  const example = first !== undefined && files.length > 1
    ? ['  # An example failure: the first node dies and comes back.', `  - at: 30s`, `    crash: ${q(first)}`, `  - at: 60s`, `    start: ${q(first)}`]
    : ['  # One node: add the keepalived.conf of its peer to rehearse a failover, e.g. - { at: 30s, crash: NODE }', '  []'];
  out.push(
    'timeline:',
    ...example,
    'expect:',
    ...(bounds !== null ? ['  # Bounds derived from the configuration (advert and down intervals, scripts, preempt delay).'] : []),
    `  - longestOutage: { max: ${T(bounds?.longestOutage, '5s')} }`,
    `  - dualMaster: { longest: ${T(bounds?.dualMaster, '1s')} }`,
    `  - convergence: { within: ${T(bounds?.convergence, '10s')} }`,
  );
  return `${out.join('\n')}\n`;
}
