// Faults back into scenario timeline entries, the inverse of the loader's toFault, so a shrunk
// schedule is written as a scenario `vrrplab run` accepts unchanged.
import type { Fault, TimelineEvent } from '../../sim/spec.js';
import { formatDuration } from '../../sim/scenario/duration.js';

type Entry = Record<string, unknown>;

const seg = (s: string | undefined): Entry => (s === undefined ? {} : { segment: s });

export function faultEntry(f: Fault): Entry {
  switch (f.kind) {
    case 'crash': case 'stop': case 'start': case 'restart': case 'freeze': case 'thaw':
      return { [f.kind]: f.node };
    case 'link-down': case 'link-up':
      return { [f.kind]: f.iface === undefined ? f.node : { node: f.node, interface: f.iface } };
    case 'service-down': case 'service-up':
      return { [f.kind]: f.service === undefined && f.port === undefined ? f.node : { node: f.node, ...(f.service !== undefined ? { service: f.service } : {}), ...(f.port !== undefined ? { port: f.port } : {}) } };
    case 'partition':
      return { partition: f.segment === undefined ? f.groups.map((g) => [...g]) : { groups: f.groups.map((g) => [...g]), segment: f.segment } };
    case 'partition-oneway':
      return { partition: { from: [...f.from], to: [...f.to], ...seg(f.segment) } };
    case 'heal': case 'block-multicast': case 'unblock-multicast':
      return { [f.kind]: f.segment ?? null };
    case 'loss':
      return { loss: { rate: f.rate, ...seg(f.segment) } };
    case 'latency':
      return { latency: { latency: formatDuration(f.latency), ...(f.jitter !== undefined ? { jitter: formatDuration(f.jitter) } : {}), ...seg(f.segment) } };
    case 'set-priority':
      return { 'set-priority': { node: f.node, instance: f.instance, priority: f.priority } };
  }
}

export function timelineEntries(timeline: readonly TimelineEvent[]): Entry[] {
  return timeline.map((e) => ({ at: formatDuration(e.at), ...faultEntry(e.fault) }));
}
