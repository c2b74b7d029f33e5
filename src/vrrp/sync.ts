// vrrp_sync_group runtime rules (keepalived-state-machine.md §17): members go MASTER all
// together or not at all, follow each other to BACKUP, and share FAULT.
import type { Ctx } from './ctx.js';
import { enterState, fullDownTimer, groupMembers, groupOf, inst, notifyInstance, put, setGroupState, setSands } from './ctx.js';
import { becomeMaster, leaveMaster } from './master.js';

/** vrrp_sync_can_goto_master(): the group is MASTER already or every other member wants it. */
export function canGotoMaster(ctx: Ctx, i: number): boolean {
  const g = groupOf(ctx, i);
  if (g < 0) return true;
  if (ctx.groups[g]?.state === 'MASTER') return true;
  return groupMembers(ctx, g).every((j) => j === i || inst(ctx, j).wantstate === 'MASTER');
}

export function syncMaster(ctx: Ctx, i: number): void {
  const g = groupOf(ctx, i);
  if (g < 0 || ctx.groups[g]?.state === 'MASTER' || !canGotoMaster(ctx, i)) return;
  for (const j of groupMembers(ctx, g)) {
    if (j !== i && inst(ctx, j).state !== 'MASTER') becomeMaster(ctx, j, 'sync group MASTER');
  }
  setGroupState(ctx, g, 'MASTER');
}

/** A member in FAULT brought up with its group: as try_up_instance() does for BACKUP. */
export function faultToBackup(ctx: Ctx, i: number, reason: string): void {
  const v = put(ctx, i, { wantstate: 'BACKUP', masterAdverInt: inst(ctx, i).config.advertInt, preemptTime: null });
  enterState(ctx, i, 'BACKUP', reason);
  notifyInstance(ctx, i);
  const down = fullDownTimer(v);
  put(ctx, i, { msDownTimer: down });
  setSands(ctx, i, ctx.now + down);
}

export function syncBackup(ctx: Ctx, i: number): void {
  const g = groupOf(ctx, i);
  if (g < 0 || ctx.groups[g]?.state === 'BACKUP') return;
  for (const j of groupMembers(ctx, g)) {
    if (j === i) continue;
    const s = inst(ctx, j).state;
    if (s === 'MASTER') leaveMaster(ctx, j, 'BACKUP', 0, 'sync group BACKUP');
    else if (s === 'FAULT' || s === 'INIT') faultToBackup(ctx, j, 'sync group BACKUP');
  }
  setGroupState(ctx, g, 'BACKUP');
}

export function syncFault(ctx: Ctx, i: number): void {
  const g = groupOf(ctx, i);
  if (g < 0 || ctx.groups[g]?.state === 'FAULT') return;
  for (const j of groupMembers(ctx, g)) {
    if (j === i) continue;
    const s = inst(ctx, j).state;
    // Leaving MASTER for FAULT always sends one priority-0 advert (vrrp_state_leave_master).
    if (s === 'MASTER') leaveMaster(ctx, j, 'FAULT', 1, 'sync group FAULT');
    else if (s === 'BACKUP' || s === 'INIT') {
      put(ctx, j, { wantstate: 'FAULT' });
      enterState(ctx, j, 'FAULT', 'sync group FAULT');
      notifyInstance(ctx, j);
      setSands(ctx, j, null);
    }
  }
  setGroupState(ctx, g, 'FAULT');
}
