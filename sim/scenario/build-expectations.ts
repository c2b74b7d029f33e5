// Expectation entries to the verdicts the run evaluates, each checked against the deployment
// and the run's end (a statement about a time the run never reaches is an error).
import { canonicalAddress } from '../../src/model/addresses.js';
import type { Micros } from '../../src/vrrp/types.js';
import type { NodeModel } from '../../src/model/types.js';
import type { NodeSpec } from '../spec.js';
import { formatDuration } from './duration.js';
import type { ExpectName } from './schema.js';
import { posOf, type YamlPath, type YamlSource } from './positions.js';
import type { Expectation } from './expectations.js';
import type { Err } from './build-faults.js';
import { dur, ratio } from './values.js';

export function toExpectation(e: Record<string, unknown>, p: YamlPath, src: YamlSource, nodes: readonly NodeSpec[], models: readonly NodeModel[], probes: ReadonlySet<string>, err: Err, end: { readonly at: Micros; readonly name: string }): Expectation {
  const kind = Object.keys(e).find((k) => k !== 'at') as ExpectName;
  const v = e[kind] as Record<string, unknown>;
  const pos = posOf(src, p);
  const atRaw = e['at'] as string | number | undefined;
  const at = atRaw === undefined ? null : dur(atRaw);
  // A verdict about a time the run never reaches cannot be true or false: the scenario is wrong.
  const within = (t: Micros, path: YamlPath, word = 'at'): Micros => {
    if (t > end.at) throw err(`${kind} ${word} ${formatDuration(t)} is after the end of the run (${end.name}), expected a time up to ${formatDuration(end.at)}`, path);
    return t;
  };
  if (at !== null) within(at, [...p, 'at']);
  const needAt = (): Micros => {
    if (at === null) throw err(`${kind} needs a time, expected at: 10s`, p);
    return at;
  };
  const nodeList = (x: unknown): string[] => {
    const list = x === null ? [] : Array.isArray(x) ? (x as string[]) : [x as string];
    list.forEach((name, j) => {
      if (!nodes.some((n) => n.name === name)) throw err(`unknown node '${name}', expected one of ${nodes.map((n) => n.name).join(', ')} or null`, Array.isArray(x) ? [...p, kind, 'node', j] : [...p, kind, 'node']);
    });
    return list;
  };
  const who = (list: readonly string[]): string => (list.length === 0 ? 'nobody' : list.join(' and '));
  const T = (u: Micros): string => formatDuration(u);
  switch (kind) {
    case 'master': {
      const instance = v['instance'] as string;
      if (!models.some((n) => n.keepalived.instances.some((i) => i.name === instance))) throw err(`no node has a vrrp_instance '${instance}'`, [...p, kind, 'instance']);
      const list = nodeList(v['node']);
      const t = needAt();
      return { kind, pos, at: t, instance, nodes: list, label: `at ${T(t)} ${instance} MASTER is ${who(list)}` };
    }
    case 'holder': {
      const list = nodeList(v['node']);
      const t = needAt();
      const vip = canonicalAddress(v['vip'] as string) ?? (v['vip'] as string);
      return { kind, pos, at: t, vip, nodes: list, label: `at ${T(t)} ${vip} is held by ${who(list)}` };
    }
    case 'longestOutage': {
      const max = dur(v['max'] as string);
      const given = v['vip'] as string | undefined;
      const vip = given === undefined ? null : canonicalAddress(given) ?? given;
      return { kind, pos, max, vip, label: `longest outage of ${vip ?? 'any VIP'} <= ${T(max)}` };
    }
    case 'dualMaster': {
      const longest = v['longest'] === undefined ? null : dur(v['longest'] as string);
      const total = v['total'] === undefined ? null : dur(v['total'] as string);
      const allow = v['allowDuringFaults'] !== false;
      const parts = [longest !== null ? `longest <= ${T(longest)}` : null, total !== null ? `total <= ${T(total)}` : null].filter((x) => x !== null);
      if (parts.length === 0) throw err('dualMaster needs longest and/or total', [...p, kind]);
      return { kind, pos, longest, total, allowDuringFaults: allow, label: `dual mastership ${parts.join(', ')}${allow ? ' (outside partitions, multicast blocks and freezes)' : ''}` };
    }
    case 'convergence': {
      const within = dur(v['within'] as string);
      return { kind, pos, within, label: `converges within ${T(within)} of the last timeline event` };
    }
    case 'invariants': {
      const only = (v['only'] as string[] | undefined) ?? null;
      return { kind, pos, only, label: `VRRP invariants hold${only !== null ? ` (${only.join(', ')})` : ''}` };
    }
    case 'availability': {
      const probe = v['probe'] as string;
      if (!probes.has(probe)) throw err(`unknown probe '${probe}'`, [...p, kind, 'probe']);
      const min = ratio(v['min'] as string | number, (m) => err(m, [...p, kind, 'min']));
      const from = v['from'] === undefined ? 0 : within(dur(v['from'] as string), [...p, kind, 'from'], 'from');
      if (from === end.at) throw err(`availability from ${formatDuration(from)} measures nothing: the run ends then (${end.name}), expected an earlier time`, [...p, kind, 'from']);
      return { kind, pos, probe, min, from, label: `probe ${probe} availability >= ${(min * 100).toFixed(2).replace(/\.?0+$/, '')}%${from > 0 ? ` from ${T(from)}` : ''}` };
    }
  }
}
