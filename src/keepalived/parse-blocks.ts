// The smaller blocks of keepalived.conf: vrrp_script, vrrp_sync_group and global_defs.
import { InputError } from '../cli/errors.js';
import type { GlobalDefsModel, UnknownEntry, VrrpScriptModel, VrrpSyncGroupModel } from '../model/types.js';
import type { Entry } from './lex.js';
import { GLOBAL_NUMBERS, SCRIPT_NUMBERS, type NumberKeyword } from './number-keywords.js';
import {
  arg, bool, flag, keepVerbatim, keyword, num, requireBlock, trackInterfaces, trackScripts, type Ctx, type Mutable,
} from './parse-common.js';
import { scriptCommand, setNotify } from './parse-commands.js';

export function parseScript(name: string, block: readonly Entry[], ctx: Ctx): VrrpScriptModel {
  const m: Mutable<VrrpScriptModel> = { name };
  const unknown: UnknownEntry[] = [];
  const at = (field: string, e: Entry): void => { ctx.positions.set(`script:${name}:${field}`, keyword(e).pos); };
  for (const e of block) {
    const k = keyword(e);
    switch (k.text) {
      case 'script': {
        const cmd = scriptCommand(e, ctx);
        if (cmd !== undefined) m.script = cmd;
        at('script', e);
        break;
      }
      case 'interval': case 'timeout': case 'rise': case 'fall': {
        const v = num(e, SCRIPT_NUMBERS.get(k.text) as NumberKeyword, name, ctx);
        if (v !== undefined) m[k.text] = v;
        at(k.text, e);
        break;
      }
      case 'weight': {
        const v = num(e, SCRIPT_NUMBERS.get('weight') as NumberKeyword, name, ctx);
        if (v !== undefined) m.weight = v;
        const opt = e.words[2];
        if (opt !== undefined) {
          if (opt.text === 'reverse') m.reverse = true;
          else throw new InputError(`vrrp_script ${name} unknown weight option ${opt.text}; expected reverse`, opt.pos);
        }
        at('weight', e);
        break;
      }
      case 'user': {
        m.user = arg(e, 1, 'a user name').text;
        const g = e.words[2];
        if (g !== undefined) m.group = g.text;
        break;
      }
      case 'init_fail': m.initFail = flag(e, ctx); break;
      default: unknown.push(keepVerbatim(e, ctx, 'vrrp_script'));
    }
  }
  if (unknown.length > 0) m.unknown = unknown;
  return m;
}

export function parseSyncGroup(name: string, block: readonly Entry[], ctx: Ctx): VrrpSyncGroupModel {
  const m: Mutable<VrrpSyncGroupModel> = { name, group: [] };
  const unknown: UnknownEntry[] = [];
  for (const e of block) {
    const k = keyword(e);
    switch (k.text) {
      case 'group':
        m.group = [...m.group, ...requireBlock(e).flatMap((g) => g.words.map((w) => w.text))];
        break;
      case 'track_script': m.trackScript = [...(m.trackScript ?? []), ...trackScripts(requireBlock(e), name, ctx)]; break;
      case 'track_interface': m.trackInterface = [...(m.trackInterface ?? []), ...trackInterfaces(requireBlock(e), name, ctx)]; break;
      case 'sync_group_tracking_weight': m.syncGroupTrackingWeight = flag(e, ctx); break;
      default:
        if (!setNotify(m, e, name, ctx)) unknown.push(keepVerbatim(e, ctx, 'vrrp_sync_group'));
    }
  }
  if (unknown.length > 0) m.unknown = unknown;
  return m;
}

/** Model fields of the keywords in GLOBAL_NUMBERS. */
const GLOBAL_FIELDS = {
  vrrp_garp_master_delay: 'vrrpGarpMasterDelay',
  vrrp_garp_master_repeat: 'vrrpGarpMasterRepeat',
  vrrp_garp_master_refresh: 'vrrpGarpMasterRefresh',
  vrrp_garp_master_refresh_repeat: 'vrrpGarpMasterRefreshRepeat',
  vrrp_garp_lower_prio_delay: 'vrrpGarpLowerPrioDelay',
  vrrp_garp_lower_prio_repeat: 'vrrpGarpLowerPrioRepeat',
  vrrp_down_timer_adverts: 'vrrpDownTimerAdverts',
  vrrp_version: 'vrrpVersion',
  vrrp_startup_delay: 'vrrpStartupDelay',
} as const;
const GLOBAL_BOOLS = {
  vrrp_min_garp: 'vrrpMinGarp',
  vrrp_lower_prio_no_advert: 'vrrpLowerPrioNoAdvert',
  vrrp_higher_prio_send_advert: 'vrrpHigherPrioSendAdvert',
} as const;
const GLOBAL_FLAGS = {
  vrrp_strict: 'vrrpStrict',
  vrrp_skip_check_adv_addr: 'vrrpSkipCheckAdvAddr',
  vrrp_check_unicast_src: 'vrrpCheckUnicastSrc',
  enable_script_security: 'enableScriptSecurity',
} as const;

export function parseGlobalDefs(block: readonly Entry[], prev: GlobalDefsModel, ctx: Ctx): GlobalDefsModel {
  const m: Mutable<GlobalDefsModel> = { ...prev };
  const unknown: UnknownEntry[] = [...(prev.unknown ?? [])];
  for (const e of block) {
    const k = keyword(e);
    const t = k.text;
    ctx.positions.set(`global:${t}`, k.pos);
    const numeric = GLOBAL_NUMBERS.get(t);
    if (numeric !== undefined) {
      const v = num(e, numeric, 'global_defs', ctx);
      const field = GLOBAL_FIELDS[t as keyof typeof GLOBAL_FIELDS];
      if (v !== undefined) (m as Record<typeof field, number>)[field] = v;
    } else if (Object.hasOwn(GLOBAL_BOOLS, t)) m[GLOBAL_BOOLS[t as keyof typeof GLOBAL_BOOLS]] = bool(e);
    else if (Object.hasOwn(GLOBAL_FLAGS, t)) m[GLOBAL_FLAGS[t as keyof typeof GLOBAL_FLAGS]] = flag(e, ctx);
    else if (t === 'router_id') m.routerId = arg(e, 1, 'a name').text;
    else if (t === 'vrrp_mcast_group4') m.vrrpMcastGroup4 = arg(e, 1, 'an IPv4 multicast address').text;
    else if (t === 'script_user') {
      const user = arg(e, 1, 'USER [GROUP]').text;
      const g = e.words[2];
      m.scriptUser = g === undefined ? { user } : { user, group: g.text };
    } else unknown.push(keepVerbatim(e, ctx, 'global_defs'));
  }
  if (unknown.length > 0) m.unknown = unknown;
  return m;
}
