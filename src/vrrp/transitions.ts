// The core's state machine as data: every transition an instance can make, with the input that
// causes it, its guard in words, the effects it emits and the keepalived 2.2.7 function it
// follows. Nothing here drives the core (router.ts does); two tests hold the table to the code
// (test/unit/vrrp/transitions.test.ts walks each row, test/property/core-transitions.test.ts
// fails on a transition the core makes that no row lists), and README.md/transitions.mmd are
// generated from it (src/docs/transitions.ts). Adding a rule to the core = adding a row here.
import type { Effect, Input, VrrpState } from './types.js';

/** What happened to the router, at the granularity the table distinguishes. */
export type InputClass =
  | 'start'
  | 'advert'
  | 'timer(instance)'
  | 'timer(garpDelay)'
  | 'scriptResult'
  | 'interface'
  | 'reload'
  | 'stop';

/** An effect's type, with the timer key kind and priority-0 adverts told apart. */
export type EffectKind =
  | 'sendAdvert'
  | 'sendAdvert(0)'
  | 'setTimer(instance)'
  | 'cancelTimer(instance)'
  | 'setTimer(garpDelay)'
  | 'cancelTimer(garpDelay)'
  | 'addVip'
  | 'removeVip'
  | 'garp'
  | 'notify'
  | 'transition'
  | 'priorityChange';

export interface TransitionRow {
  /** Stable name, used by the tests to find the row's minimal witness. */
  readonly id: string;
  readonly from: VrrpState;
  readonly input: InputClass;
  /** When this row applies, in words. */
  readonly guard: string;
  readonly to: VrrpState;
  /**
   * The `transition` effect's reason with addresses written `<addr>`; '' for a row that keeps
   * the state (listed because what it does to timers and adverts is the rule).
   */
  readonly reason: string;
  /** The instance's own effects, in emission order, for the row's minimal witness. */
  readonly effects: readonly EffectKind[];
  /** keepalived 2.2.7 source file and function the rule follows. */
  readonly keepalived: string;
  /** The file and function here that implement it. */
  readonly file: string;
}

// The effects of entering MASTER (vrrp_state_master_tx's "advert first, then VIPs and GARP").
const ENTER_MASTER: readonly EffectKind[] = [
  'sendAdvert', 'transition', 'addVip', 'garp', 'notify', 'setTimer(garpDelay)', 'setTimer(instance)',
];

export const TRANSITIONS: readonly TransitionRow[] = [
  // ---- start: vrrp_init_state()
  {
    id: 'start-backup', from: 'INIT', input: 'start', to: 'BACKUP', reason: 'init',
    guard: 'no weight-0 tracked object is down, no unweighted track script (of this instance or, in a sync group, of any member) is still to report, the sync group (if any) does not start FAULT, and it is not an address owner starting MASTER',
    effects: ['transition', 'notify', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp_scheduler.c vrrp_init_state()', file: 'src/vrrp/lifecycle.ts initInstance()',
  },
  {
    id: 'start-owner', from: 'INIT', input: 'start', to: 'BACKUP', reason: 'init (address owner)',
    guard: 'priority 255 with `state MASTER`, up, no script to wait for, sync group (if any) starting MASTER: BACKUP with a 1 µs down timer and no notify, so the next timer makes it MASTER',
    effects: ['transition', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp_scheduler.c vrrp_init_state() ("timeout from the backup state very quickly (1usec)")', file: 'src/vrrp/lifecycle.ts initInstance()',
  },
  {
    id: 'start-fault-down', from: 'INIT', input: 'start', to: 'FAULT', reason: 'init (tracked object down)',
    guard: 'a weight-0 tracked object (the instance\'s own interface unless dont_track_primary, a track_interface, an unweighted script with init_fail) is down at start',
    effects: ['transition', 'notify'],
    keepalived: 'vrrp/vrrp_scheduler.c vrrp_init_state()', file: 'src/vrrp/lifecycle.ts initInstance()',
  },
  {
    id: 'start-fault-wait', from: 'INIT', input: 'start', to: 'FAULT', reason: 'init (waiting for track scripts)',
    guard: 'up, but an unweighted track script (its own or a sync-group member\'s) has not reported yet, or the sync group starts FAULT: FAULT without a notify',
    effects: ['transition'],
    keepalived: 'vrrp/vrrp_scheduler.c vrrp_init_state() (notify only if num_script_if_fault)', file: 'src/vrrp/lifecycle.ts initInstance()',
  },

  // ---- adverts to a BACKUP: vrrp_state_backup(), then vrrp_dispatcher_read() re-arms the timer
  {
    id: 'backup-accept', from: 'BACKUP', input: 'advert', to: 'BACKUP', reason: '',
    guard: 'a valid advert whose priority is ≥ our effective priority (at equal priority the sender\'s address is NOT compared), or nopreempt, or preempt_delay not yet expired: the sender is the master, wantstate BACKUP, down timer restarts at Master_Down_Interval',
    effects: ['setTimer(instance)'],
    keepalived: 'vrrp/vrrp.c vrrp_state_backup(); vrrp/vrrp_scheduler.c vrrp_dispatcher_read()', file: 'src/vrrp/receive.ts backupRx(), onAdvert()',
  },
  {
    id: 'backup-prio0', from: 'BACKUP', input: 'advert', to: 'BACKUP', reason: '',
    guard: 'a valid priority-0 advert (the master resigns): the down timer restarts at Skew_Time, with or without nopreempt',
    effects: ['setTimer(instance)'],
    keepalived: 'vrrp/vrrp.c vrrp_state_backup()', file: 'src/vrrp/receive.ts backupRx()',
  },
  {
    id: 'backup-discard', from: 'BACKUP', input: 'advert', to: 'BACKUP', reason: '',
    guard: 'a valid advert of lower priority with preemption allowed (no nopreempt, preempt_delay expired or none): discarded, the running down timer is kept so we take over when it expires',
    effects: [],
    keepalived: 'vrrp/vrrp.c vrrp_state_backup() ("received lower priority advert - discarding")', file: 'src/vrrp/receive.ts backupRx()',
  },
  {
    id: 'backup-invalid', from: 'BACKUP', input: 'advert', to: 'BACKUP', reason: '',
    guard: 'an advert vrrp_check_packet() rejects (TTL, version, auth, interval, VIP list, unicast/multicast, unicast source): ignored, the running down timer is kept',
    effects: [],
    keepalived: 'vrrp/vrrp.c vrrp_check_packet(), vrrp_state_backup()', file: 'src/vrrp/validate.ts advertRejection(); src/vrrp/receive.ts backupRx()',
  },

  // ---- adverts to a MASTER: vrrp_state_master_rx()
  {
    id: 'master-yield', from: 'MASTER', input: 'advert', to: 'BACKUP', reason: 'higher priority advert from <addr>',
    guard: 'a valid advert with higher priority, or equal priority from a higher source address (vrrp_saddr_cmp): release the VIPs, notify BACKUP, full down timer; no resignation advert',
    effects: ['removeVip', 'cancelTimer(garpDelay)', 'transition', 'notify', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp.c vrrp_state_master_rx(), vrrp_state_leave_master()', file: 'src/vrrp/receive.ts masterRx(); src/vrrp/master.ts leaveMaster()',
  },
  {
    id: 'master-lower', from: 'MASTER', input: 'advert', to: 'MASTER', reason: '',
    guard: 'a valid advert with lower priority, or equal priority from a lower source address: advertise at once (unless lower_prio_no_advert), GARP now and again after garp_lower_prio_delay',
    effects: ['sendAdvert', 'garp', 'setTimer(garpDelay)', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp.c vrrp_state_master_rx(); vrrp/vrrp_scheduler.c vrrp_lower_prio_gratuitous_arp_thread()', file: 'src/vrrp/receive.ts masterRx(); src/vrrp/master.ts lowerPrioGarp()',
  },
  {
    id: 'master-prio0', from: 'MASTER', input: 'advert', to: 'MASTER', reason: '',
    guard: 'a valid priority-0 advert (another master resigned): answer with an advert at our priority at once',
    effects: ['sendAdvert', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp.c vrrp_state_master_rx()', file: 'src/vrrp/receive.ts masterRx()',
  },
  {
    id: 'master-invalid', from: 'MASTER', input: 'advert', to: 'MASTER', reason: '',
    guard: 'an advert vrrp_check_packet() rejects: ignored, but (2.2.7 quirk) the next advert is still postponed by one advert_int unless lower_prio_no_advert',
    effects: ['setTimer(instance)'],
    keepalived: 'vrrp/vrrp_scheduler.c vrrp_dispatcher_read() (vrrp_init_instance_sands after every packet)', file: 'src/vrrp/receive.ts onAdvert()',
  },
  {
    id: 'sync-backup-on-advert', from: 'MASTER', input: 'advert', to: 'BACKUP', reason: 'sync group BACKUP',
    guard: 'a sync-group member yielded to a higher advert: every other MASTER member leaves MASTER with it',
    effects: ['removeVip', 'cancelTimer(garpDelay)', 'transition', 'notify', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp_sync.c vrrp_sync_backup()', file: 'src/vrrp/sync.ts syncBackup()',
  },
  {
    id: 'fault-ignores-advert', from: 'FAULT', input: 'advert', to: 'FAULT', reason: '',
    guard: 'any advert: FAULT (and INIT, STOP) instances do not read adverts',
    effects: [],
    keepalived: 'vrrp/vrrp_scheduler.c vrrp_dispatcher_read() ("In dispatcher_read with state")', file: 'src/vrrp/receive.ts onAdvert()',
  },

  // ---- the instance timer: vrrp_dispatcher_read_timeout()
  {
    id: 'backup-timeout', from: 'BACKUP', input: 'timer(instance)', to: 'MASTER', reason: 'advert timeout',
    guard: 'the down timer expired (or the 1 µs owner timer) and the sync group, if any, can go MASTER: advert first, then VIPs, GARP, notify, delayed GARP round',
    effects: ENTER_MASTER,
    keepalived: 'vrrp/vrrp_scheduler.c vrrp_goto_master(); vrrp/vrrp.c vrrp_state_goto_master(), vrrp_state_master_tx(), vrrp_state_become_master()', file: 'src/vrrp/router.ts backupTimeout(); src/vrrp/master.ts becomeMaster()',
  },
  {
    id: 'backup-held', from: 'BACKUP', input: 'timer(instance)', to: 'BACKUP', reason: '',
    guard: 'the down timer expired but another sync-group member does not want MASTER: wantstate MASTER, held in BACKUP with a fresh full down timer',
    effects: ['setTimer(instance)'],
    keepalived: 'vrrp/vrrp.c vrrp_state_goto_master(); vrrp/vrrp_sync.c vrrp_sync_can_goto_master()', file: 'src/vrrp/router.ts backupTimeout(); src/vrrp/sync.ts canGotoMaster()',
  },
  {
    id: 'sync-master-on-timeout', from: 'BACKUP', input: 'timer(instance)', to: 'MASTER', reason: 'sync group MASTER',
    guard: 'a sync-group member timed out into MASTER and every member wants MASTER: the others follow at once',
    effects: ENTER_MASTER,
    keepalived: 'vrrp/vrrp_sync.c vrrp_sync_master()', file: 'src/vrrp/sync.ts syncMaster()',
  },
  {
    id: 'master-tx', from: 'MASTER', input: 'timer(instance)', to: 'MASTER', reason: '',
    guard: 'the advert timer expired: advertise at the effective priority (and GARP if garp_master_refresh is due)',
    effects: ['sendAdvert', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp.c vrrp_state_master_tx()', file: 'src/vrrp/master.ts masterTx()',
  },
  {
    id: 'garp-round', from: 'MASTER', input: 'timer(garpDelay)', to: 'MASTER', reason: '',
    guard: 'a delayed GARP round (garp_master_delay or garp_lower_prio_delay) is due and the VIPs are still held',
    effects: ['cancelTimer(garpDelay)', 'garp'],
    keepalived: 'vrrp/vrrp_scheduler.c vrrp_gratuitous_arp_thread()', file: 'src/vrrp/master.ts garpDelayFired()',
  },

  // ---- tracking: down_instance(), try_up_instance(), vrrp_set_effective_priority()
  ...trackingRows('scriptResult', 'an unweighted track script\'s result', 'vrrp/vrrp_track.c process_script_update_priority()'),
  ...trackingRows('interface', 'a weight-0 tracked interface\'s carrier (or the instance\'s own)', 'vrrp/vrrp_if.c interface_down() / interface_up()'),
  {
    id: 'tracking-ready-backup', from: 'FAULT', input: 'scriptResult', to: 'BACKUP', reason: 'tracking ready',
    guard: 'the last unweighted track script gave its first result and nothing is down: BACKUP with a full down timer',
    effects: ['transition', 'notify', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp_scheduler.c try_up_instance(leaving_init = true)', file: 'src/vrrp/fault.ts tryUpInstance()',
  },
  {
    id: 'tracking-ready-master', from: 'FAULT', input: 'scriptResult', to: 'MASTER', reason: 'tracking ready',
    guard: 'as tracking-ready-backup, for an address owner with `state MASTER` whose sync group (if any) can go MASTER: straight to MASTER',
    effects: ENTER_MASTER,
    keepalived: 'vrrp/vrrp_scheduler.c try_up_instance(leaving_init = true); vrrp/vrrp.c vrrp_state_leave_fault()', file: 'src/vrrp/fault.ts tryUpInstance()',
  },
  {
    id: 'backup-priority-script', from: 'BACKUP', input: 'scriptResult', to: 'BACKUP', reason: '',
    guard: 'a weighted track script changed state so the effective priority changes: the pending down timer moves by the difference of the old and new Master_Down_Interval',
    effects: ['priorityChange', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp_track.c vrrp_set_effective_priority()', file: 'src/vrrp/fault.ts changePriority()',
  },
  {
    id: 'master-priority-script', from: 'MASTER', input: 'scriptResult', to: 'MASTER', reason: '',
    guard: 'a weighted track script changed state so the effective priority changes: the next advert carries it',
    effects: ['priorityChange'],
    keepalived: 'vrrp/vrrp_track.c vrrp_set_effective_priority()', file: 'src/vrrp/fault.ts changePriority()',
  },

  // ---- reload (SIGHUP): clear_diff_vrrp(), restore_vrrp_state(), vrrp_init_state()
  ...(['BACKUP', 'MASTER', 'FAULT'] as const).map((from): TransitionRow => ({
    id: `reload-delete-${from.toLowerCase()}`, from, input: 'reload', to: 'STOP', reason: 'deleted by reload',
    guard: `a ${from} instance missing from the new configuration: ${from === 'MASTER' ? 'first the reload advert with its old priority, then one priority-0 advert, VIPs released, ' : ''}${from === 'FAULT' ? 'no notify (keepalived only notifies a deleted instance that was not FAULT)' : 'notified as FAULT'}`,
    effects: from === 'MASTER'
      ? ['sendAdvert', 'sendAdvert(0)', 'removeVip', 'cancelTimer(garpDelay)', 'cancelTimer(instance)', 'transition', 'notify']
      : from === 'BACKUP' ? ['cancelTimer(instance)', 'transition', 'notify'] : ['transition'],
    keepalived: from === 'MASTER' ? 'vrrp/vrrp_daemon.c sigreload_vrrp() (the reload advert); vrrp/vrrp.c clear_diff_vrrp()' : 'vrrp/vrrp.c clear_diff_vrrp()', file: 'src/vrrp/reload.ts deleteInstance()',
  })),
  {
    id: 'reload-new-backup', from: 'INIT', input: 'reload', to: 'BACKUP', reason: 'init',
    guard: 'an instance new in the configuration, as start-backup',
    effects: ['transition', 'notify', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp_daemon.c reload_vrrp_thread() → vrrp/vrrp_scheduler.c vrrp_init_state()', file: 'src/vrrp/reload.ts reloadRouter(); src/vrrp/lifecycle.ts initInstance()',
  },
  {
    id: 'reload-new-owner', from: 'INIT', input: 'reload', to: 'BACKUP', reason: 'init (address owner)',
    guard: 'an instance new in the configuration, as start-owner',
    effects: ['transition', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp_daemon.c reload_vrrp_thread() → vrrp/vrrp_scheduler.c vrrp_init_state()', file: 'src/vrrp/reload.ts reloadRouter(); src/vrrp/lifecycle.ts initInstance()',
  },
  {
    id: 'reload-new-fault-down', from: 'INIT', input: 'reload', to: 'FAULT', reason: 'init (tracked object down)',
    guard: 'an instance new in the configuration, as start-fault-down',
    effects: ['transition', 'notify'],
    keepalived: 'vrrp/vrrp_daemon.c reload_vrrp_thread() → vrrp/vrrp_scheduler.c vrrp_init_state()', file: 'src/vrrp/reload.ts reloadRouter(); src/vrrp/lifecycle.ts initInstance()',
  },
  {
    id: 'reload-new-fault-wait', from: 'INIT', input: 'reload', to: 'FAULT', reason: 'init (waiting for track scripts)',
    guard: 'an instance new in the configuration, as start-fault-wait',
    effects: ['transition'],
    keepalived: 'vrrp/vrrp_daemon.c reload_vrrp_thread() → vrrp/vrrp_scheduler.c vrrp_init_state()', file: 'src/vrrp/reload.ts reloadRouter(); src/vrrp/lifecycle.ts initInstance()',
  },
  {
    id: 'reload-tracking-ready', from: 'FAULT', input: 'reload', to: 'BACKUP', reason: 'tracking ready',
    guard: 'a surviving instance waiting in FAULT for an unweighted track script\'s first result whose new configuration no longer tracks it',
    effects: ['transition', 'notify', 'setTimer(instance)', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp_track.c initialise_tracking_priorities(); vrrp/vrrp_scheduler.c try_up_instance(leaving_init = true)', file: 'src/vrrp/reload.ts reloadRouter(); src/vrrp/fault.ts tryUpInstance()',
  },
  {
    id: 'reload-fault-backup', from: 'BACKUP', input: 'reload', to: 'FAULT', reason: 'tracking fault',
    guard: 'a surviving BACKUP whose new configuration tracks an object that is down (weight 0)',
    effects: ['transition', 'notify', 'cancelTimer(instance)'],
    keepalived: 'vrrp/vrrp_track.c initialise_tracking_priorities(), down_instance()', file: 'src/vrrp/reload.ts reloadRouter(); src/vrrp/fault.ts downInstance()',
  },
  {
    id: 'reload-fault-master', from: 'MASTER', input: 'reload', to: 'FAULT', reason: 'tracking fault',
    guard: 'a surviving MASTER whose new configuration tracks an object that is down (weight 0): the reload advert with its old priority, then resigns with two priority-0 adverts',
    effects: ['sendAdvert', 'sendAdvert(0)', 'sendAdvert(0)', 'removeVip', 'cancelTimer(garpDelay)', 'transition', 'notify', 'cancelTimer(instance)'],
    keepalived: 'vrrp/vrrp_daemon.c sigreload_vrrp() (the reload advert); vrrp/vrrp_track.c initialise_tracking_priorities(), down_instance(); vrrp/vrrp.c vrrp_state_leave_master()', file: 'src/vrrp/reload.ts reloadRouter(); src/vrrp/fault.ts downInstance()',
  },
  {
    id: 'reload-fault-cleared', from: 'FAULT', input: 'reload', to: 'BACKUP', reason: 'fault cleared',
    guard: 'a surviving FAULT instance whose new configuration no longer tracks the object that is down',
    effects: ['transition', 'notify', 'setTimer(instance)', 'setTimer(instance)'],
    keepalived: 'vrrp/vrrp_track.c initialise_tracking_priorities(); vrrp/vrrp_scheduler.c try_up_instance()', file: 'src/vrrp/reload.ts reloadRouter(); src/vrrp/fault.ts tryUpInstance()',
  },

  // ---- SIGTERM: vrrp_terminate_phase1() → shutdown_vrrp_instances(), notify_shutdown()
  ...(['BACKUP', 'MASTER', 'FAULT'] as const).map((from): TransitionRow => ({
    id: `stop-${from.toLowerCase()}`, from, input: 'stop', to: 'STOP', reason: 'shutdown',
    guard: from === 'MASTER' ? 'SIGTERM: one priority-0 advert and the VIPs released, then STOP is notified' : 'SIGTERM: timer off, STOP notified',
    effects: from === 'MASTER'
      ? ['sendAdvert(0)', 'removeVip', 'cancelTimer(garpDelay)', 'cancelTimer(instance)', 'transition', 'notify']
      : from === 'BACKUP' ? ['cancelTimer(instance)', 'transition', 'notify'] : ['transition', 'notify'],
    keepalived: 'vrrp/vrrp.c shutdown_vrrp_instances(), vrrp_restore_interface(); vrrp/vrrp_notify.c notify_shutdown()', file: 'src/vrrp/lifecycle.ts stopRouter()',
  })),
];

/** The FAULT edges shared by every tracked-object kind: down, cleared, and the sync group following. */
function trackingRows(input: 'scriptResult' | 'interface', what: string, trigger: string): TransitionRow[] {
  const fault = `vrrp/vrrp_track.c down_instance() (via ${trigger})`;
  return [
    {
      id: `backup-fault-${input}`, from: 'BACKUP', input, to: 'FAULT', reason: 'tracking fault',
      guard: `${what} goes down (the fault count goes 0 → 1): FAULT, notify, timer off`,
      effects: ['transition', 'notify', 'cancelTimer(instance)'],
      keepalived: `${fault}; vrrp/vrrp.c vrrp_state_leave_fault()`, file: 'src/vrrp/fault.ts downInstance()',
    },
    {
      id: `master-fault-${input}`, from: 'MASTER', input, to: 'FAULT', reason: 'tracking fault',
      guard: `${what} goes down on a MASTER: two priority-0 adverts, VIPs released, notify FAULT`,
      effects: ['sendAdvert(0)', 'sendAdvert(0)', 'removeVip', 'cancelTimer(garpDelay)', 'transition', 'notify', 'cancelTimer(instance)'],
      keepalived: `${fault}; vrrp/vrrp.c vrrp_state_leave_master(advF = true)`, file: 'src/vrrp/fault.ts downInstance(); src/vrrp/master.ts leaveMaster()',
    },
    {
      id: `fault-cleared-${input}`, from: 'FAULT', input, to: 'BACKUP', reason: 'fault cleared',
      guard: `${what} comes back and nothing else is down (the fault count goes 1 → 0, also in every sync-group member): BACKUP with a full down timer, even an address owner`,
      effects: ['transition', 'notify', 'setTimer(instance)'],
      keepalived: 'vrrp/vrrp_scheduler.c try_up_instance(leaving_init = false); vrrp/vrrp.c vrrp_state_leave_fault()', file: 'src/vrrp/fault.ts tryUpInstance()',
    },
    {
      id: `sync-fault-backup-${input}`, from: 'BACKUP', input, to: 'FAULT', reason: 'sync group FAULT',
      guard: `another sync-group member went FAULT because ${what} went down: this BACKUP member follows`,
      effects: ['transition', 'notify', 'cancelTimer(instance)'],
      keepalived: 'vrrp/vrrp_sync.c vrrp_sync_fault()', file: 'src/vrrp/sync.ts syncFault()',
    },
    {
      id: `sync-fault-master-${input}`, from: 'MASTER', input, to: 'FAULT', reason: 'sync group FAULT',
      guard: `another sync-group member went FAULT because ${what} went down: this MASTER member follows with one priority-0 advert`,
      effects: ['sendAdvert(0)', 'removeVip', 'cancelTimer(garpDelay)', 'transition', 'notify', 'cancelTimer(instance)'],
      keepalived: 'vrrp/vrrp_sync.c vrrp_sync_fault(); vrrp/vrrp.c vrrp_state_leave_master()', file: 'src/vrrp/sync.ts syncFault(); src/vrrp/master.ts leaveMaster()',
    },
    {
      id: `sync-backup-from-fault-${input}`, from: 'FAULT', input, to: 'BACKUP', reason: 'sync group BACKUP',
      guard: `the faulted sync-group member came back to BACKUP because ${what} came back: the other FAULT members come up with it`,
      effects: ['transition', 'notify', 'setTimer(instance)'],
      keepalived: 'vrrp/vrrp_sync.c vrrp_sync_backup(); vrrp/vrrp.c vrrp_state_leave_fault()', file: 'src/vrrp/sync.ts syncBackup(), faultToBackup()',
    },
  ];
}

/** The table's class of a core input. */
export function inputClass(input: Input): InputClass | 'timer(script)' {
  return input.type === 'timer' ? `timer(${input.key.kind})` : input.type;
}

/** The effects of one step that concern `instance`, as the table spells them. */
export function effectKinds(effects: readonly Effect[], instance: string): EffectKind[] {
  const out: EffectKind[] = [];
  for (const e of effects) {
    switch (e.type) {
      case 'setTimer':
      case 'cancelTimer':
        if (e.key.kind !== 'script' && e.key.instance === instance) out.push(`${e.type}(${e.key.kind})`);
        break;
      case 'notify':
        if (e.scope === 'INSTANCE' && e.name === instance) out.push('notify');
        break;
      case 'runScript':
        break;
      case 'sendAdvert':
        if (e.instance === instance) out.push(e.advert.priority === 0 ? 'sendAdvert(0)' : 'sendAdvert');
        break;
      default:
        if (e.instance === instance) out.push(e.type);
    }
  }
  return out;
}

/** A transition effect's reason as the table writes it: addresses vary, the rule does not. */
export function reasonClass(reason: string): string {
  // IPv4 dotted quads and IPv6 (RFC 5952 text: hextets and '::') alike.
  return reason
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<addr>')
    .replace(/(?:\b[0-9a-f]{1,4}|(?<![\w:])(?=::))(?::[0-9a-f]{0,4}){2,7}\b/g, '<addr>');
}

/** The rows a state change (from, input, to, reason) could belong to. */
export function rowsFor(from: VrrpState, input: InputClass | 'timer(script)', to: VrrpState, reason: string): TransitionRow[] {
  const r = reasonClass(reason);
  return TRANSITIONS.filter((t) => t.from === from && t.input === input && t.to === to && t.reason === r);
}
