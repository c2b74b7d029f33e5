// An `ipfailover:` block stands for what OpenShift would deploy: it selects nodes by label (the
// first `replicas` of them, as the scheduler would place the pods) and gives each the exact
// keepalived.conf the ipfailover image writes there. The image's `$RANDOM % 32` backup term is
// drawn from the scenario's seed unless the block pins it.
import { InputError } from '../../src/cli/errors.js';
import type { Warning } from '../../src/model/types.js';
import { defaultSelector, type IpfailoverSpec, type ParsedIpfailover } from '../../src/ipfailover/spec.js';
import { renderIpfailoverKeepalived } from '../../src/ipfailover/render-keepalived.js';
import { parseIpfailoverCommand } from '../../src/ipfailover/parse-cli.js';
import type { RandomTerm } from '../../src/ipfailover/bash-random.js';
import { imageNetworkDevice, type HostInterface } from '../../src/ipfailover/host-device.js';
import { IpfailoverBlockSchema, type ScenarioFile } from './schema.js';
import { posOf, type YamlPath, type YamlSource } from './positions.js';

export interface ExpandedIpfailover {
  /** node name -> generated keepalived.conf text. */
  readonly configs: Map<string, string>;
  /** Each block as the ipfailover adapter reads it, for lint. */
  readonly parsed: ParsedIpfailover[];
  /** node name -> its devices, for every node (lint decides which are selected). */
  readonly hosts: Map<string, HostInterface[]>;
}

export function expandIpfailover(src: YamlSource, sc: ScenarioFile, warnings: Warning[]): ExpandedIpfailover {
  const blocks = Array.isArray(sc.ipfailover) ? sc.ipfailover : [sc.ipfailover];
  const out = new Map<string, string>();
  const parsed: ParsedIpfailover[] = [];
  blocks.forEach((raw, b) => {
    const path: YamlPath = Array.isArray(sc.ipfailover) ? ['ipfailover', b] : ['ipfailover'];
    const r = IpfailoverBlockSchema.safeParse(raw, { jitless: true });
    if (!r.success) {
      const issue = r.error.issues[0];
      const sub = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
      throw new InputError(`ipfailover: ${issue?.message ?? 'invalid block'}; expected { command: "oc adm ipfailover ..." } or the spec's fields`, posOf(src, [...path, ...sub]));
    }
    const block = r.data;
    let spec: IpfailoverSpec;
    if ('command' in block) {
      try {
        const p = parseIpfailoverCommand(block.command, src.file);
        spec = p.spec;
        // Findings about any flag point at the command line in the scenario.
        const at = posOf(src, [...path, 'command']);
        parsed.push({ ...p, positions: Object.fromEntries(Object.keys(p.spec).map((k) => [k, at])), source: src.file });
      } catch (e) {
        if (e instanceof InputError) throw new InputError(`ipfailover command: ${e.message}`, posOf(src, [...path, 'command']));
        throw e;
      }
    } else {
      const { random: _r, ...fields } = block;
      spec = fields;
      parsed.push({ spec, positions: Object.fromEntries(Object.keys(spec).map((k) => [k, posOf(src, (block as Record<string, unknown>)[k] === undefined ? path : [...path, k])])), source: src.file });
    }
    const selector = spec.selector ?? defaultSelector(spec.name);
    const want = parseSelector(selector);
    const matching = sc.nodes.filter((n) => [...want].every(([k, v]) => Object.hasOwn(n.labels, k) && n.labels[k] === v));
    if (matching.length !== spec.replicas) {
      warnings.push({
        severity: 'warning',
        message: `ipfailover ${spec.name}: ${spec.replicas} replica(s) but ${matching.length} node(s) match selector '${selector}'${matching.length > spec.replicas ? `; only the first ${spec.replicas} run a pod` : '; the extra replicas stay Pending'}`,
        pos: posOf(src, path),
      });
    }
    matching.slice(0, spec.replicas).forEach((n) => {
      const i = sc.nodes.indexOf(n);
      if (out.has(n.name)) throw new InputError(`node '${n.name}' is selected by two ipfailover blocks; one pod per node can bind VRRP`, posOf(src, path));
      const dev = imageNetworkDevice(spec.interface, hostInterfaces(n));
      const random: RandomTerm = block.random ?? { seed: ((Math.imul(sc.seed, 2654435761) ^ (i + 1)) >>> 0) % 0x7ffffffe };
      out.set(n.name, renderIpfailoverKeepalived(spec, { name: n.name, address: dev.address, interface: dev.device }, random, parsed[parsed.length - 1]?.positions));
    });
  });
  return { configs: out, parsed, hosts: new Map(sc.nodes.map((n) => [n.name, hostInterfaces(n)])) };
}

type ScenarioNode = ScenarioFile['nodes'][number];

/**
 * The node's devices as the image's probes see them. A node that says nothing about routes has
 * its default route on its first interface (a one-NIC host has no other choice).
 */
export function hostInterfaces(n: ScenarioNode): HostInterface[] {
  const list = n.interfaces ?? (n.address !== undefined ? [{ name: n.interface, address: n.address, defaultRoute: undefined }] : []);
  const anyRoute = list.some((i) => i.defaultRoute !== undefined);
  return list.map((i, k) => ({ name: i.name, address: i.address, defaultRoute: anyRoute ? i.defaultRoute === true : k === 0 }));
}

function parseSelector(s: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of s.split(',')) {
    const [k, v] = part.split('=');
    if (k !== undefined && k.trim() !== '') m.set(k.trim(), (v ?? '').trim());
  }
  return m;
}
