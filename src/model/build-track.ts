// What an instance tracks (track_interface, track_script, with its sync group's) and the sync
// groups themselves, with keepalived 2.2.7's checks and words (vrrp_parser.c, vrrp.c).
import type { ScriptConfig, SyncGroupConfig, TrackRef } from '../vrrp/types.js';
import type { Findings } from './build-context.js';
import { TRACK_WEIGHT } from '../keepalived/number-keywords.js';
import { outsideRange } from '../keepalived/numbers.js';
import type { TrackInterfaceRef, TrackScriptRef, VrrpInstanceModel, VrrpSyncGroupModel } from './types.js';

export const OWNER = 255;

function clampWeight(w: number, n: string, name: string, f: Findings, key: string[]): number | undefined {
  if (w === 254 || w === -254) {
    f.warn(`(${n}) weight for ${name} cannot be +/-254. Setting to +/-253`, ...key);
    return w > 0 ? 253 : -253;
  }
  if (w < -254 || w > 254) return undefined;
  return w;
}

export function buildTrack(
  i: VrrpInstanceModel, group: VrrpSyncGroupModel | undefined, iface: string, priority: number,
  scripts: ReadonlyMap<string, ScriptConfig>, f: Findings,
): TrackRef[] {
  const n = i.name;
  const key = (field: string): string[] => [`instance:${n}:${field}`, `instance:${n}`];
  const syncNoWeight = group !== undefined && group.syncGroupTrackingWeight !== true;
  const owner = priority === OWNER;
  const out: TrackRef[] = [];
  const ifaces: TrackInterfaceRef[] = [...(i.trackInterface ?? []), ...(group?.trackInterface ?? [])];
  const seenIf = new Set<string>();
  for (const t of ifaces) {
    if (seenIf.has(t.name)) { f.warn(`(${n}) duplicate track_interface ${t.name} - ignoring`, ...key('trackInterface')); continue; }
    seenIf.add(t.name);
    if (t.name === iface) { f.warn(`(${n}) Ignoring track_interface ${t.name} since own interface`, ...key('trackInterface')); continue; }
    let weight = clampWeight(t.weight ?? 0, n, t.name, f, key('trackInterface'));
    if (weight === undefined) {
      f.warn(outsideRange(TRACK_WEIGHT, t.weight ?? 0), ...key('trackInterface'));
      f.warn(`(${n}) weight ${t.weight ?? 0} for ${t.name} must be between [-253..253] inclusive. Ignoring...`, ...key('trackInterface'));
      weight = 0;
    }
    if (weight !== 0 && (syncNoWeight || owner)) {
      f.warn(`(${n}) ignoring ${t.name} tracked interface ${syncNoWeight ? 'weight ' : ''}due to ${syncNoWeight ? 'SYNC group' : 'address owner'}`, ...key('trackInterface'));
      if (!syncNoWeight) continue;
      // 2.2.7 created the tracking object before zeroing the weight: the weight still acts (lab exp7).
      f.warn(`vrrplab: (${n}) keepalived 2.2.7 still applies weight ${weight} of ${t.name} at run time despite the message above`, ...key('trackInterface'));
    }
    out.push({ kind: 'interface', name: t.name, weight, reverse: t.reverse ?? false });
  }
  const refs: TrackScriptRef[] = [...(i.trackScript ?? []), ...(group?.trackScript ?? [])];
  const seenSc = new Set<string>();
  for (const t of refs) {
    const s = scripts.get(t.name);
    if (s === undefined) { f.warn(`(${n}) track script ${t.name} not found, ignoring...`, ...key('trackScript')); continue; }
    if (seenSc.has(t.name)) { f.warn(`(${n}) duplicate track_script ${t.name} - ignoring`, ...key('trackScript')); continue; }
    seenSc.add(t.name);
    let weight: number | undefined = s.weight;
    if (t.weight !== undefined) {
      weight = clampWeight(t.weight, n, t.name, f, key('trackScript'));
      if (weight === undefined) {
        f.warn(outsideRange(TRACK_WEIGHT, t.weight), ...key('trackScript'));
        f.warn(`(${n}) track script ${t.name}: weight must be between [-253..253] inclusive, ignoring...`, ...key('trackScript'));
        weight = s.weight;
      }
    }
    if (weight !== 0 && (syncNoWeight || owner)) {
      f.warn(`(${n}) ignoring tracked script ${t.name} with weights due to ${syncNoWeight ? 'SYNC group' : 'address_owner'}`, ...key('trackScript'));
      continue;
    }
    out.push({ kind: 'script', name: t.name, weight, reverse: t.reverse ?? s.reverse });
  }
  return out;
}

export function syncGroups(
  models: readonly VrrpSyncGroupModel[], instanceNames: ReadonlySet<string>, f: Findings,
): { groups: SyncGroupConfig[]; groupOf: Map<string, VrrpSyncGroupModel> } {
  const groups: SyncGroupConfig[] = [];
  const groupOf = new Map<string, VrrpSyncGroupModel>();
  for (const g of models) {
    const at = `syncGroup:${g.name}`;
    const members: string[] = [];
    for (const m of g.group) {
      if (!instanceNames.has(m)) { f.warn(`Virtual router ${m} specified in sync group ${g.name} doesn't exist - ignoring`, at); continue; }
      const other = groupOf.get(m);
      if (other !== undefined) { f.warn(`Virtual router ${m} cannot exist in more than one sync group; ignoring ${g.name}`, at); continue; }
      groupOf.set(m, g);
      members.push(m);
    }
    if (members.length === 0) { f.error(`Sync group ${g.name}, no matching virtual router found in group declaration - removing`, at); continue; }
    if (members.length === 1) f.warn(`Sync group ${g.name} has only 1 virtual router(s) - this probably isn't what you want`, at);
    groups.push({ name: g.name, instances: members });
  }
  return { groups, groupOf };
}
