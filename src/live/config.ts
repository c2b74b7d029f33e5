// `speak --config FILE|SCENARIO [--node NAME]` -> the RouterConfig the core runs, bound to the
// one interface speak was given: the config's interface name (eth0 in a scenario, say) is
// mapped onto it and its real primary address becomes the advert source, as keepalived would
// take it from the interface it runs on.
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../cli/errors.js';
import { loadKeepalivedNode } from '../keepalived/fs.js';
import { buildRouterConfig, type SourceMap } from '../model/build.js';
import { formatWarning } from '../model/format.js';
import type { KeepalivedConfig, NodeModel } from '../model/types.js';
import type { InstanceConfig, RouterConfig } from '../vrrp/types.js';
import { loadScenario } from '../../sim/scenario/load.js';
import type { LiveInterface } from './host.js';

export interface SpeakConfig {
  readonly router: RouterConfig;
  /** keepalived's adjustments and vrrplab's notes, one line each, for stderr. */
  readonly notes: readonly string[];
  /** The configuration as read, for what the router config does not carry (script users). */
  readonly keepalived: KeepalivedConfig;
}

interface Source {
  readonly node: NodeModel;
  readonly positions: SourceMap | undefined;
  readonly notes: readonly string[];
}

function pickNode(path: string, cwd: string, nodeName: string | undefined): Source {
  if (/\.ya?ml$/i.test(path)) {
    const sc = loadScenario(isAbsolute(path) ? path : resolve(cwd, path));
    const names = sc.nodes.map((n) => n.name);
    if (nodeName === undefined && sc.nodes.length !== 1) {
      throw new InputError(`the scenario has ${sc.nodes.length} nodes; expected --node with one of ${names.join(', ')}`, { file: '--node' });
    }
    const node = nodeName === undefined ? sc.nodes[0] : sc.nodes.find((n) => n.name === nodeName);
    if (node === undefined) throw new InputError(`no node '${nodeName ?? ''}' in ${path}; expected one of ${names.join(', ')}`, { file: '--node' });
    return { node, positions: undefined, notes: [] };
  }
  const loaded = loadKeepalivedNode(path, cwd, nodeName);
  return { node: loaded.node, positions: loaded.positions, notes: loaded.warnings.map(formatWarning) };
}

/** The interface names the config's instances name (or imply through unicast_src_ip). */
function configInterfaces(node: NodeModel): string[] {
  const names = new Set<string>();
  for (const i of node.keepalived.instances) {
    if (i.interface !== undefined) names.add(i.interface);
    else {
      const byAddr = node.interfaces.find((x) => x.address === i.unicastSrcIp);
      if (byAddr !== undefined) names.add(byAddr.name);
    }
  }
  return [...names];
}

function rebind(i: InstanceConfig, from: string, to: string): InstanceConfig {
  return {
    ...i,
    iface: i.iface === from ? to : i.iface,
    track: i.track.map((t) => (t.kind === 'interface' && t.name === from ? { ...t, name: to } : t)),
  };
}

export function loadSpeakConfig(path: string, cwd: string, nodeName: string | undefined, itf: LiveInterface): SpeakConfig {
  const src = pickNode(path, cwd, nodeName);
  const used = configInterfaces(src.node);
  if (used.length > 1) {
    throw new InputError(`instances use interfaces ${used.join(', ')}; speak runs on one interface (${itf.name}), expected a configuration for one`, { file: path });
  }
  const cfgName = used[0] ?? itf.name;
  const notes = [...src.notes];
  if (cfgName !== itf.name) notes.push(`vrrplab: the configuration's interface ${cfgName} is ${itf.name} here`);
  // The node's interface as it really is: keepalived takes the advert source from it.
  const interfaces = itf.primary === null && itf.linkLocal === null ? [] : [{
    name: cfgName, prefix: itf.prefix ?? 32,
    ...(itf.primary === null ? {} : { address: itf.primary }),
    ...(itf.address6 === null ? {} : { address6: itf.address6 }),
    ...(itf.linkLocal === null ? {} : { linkLocal: itf.linkLocal }),
  }];
  const built = buildRouterConfig({ ...src.node, interfaces }, src.positions);
  notes.push(...built.warnings.map(formatWarning));
  const instances = built.config.instances.map((i) => rebind(i, cfgName, itf.name));
  if (instances.length === 0) throw new InputError('no usable vrrp_instance (see the errors above); expected at least one', { file: path });
  const sourceless = instances.find((i) => i.srcAddr === '0.0.0.0' || i.srcAddr === '::');
  if (sourceless !== undefined) {
    const what = sourceless.family === 6 ? 'IPv6 link-local' : 'IPv4';
    throw new InputError(`instance ${sourceless.name}: ${itf.name} has no ${what} address to send from; expected an address on it or mcast_src_ip/unicast_src_ip`, { file: '--interface' });
  }
  return { router: { ...built.config, instances }, notes, keepalived: src.node.keepalived };
}
