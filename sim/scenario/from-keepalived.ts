// `vrrplab import keepalived`: production keepalived.conf files -> a runnable scenario skeleton
// that refers to those files (so the scenario follows them as they change). A keepalived.conf
// does not say a node's address or what an opaque check script tests: where the files cannot
// tell, the skeleton says so in a comment next to an assumption the user must confirm.
import type { LoadedNode } from '../../src/keepalived/inputs.js';
import { recogniseScript } from './bind-scripts.js';

export interface ImportedFile {
  readonly node: LoadedNode;
  /** Path of the keepalived.conf relative to where the scenario will be written. */
  readonly ref: string;
}

const q = (s: string): string => JSON.stringify(s);

export function scenarioFromKeepalived(files: readonly ImportedFile[], name: string, schemaRef: string): string {
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
    const known = k.instances.map((x) => x.unicastSrcIp ?? x.mcastSrcIp).find((x) => x !== undefined);
    out.push(`  - name: ${q(f.node.node.name)}`);
    if (ifaces.length <= 1 && extra.length === 0) {
      const addr = known ?? `192.0.2.${i + 1}`;
      out.push(`    address: ${addr}${known === undefined ? '   # ASSUMED: keepalived.conf does not say this node\'s address' : ''}`);
      if (ifaces[0] !== undefined && ifaces[0] !== 'eth0') out.push(`    interface: ${q(ifaces[0])}`);
    } else {
      out.push('    interfaces:   # ASSUMED: the host has every interface the config names (keepalived\'s VRRP exits otherwise); addresses are not in keepalived.conf');
      const main = ifaces.length > 0 ? ifaces : ['eth0'];
      main.forEach((n, j) => out.push(`      - { name: ${q(n)}, address: ${j === 0 && known !== undefined ? known : `${j === 0 ? '192.0.2' : '198.51.100'}.${i + 1}`}, segment: ${q(j === 0 ? 'lan' : `lan-${n}`)} }`));
      extra.forEach((n) => out.push(`      - { name: ${q(n)}, up: true }   # ASSUMED: exists and is up, no address (named by track_interface or a VIP dev)`));
    }
    out.push("    shell: dash   # ASSUMED: /bin/sh is dash (Debian/Ubuntu); bash on RHEL-family hosts");
    out.push(`    keepalived: ${q(f.ref)}`);
    const services: string[] = [];
    const bindings: string[] = [];
    for (const s of k.scripts) {
      if (s.script === undefined) continue;
      const r = recogniseScript(s.script, { ownAddress: known ?? `192.0.2.${i + 1}`, services: [], shell: 'dash' });
      if (r.kind === 'bound' || r.kind === 'dropped') continue;
      const proc = /process '([^']+)'/.exec(r.why)?.[1];
      if (proc !== undefined) {
        services.push(`      - { name: ${q(proc)}, port: 80, process: ${q(proc)} }   # ASSUMED port`);
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
  out.push(
    'timeline:',
    ...(first !== undefined ? ['  # An example failure: the first node dies and comes back.', `  - at: 30s`, `    crash: ${q(first)}`, `  - at: 60s`, `    start: ${q(first)}`] : []),
    'expect:',
    '  - longestOutage: { max: 5s }',
    '  - dualMaster: { longest: 1s }',
    '  - convergence: { within: 10s }',
  );
  return `${out.join('\n')}\n`;
}
