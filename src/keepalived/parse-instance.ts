// vrrp_instance blocks of keepalived.conf: the instance's keywords, its VIPs, unicast peers and
// authentication.
import { InputError } from '../cli/errors.js';
import type { AuthenticationModel, UnicastPeerModel, UnknownEntry, VipModel, VrrpInstanceModel } from '../model/types.js';
import type { Entry, Token } from './lex.js';
import { INSTANCE_NUMBERS, PEER_TTL } from './number-keywords.js';
import { readNumber } from './numbers.js';
import {
  arg, bool, flag, keepVerbatim, keyword, num, requireBlock, trackInterfaces, trackScripts, type Ctx, type Mutable,
} from './parse-common.js';
import { setNotify } from './parse-commands.js';

const VIP_FLAG_OPTIONS = new Set(['home', '-nodad', 'nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'no_track', 'use_vmac']);
const VIP_VALUE_OPTIONS = new Set(['peer', 'preferred_lft']);

function parseVip(e: Entry, ctx: Ctx): VipModel | undefined {
  const first = keyword(e);
  const m = /^([0-9A-Fa-f.:]+)(?:\/(\d+))?$/.exec(first.text);
  if (m === null || !(m[1]?.includes('.') || m[1]?.includes(':'))) {
    throw new InputError(`'${first.text}' is not an IP address; expected ADDR[/PREFIX] [dev IF] [brd X] [scope S] [label L]`, first.pos);
  }
  const vip: Mutable<VipModel> = { address: m[1] ?? '' };
  if (m[2] !== undefined) {
    // parse_ipaddress(), vrrp_ipaddress.c:382-410: read_unsigned(.., 0, 32 or 128), else the host prefix.
    const max = vip.address.includes(':') ? 128 : 32;
    const len = Number.parseInt(m[2], 10);
    if (len > max) {
      ctx.warnings.push({ severity: 'error', message: `number '${m[2]}' outside range [0, ${max}]`, pos: first.pos });
      ctx.warnings.push({ severity: 'error', message: `Invalid address prefix len ${m[2]} for address ${first.text} - using ${max}`, pos: first.pos });
      vip.prefix = max;
    } else vip.prefix = len;
  }
  const options: string[] = [];
  for (let i = 1; i < e.words.length; i++) {
    const w = e.words[i];
    if (w === undefined) break;
    const val = (): string => arg(e, ++i, `a value after '${w.text}'`).text;
    if (w.text === 'dev') vip.dev = val();
    else if (w.text === 'brd' || w.text === 'broadcast') vip.brd = val();
    else if (w.text === 'scope') vip.scope = val();
    else if (w.text === 'label') vip.label = val();
    else if (VIP_FLAG_OPTIONS.has(w.text)) options.push(w.text);
    else if (VIP_VALUE_OPTIONS.has(w.text)) options.push(w.text, val());
    else {
      ctx.warnings.push({
        severity: 'error',
        message: `Unknown configuration entry '${w.text}' for ip address - ignoring`,
        pos: w.pos,
      });
    }
  }
  if (options.length > 0) vip.options = options;
  return vip;
}

function parseVips(block: readonly Entry[], ctx: Ctx): VipModel[] {
  return block.flatMap((e) => parseVip(e, ctx) ?? []);
}

/** min_ttl/max_ttl: a value read_unsigned() refuses only leaves the option unset (vrrp_data.c:1005). */
function peerTtl(t: Token, ctx: Ctx): number | undefined {
  const r = readNumber(t.text, PEER_TTL);
  for (const message of r.words) ctx.warnings.push({ severity: 'error', message, pos: t.pos });
  return r.accepted ? r.value : undefined;
}

function parseUnicastPeers(block: readonly Entry[], ctx: Ctx): UnicastPeerModel[] {
  return block.map((e) => {
    const peer: Mutable<UnicastPeerModel> = { address: keyword(e).text };
    for (let i = 1; i < e.words.length; i++) {
      const w = e.words[i];
      if (w === undefined) break;
      if (w.text === 'min_ttl' || w.text === 'max_ttl') {
        const v = peerTtl(arg(e, ++i, 'a TTL 0..255'), ctx);
        if (v !== undefined) peer[w.text === 'min_ttl' ? 'minTtl' : 'maxTtl'] = v;
      }
      else throw new InputError(`unicast_peer ${peer.address}: unknown option '${w.text}'; expected [min_ttl N] [max_ttl N]`, w.pos);
    }
    return peer;
  });
}

function parseAuth(block: readonly Entry[]): AuthenticationModel {
  const auth: Mutable<AuthenticationModel> = {};
  for (const e of block) {
    const k = keyword(e);
    if (k.text === 'auth_type') {
      const t = arg(e, 1, 'PASS or AH');
      if (t.text !== 'PASS' && t.text !== 'AH') throw new InputError(`unknown authentication type '${t.text}'; expected PASS or AH (case-sensitive)`, t.pos);
      auth.authType = t.text;
    } else if (k.text === 'auth_pass') {
      auth.authPass = arg(e, 1, 'a password').text;
    } else {
      throw new InputError(`unknown keyword '${k.text}' in authentication; expected auth_type or auth_pass`, k.pos);
    }
  }
  return auth;
}

/** Model fields of the numeric keywords in INSTANCE_NUMBERS. */
const INSTANCE_FIELDS = {
  virtual_router_id: 'virtualRouterId',
  priority: 'priority',
  advert_int: 'advertInt',
  version: 'version',
  preempt_delay: 'preemptDelay',
  unicast_ttl: 'unicastTtl',
  garp_master_delay: 'garpMasterDelay',
  garp_master_repeat: 'garpMasterRepeat',
  garp_master_refresh: 'garpMasterRefresh',
  garp_master_refresh_repeat: 'garpMasterRefreshRepeat',
  garp_lower_prio_delay: 'garpLowerPrioDelay',
  garp_lower_prio_repeat: 'garpLowerPrioRepeat',
  down_timer_adverts: 'downTimerAdverts',
} as const;

export function parseInstance(name: string, block: readonly Entry[], ctx: Ctx): VrrpInstanceModel {
  const m: Mutable<VrrpInstanceModel> = { name };
  const unknown: UnknownEntry[] = [];
  const at = (field: string, e: Entry): void => { ctx.positions.set(`instance:${name}:${field}`, keyword(e).pos); };
  for (const e of block) {
    const k = keyword(e);
    const needBlock = (): readonly Entry[] => requireBlock(e);
    const numeric = INSTANCE_NUMBERS.get(k.text);
    if (numeric !== undefined) {
      const field = INSTANCE_FIELDS[k.text as keyof typeof INSTANCE_FIELDS];
      const v = num(e, numeric, name, ctx);
      if (v !== undefined) (m as Record<typeof field, number>)[field] = v;
      at(field, e);
      continue;
    }
    switch (k.text) {
      case 'state': {
        const v = arg(e, 1, 'MASTER or BACKUP');
        // vrrp_state_handler(), vrrp_parser.c:785-803: strcmp, so `master` or `SLAVE` is BACKUP.
        if (v.text !== 'MASTER' && v.text !== 'BACKUP') {
          ctx.warnings.push({ severity: 'error', message: `(${name}) unknown state '${v.text}', defaulting to BACKUP`, pos: v.pos });
          m.state = 'BACKUP';
        } else if (v.text === 'BACKUP' && m.state === 'MASTER') {
          ctx.warnings.push({ severity: 'error', message: `(${name}) state previously set as MASTER - ignoring BACKUP`, pos: v.pos });
        } else m.state = v.text;
        at('state', e);
        break;
      }
      case 'interface': m.interface = arg(e, 1, 'an interface name').text; at('interface', e); break;
      case 'native_ipv6': m.nativeIpv6 = flag(e, ctx); at('nativeIpv6', e); break;
      case 'nopreempt': m.nopreempt = flag(e, ctx); at('nopreempt', e); break;
      case 'preempt': flag(e, ctx); m.nopreempt = false; at('nopreempt', e); break;
      case 'unicast_src_ip': m.unicastSrcIp = arg(e, 1, 'an IP address').text; at('unicastSrcIp', e); break;
      case 'mcast_src_ip': m.mcastSrcIp = arg(e, 1, 'an IP address').text; at('mcastSrcIp', e); break;
      case 'unicast_peer': m.unicastPeer = [...(m.unicastPeer ?? []), ...parseUnicastPeers(needBlock(), ctx)]; at('unicastPeer', e); break;
      case 'authentication': {
        const block = needBlock();
        m.authentication = { ...m.authentication, ...parseAuth(block) };
        at('authentication', e);
        const pass = block.find((b) => keyword(b).text === 'auth_pass');
        if (pass !== undefined) ctx.positions.set(`instance:${name}:authPass`, keyword(pass).pos);
        break;
      }
      case 'virtual_ipaddress': m.virtualIpaddress = [...(m.virtualIpaddress ?? []), ...parseVips(needBlock(), ctx)]; at('virtualIpaddress', e); break;
      case 'virtual_ipaddress_excluded':
        m.virtualIpaddressExcluded = [...(m.virtualIpaddressExcluded ?? []), ...parseVips(needBlock(), ctx)];
        at('virtualIpaddressExcluded', e);
        break;
      case 'track_script': m.trackScript = [...(m.trackScript ?? []), ...trackScripts(needBlock(), name, ctx)]; at('trackScript', e); break;
      case 'track_interface': m.trackInterface = [...(m.trackInterface ?? []), ...trackInterfaces(needBlock(), name, ctx)]; at('trackInterface', e); break;
      case 'lower_prio_no_advert': m.lowerPrioNoAdvert = bool(e); at('lowerPrioNoAdvert', e); break;
      case 'higher_prio_send_advert': m.higherPrioSendAdvert = bool(e); at('higherPrioSendAdvert', e); break;
      case 'dont_track_primary': m.dontTrackPrimary = flag(e, ctx); break;
      case 'skip_check_adv_addr': m.skipCheckAdvAddr = bool(e); break;
      case 'check_unicast_src': m.checkUnicastSrc = flag(e, ctx); break;
      case 'use_vmac': {
        const n = e.words[1];
        m.useVmac = n === undefined ? {} : { name: n.text };
        at('useVmac', e);
        break;
      }
      case 'vmac_xmit_base': m.vmacXmitBase = flag(e, ctx); at('vmacXmitBase', e); break;
      case 'accept': m.accept = flag(e, ctx); at('accept', e); break;
      case 'no_accept': flag(e, ctx); m.accept = false; at('accept', e); break;
      case 'strict_mode': m.strictMode = bool(e); at('strictMode', e); break;
      default:
        if (!setNotify(m, e, name, ctx)) unknown.push(keepVerbatim(e, ctx, 'vrrp_instance'));
    }
  }
  if (unknown.length > 0) m.unknown = unknown;
  return m;
}

