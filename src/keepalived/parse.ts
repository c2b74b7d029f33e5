// keepalived.conf -> KeepalivedConfig. The model keeps what the file says (ranges included);
// keepalived's post-parse adjustments are buildRouterConfig's job. What the parser reports
// itself are the things that happen while reading: unquoted script arguments, notify user words,
// repeated notify keywords, keywords outside the modelled subset (kept verbatim).
import { InputError, type SourcePos } from '../cli/errors.js';
import type {
  AuthenticationModel, GlobalDefsModel, KeepalivedConfig, NotifyModel, TrackInterfaceRef,
  TrackScriptRef, UnicastPeerModel, UnknownEntry, VipModel, VrrpInstanceModel, VrrpScriptModel,
  VrrpSyncGroupModel, Warning,
} from '../model/types.js';
import type { SourceMap } from '../model/build-context.js';
import { GLOBAL_KEYWORDS, INSTANCE_KEYWORDS, ROOT_KEYWORDS, SCRIPT_KEYWORDS, SYNC_GROUP_KEYWORDS } from './keywords.js';
import { buildTree, type Entry, type Token } from './lex.js';
import { readConfLines, type Glob, type ReadFile } from './read.js';
import { scriptArgvProblem, scriptLineWords } from './script-argv.js';

export type { SourceMap };

export interface ParseResult {
  readonly config: KeepalivedConfig;
  readonly warnings: Warning[];
  readonly positions: SourceMap;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Ctx {
  readonly warnings: Warning[];
  readonly positions: Map<string, SourcePos>;
  readonly reported: Set<string>;
}

export function parseKeepalivedConf(text: string, file: string, readFile?: ReadFile, glob?: Glob): ParseResult {
  const warnings: Warning[] = [];
  const { lines, eofPos } = readConfLines(text, file, warnings, readFile, glob);
  const tree = buildTree(lines, eofPos);
  const ctx: Ctx = { warnings, positions: new Map(), reported: new Set() };
  let globalDefs: GlobalDefsModel = {};
  const scripts: VrrpScriptModel[] = [];
  const instances: VrrpInstanceModel[] = [];
  const syncGroups: VrrpSyncGroupModel[] = [];
  const unknown: UnknownEntry[] = [];
  for (const e of tree) {
    const kw = keyword(e);
    switch (kw.text) {
      case 'global_defs':
        globalDefs = parseGlobalDefs(requireBlock(e), globalDefs, ctx);
        break;
      case 'vrrp_script': {
        const name = named(e, scripts.map((s) => s.name), 'vrrp_script');
        ctx.positions.set(`script:${name}`, kw.pos);
        scripts.push(parseScript(name, requireBlock(e), ctx));
        break;
      }
      case 'vrrp_instance': {
        const name = named(e, instances.map((s) => s.name), 'vrrp_instance');
        ctx.positions.set(`instance:${name}`, kw.pos);
        instances.push(dropUndefinedScripts(parseInstance(name, requireBlock(e), ctx), scripts, ctx));
        break;
      }
      case 'vrrp_sync_group': {
        const name = named(e, syncGroups.map((s) => s.name), 'vrrp_sync_group');
        ctx.positions.set(`syncGroup:${name}`, kw.pos);
        syncGroups.push(parseSyncGroup(name, requireBlock(e), ctx));
        break;
      }
      default:
        unknown.push(keepVerbatim(e, ctx, 'configuration'));
    }
  }
  return { config: { globalDefs, scripts, instances, syncGroups, unknown }, warnings, positions: ctx.positions };
}

/** keepalived 2.2.7 resolves track_script names while parsing: a script defined later is not found. */
function dropUndefinedScripts(inst: VrrpInstanceModel, scripts: readonly VrrpScriptModel[], ctx: Ctx): VrrpInstanceModel {
  if (inst.trackScript === undefined) return inst;
  const known = new Set(scripts.map((s) => s.name));
  const kept = inst.trackScript.filter((t) => {
    if (known.has(t.name)) return true;
    ctx.warnings.push({
      severity: 'warning',
      message: `(${inst.name}) track script ${t.name} not found, ignoring...`,
      ...(ctx.positions.has(`instance:${inst.name}:trackScript`) ? { pos: ctx.positions.get(`instance:${inst.name}:trackScript`) as SourcePos } : {}),
    });
    return false;
  });
  return { ...inst, trackScript: kept };
}

// ---------- helpers ----------

function keyword(e: Entry): Token {
  const t = e.words[0];
  if (t === undefined) throw new Error('empty entry');
  return t;
}

function requireBlock(e: Entry): readonly Entry[] {
  if (e.block === undefined) {
    const k = keyword(e);
    throw new InputError(`'${k.text}' needs a block; expected ${k.text} ... { ... }`, k.pos);
  }
  return e.block;
}

function named(e: Entry, existing: readonly string[], what: string): string {
  const k = keyword(e);
  const n = e.words[1];
  if (n === undefined) throw new InputError(`${what} must have a name; expected ${what} NAME { ... }`, k.pos);
  if (existing.includes(n.text)) throw new InputError(`${what} ${n.text} already defined; expected unique names`, n.pos);
  return n.text;
}

function arg(e: Entry, i: number, expected: string): Token {
  const t = e.words[i];
  if (t === undefined) {
    const k = keyword(e);
    throw new InputError(`'${k.text}' is missing a parameter; expected ${expected}`, k.pos);
  }
  return t;
}

function int(t: Token, what: string): number {
  if (!/^[+-]?\d+$/.test(t.text)) throw new InputError(`${what}: '${t.text}' is not an integer; expected an integer`, t.pos);
  return Number.parseInt(t.text, 10);
}

function decimal(t: Token, what: string): number {
  if (!/^\d+(\.\d{1,6})?$/.test(t.text)) {
    throw new InputError(`${what}: '${t.text}' is not a number of seconds; expected a decimal with at most 6 places`, t.pos);
  }
  return Number(t.text);
}

/**
 * read_unsigned_func() (parser.c:463-500) as `keepalived -t` runs it: strtoul, then one of its
 * messages; undefined when keepalived rejects the value.
 */
function readUnsigned(t: Token, min: number, max: number, ctx: Ctx): number | undefined {
  const n = t.text.replace(/^[ \t\f\n\r\v]+/, '');
  const m = /^\+?(\d+)/.exec(n);
  const report = (message: string): undefined => { ctx.warnings.push({ severity: 'error', message, pos: t.pos }); return undefined; };
  if (n.startsWith('-')) return report(`negative number '${t.text}'`);
  if (m === null || m[0].length !== n.length) return report(`invalid number '${t.text}'`);
  const v = Number(m[1]);
  if (v > 0xffffffff) return report(`number '${t.text}' outside unsigned integer range`);
  if (v < min || v > max) return report(`number '${t.text}' outside range [${min}, ${max}]`);
  return v;
}

function bool(e: Entry): boolean {
  const v = e.words[1];
  if (v === undefined) return true;
  if (['on', 'true', 'yes'].includes(v.text)) return true;
  if (['off', 'false', 'no'].includes(v.text)) return false;
  throw new InputError(`'${keyword(e).text}': invalid value '${v.text}'; expected on|off|true|false|yes|no`, v.pos);
}

function flag(e: Entry, ctx: Ctx): true {
  const extra = e.words[1];
  if (extra !== undefined) {
    ctx.warnings.push({ severity: 'warning', message: `'${keyword(e).text}' takes no parameter; '${extra.text}' ignored`, pos: extra.pos });
  }
  return true;
}

function toUnknown(e: Entry): UnknownEntry {
  const words = e.words.map((w) => w.raw);
  return e.block === undefined ? { words } : { words, block: e.block.map(toUnknown) };
}

const KNOWN: Readonly<Record<string, ReadonlySet<string>>> = {
  configuration: ROOT_KEYWORDS,
  global_defs: GLOBAL_KEYWORDS,
  vrrp_instance: INSTANCE_KEYWORDS,
  vrrp_script: SCRIPT_KEYWORDS,
  vrrp_sync_group: SYNC_GROUP_KEYWORDS,
};

function keepVerbatim(e: Entry, ctx: Ctx, where: keyof typeof KNOWN & string): UnknownEntry {
  const k = keyword(e);
  const key = `${where}:${k.text}`;
  if (!ctx.positions.has(`unknown:${k.text}`)) ctx.positions.set(`unknown:${k.text}`, k.pos);
  if (!ctx.reported.has(key)) {
    ctx.reported.add(key);
    const known = KNOWN[where]?.has(k.text) ?? false;
    ctx.warnings.push({
      severity: 'warning',
      message: known
        ? `'${k.text}' in ${where} is outside the VRRP subset vrrplab models; kept verbatim, not simulated`
        : `Unknown keyword '${k.text}'`,
      pos: k.pos,
    });
  }
  return toUnknown(e);
}

/**
 * keepalived re-reads a script or notify line with alloc_strvec_quoted_escaped() (parser.c:1014;
 * vrrp_vscript_script_handler(), vrrp_parser.c:1494-1504; notify_script_init(), notify.c:1062),
 * which knows single quotes and backslash escapes, unlike the keyword tokeniser. Word 1 is the
 * command (split once more when it runs), words 2-3 the notify USER GROUP.
 */
function reparsed(e: Entry): { words: string[]; firstQuoted: boolean } | undefined {
  const k = keyword(e);
  const words = scriptLineWords(k.rest);
  const after = k.rest.slice(k.raw.length).trimStart();
  return words === undefined ? undefined : { words, firstQuoted: after.startsWith('"') || after.startsWith("'") };
}

function scriptCommand(e: Entry, ctx: Ctx): string | undefined {
  const k = keyword(e);
  arg(e, 1, 'a command (quote it if it has arguments)');
  const r = reparsed(e);
  const cmd = r?.words[1];
  if (r === undefined || cmd === undefined) {
    ctx.warnings.push({ severity: 'error', message: `String '${k.rest}': missing terminating quote or escape; keepalived cannot parse the script and ignores it`, pos: k.pos });
    return undefined;
  }
  if (r.words.length > 2) {
    const all = r.words.slice(1).join(' ');
    ctx.warnings.push({
      severity: 'warning',
      message: `script '${all}': keepalived runs only '${cmd}' and drops the arguments; quote the whole command: ${k.text} "${all}"`,
      pos: e.words[2]?.pos ?? k.pos,
    });
  }
  return cmd;
}

function notifyCommand(e: Entry, ctx: Ctx): NotifyModel | undefined {
  const k = keyword(e);
  arg(e, 1, 'a command (quote it if it has arguments)');
  const r = reparsed(e);
  const cmd = r?.words[1];
  if (r === undefined || cmd === undefined) {
    ctx.warnings.push({ severity: 'error', message: `Unable to parse notify script '${k.rest}' - ignoring`, pos: k.pos });
    return undefined;
  }
  // The command word is split again into its argument vector (set_script_params_array(),
  // lib/notify.c:1076); keepalived drops a notify whose command it cannot split.
  const problem = scriptArgvProblem(cmd);
  if (problem !== undefined) {
    ctx.warnings.push({ severity: 'error', message: problem, pos: k.pos });
    return undefined;
  }
  const user = r.words[2];
  const group = r.words[3];
  if (user !== undefined && !r.firstQuoted) {
    ctx.warnings.push({
      severity: 'warning',
      message: `${k.text} ${cmd}: keepalived takes '${r.words.slice(2).join(' ')}' as USER [GROUP] to run it as, not as arguments; quote the command if they are arguments`,
      pos: e.words[2]?.pos ?? k.pos,
    });
  }
  if (r.words.length > 4) {
    ctx.warnings.push({ severity: 'warning', message: `${k.text}: extra words after USER GROUP ignored`, pos: e.words[4]?.pos ?? k.pos });
  }
  return {
    command: cmd,
    ...(user !== undefined ? { user } : {}),
    ...(group !== undefined ? { group } : {}),
  };
}

const NOTIFY_KEYS = {
  notify: 'notify',
  notify_master: 'notifyMaster',
  notify_backup: 'notifyBackup',
  notify_fault: 'notifyFault',
  notify_stop: 'notifyStop',
} as const;

function setNotify(
  target: Mutable<VrrpInstanceModel> | Mutable<VrrpSyncGroupModel>, e: Entry, owner: string, ctx: Ctx,
): boolean {
  const k = keyword(e);
  if (!Object.hasOwn(NOTIFY_KEYS, k.text)) return false;
  const key = NOTIFY_KEYS[k.text as keyof typeof NOTIFY_KEYS];
  const value = notifyCommand(e, ctx);
  if (value === undefined) return true;
  if (target[key] !== undefined) {
    ctx.warnings.push({
      severity: 'error',
      message: `(${owner}) ${k.text} script already specified - ignoring ${value.command}`,
      pos: k.pos,
    });
    return true;
  }
  target[key] = value;
  return true;
}

/** `track_script` / `track_interface` entries: `NAME [weight W] [reverse|noreverse]`. */
function trackRefs(block: readonly Entry[], what: 'track_script' | 'track_interface'): TrackScriptRef[] {
  return block.map((e) => {
    const name = keyword(e).text;
    let weight: number | undefined;
    let reverse: boolean | undefined;
    for (let i = 1; i < e.words.length; i++) {
      const w = e.words[i];
      if (w === undefined) break;
      if (w.text === 'weight') { weight = int(arg(e, i + 1, 'weight -253..253'), `${what} weight`); i++; }
      else if (w.text === 'reverse') reverse = true;
      else if (w.text === 'noreverse') reverse = false;
      else throw new InputError(`${what} ${name}: unknown option '${w.text}'; expected weight N [reverse${what === 'track_script' ? '|noreverse' : ''}]`, w.pos);
    }
    return { name, ...(weight !== undefined ? { weight } : {}), ...(reverse !== undefined ? { reverse } : {}) };
  });
}

const trackScripts = (block: readonly Entry[]): TrackScriptRef[] => trackRefs(block, 'track_script');
const trackInterfaces = (block: readonly Entry[]): TrackInterfaceRef[] => trackRefs(block, 'track_interface');

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

function parseUnicastPeers(block: readonly Entry[]): UnicastPeerModel[] {
  return block.map((e) => {
    const peer: Mutable<UnicastPeerModel> = { address: keyword(e).text };
    for (let i = 1; i < e.words.length; i++) {
      const w = e.words[i];
      if (w === undefined) break;
      if (w.text === 'min_ttl') { peer.minTtl = int(arg(e, ++i, 'a TTL 0..255'), 'min_ttl'); }
      else if (w.text === 'max_ttl') { peer.maxTtl = int(arg(e, ++i, 'a TTL 0..255'), 'max_ttl'); }
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

// ---------- blocks ----------

function parseInstance(name: string, block: readonly Entry[], ctx: Ctx): VrrpInstanceModel {
  const m: Mutable<VrrpInstanceModel> = { name };
  const unknown: UnknownEntry[] = [];
  const at = (field: string, e: Entry): void => { ctx.positions.set(`instance:${name}:${field}`, keyword(e).pos); };
  for (const e of block) {
    const k = keyword(e);
    const needBlock = (): readonly Entry[] => requireBlock(e);
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
      case 'virtual_router_id': m.virtualRouterId = int(arg(e, 1, 'a VRID 1..255'), 'virtual_router_id'); at('virtualRouterId', e); break;
      case 'priority': m.priority = int(arg(e, 1, 'a priority 1..255'), 'priority'); at('priority', e); break;
      case 'advert_int': m.advertInt = decimal(arg(e, 1, 'seconds'), 'advert_int'); at('advertInt', e); break;
      case 'version': {
        const v = int(arg(e, 1, '2 or 3'), 'version');
        if (v !== 2 && v !== 3) throw new InputError(`(${name}) version must be either 2 or 3, got ${v}`, k.pos);
        m.version = v; at('version', e);
        break;
      }
      case 'native_ipv6': m.nativeIpv6 = flag(e, ctx); at('nativeIpv6', e); break;
      case 'nopreempt': m.nopreempt = flag(e, ctx); at('nopreempt', e); break;
      case 'preempt': flag(e, ctx); m.nopreempt = false; at('nopreempt', e); break;
      case 'preempt_delay': m.preemptDelay = decimal(arg(e, 1, 'seconds 0..1000'), 'preempt_delay'); at('preemptDelay', e); break;
      case 'unicast_src_ip': m.unicastSrcIp = arg(e, 1, 'an IP address').text; at('unicastSrcIp', e); break;
      case 'mcast_src_ip': m.mcastSrcIp = arg(e, 1, 'an IP address').text; at('mcastSrcIp', e); break;
      case 'unicast_peer': m.unicastPeer = [...(m.unicastPeer ?? []), ...parseUnicastPeers(needBlock())]; at('unicastPeer', e); break;
      case 'unicast_ttl': m.unicastTtl = int(arg(e, 1, 'a TTL 0..255'), 'unicast_ttl'); at('unicastTtl', e); break;
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
      case 'track_script': m.trackScript = [...(m.trackScript ?? []), ...trackScripts(needBlock())]; at('trackScript', e); break;
      case 'track_interface': m.trackInterface = [...(m.trackInterface ?? []), ...trackInterfaces(needBlock())]; at('trackInterface', e); break;
      case 'garp_master_delay': {
        // vrrp_garp_delay_handler(), vrrp_parser.c:1234-1245: read_unsigned_strvec(.., 0, UINT_MAX / TIMER_HZ)
        const v = arg(e, 1, 'seconds');
        const d = readUnsigned(v, 0, Math.floor(0xffffffff / 1_000_000), ctx);
        if (d === undefined) ctx.warnings.push({ severity: 'error', message: `(${name}): garp_master_delay '${v.text}' invalid - ignoring`, pos: v.pos });
        else m.garpMasterDelay = d;
        break;
      }
      case 'garp_master_repeat': m.garpMasterRepeat = int(arg(e, 1, 'a count'), k.text); at('garpMasterRepeat', e); break;
      case 'garp_master_refresh': m.garpMasterRefresh = int(arg(e, 1, 'seconds'), k.text); break;
      case 'garp_master_refresh_repeat': m.garpMasterRefreshRepeat = int(arg(e, 1, 'a count'), k.text); at('garpMasterRefreshRepeat', e); break;
      case 'garp_lower_prio_delay': m.garpLowerPrioDelay = int(arg(e, 1, 'seconds'), k.text); at('garpLowerPrioDelay', e); break;
      case 'garp_lower_prio_repeat': m.garpLowerPrioRepeat = int(arg(e, 1, 'a count'), k.text); at('garpLowerPrioRepeat', e); break;
      case 'lower_prio_no_advert': m.lowerPrioNoAdvert = bool(e); at('lowerPrioNoAdvert', e); break;
      case 'higher_prio_send_advert': m.higherPrioSendAdvert = bool(e); at('higherPrioSendAdvert', e); break;
      case 'down_timer_adverts': m.downTimerAdverts = int(arg(e, 1, 'a count 1..100'), k.text); at('downTimerAdverts', e); break;
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

function parseScript(name: string, block: readonly Entry[], ctx: Ctx): VrrpScriptModel {
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
      case 'interval': m.interval = int(arg(e, 1, 'seconds'), 'interval'); at('interval', e); break;
      case 'timeout': m.timeout = int(arg(e, 1, 'seconds'), 'timeout'); at('timeout', e); break;
      case 'weight': {
        m.weight = int(arg(e, 1, 'a weight -253..253'), 'weight');
        const opt = e.words[2];
        if (opt !== undefined) {
          if (opt.text === 'reverse') m.reverse = true;
          else throw new InputError(`vrrp_script ${name} unknown weight option ${opt.text}; expected reverse`, opt.pos);
        }
        at('weight', e);
        break;
      }
      case 'rise': m.rise = int(arg(e, 1, 'a count >= 1'), 'rise'); at('rise', e); break;
      case 'fall': m.fall = int(arg(e, 1, 'a count >= 1'), 'fall'); at('fall', e); break;
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

function parseSyncGroup(name: string, block: readonly Entry[], ctx: Ctx): VrrpSyncGroupModel {
  const m: Mutable<VrrpSyncGroupModel> = { name, group: [] };
  const unknown: UnknownEntry[] = [];
  for (const e of block) {
    const k = keyword(e);
    switch (k.text) {
      case 'group':
        m.group = [...m.group, ...requireBlock(e).flatMap((g) => g.words.map((w) => w.text))];
        break;
      case 'track_script': m.trackScript = [...(m.trackScript ?? []), ...trackScripts(requireBlock(e))]; break;
      case 'track_interface': m.trackInterface = [...(m.trackInterface ?? []), ...trackInterfaces(requireBlock(e))]; break;
      case 'sync_group_tracking_weight': m.syncGroupTrackingWeight = flag(e, ctx); break;
      default:
        if (!setNotify(m, e, name, ctx)) unknown.push(keepVerbatim(e, ctx, 'vrrp_sync_group'));
    }
  }
  if (unknown.length > 0) m.unknown = unknown;
  return m;
}

const GLOBAL_INTS = {
  vrrp_garp_master_delay: 'vrrpGarpMasterDelay',
  vrrp_garp_master_repeat: 'vrrpGarpMasterRepeat',
  vrrp_garp_master_refresh: 'vrrpGarpMasterRefresh',
  vrrp_garp_master_refresh_repeat: 'vrrpGarpMasterRefreshRepeat',
  vrrp_garp_lower_prio_delay: 'vrrpGarpLowerPrioDelay',
  vrrp_garp_lower_prio_repeat: 'vrrpGarpLowerPrioRepeat',
  vrrp_down_timer_adverts: 'vrrpDownTimerAdverts',
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

function parseGlobalDefs(block: readonly Entry[], prev: GlobalDefsModel, ctx: Ctx): GlobalDefsModel {
  const m: Mutable<GlobalDefsModel> = { ...prev };
  const unknown: UnknownEntry[] = [...(prev.unknown ?? [])];
  for (const e of block) {
    const k = keyword(e);
    const t = k.text;
    ctx.positions.set(`global:${t}`, k.pos);
    if (Object.hasOwn(GLOBAL_INTS, t)) m[GLOBAL_INTS[t as keyof typeof GLOBAL_INTS]] = int(arg(e, 1, 'an integer'), t);
    else if (Object.hasOwn(GLOBAL_BOOLS, t)) m[GLOBAL_BOOLS[t as keyof typeof GLOBAL_BOOLS]] = bool(e);
    else if (Object.hasOwn(GLOBAL_FLAGS, t)) m[GLOBAL_FLAGS[t as keyof typeof GLOBAL_FLAGS]] = flag(e, ctx);
    else if (t === 'router_id') m.routerId = arg(e, 1, 'a name').text;
    else if (t === 'vrrp_version') {
      const v = int(arg(e, 1, '2 or 3'), t);
      if (v !== 2 && v !== 3) throw new InputError(`vrrp_version: Version must be either 2 or 3, got ${v}`, k.pos);
      m.vrrpVersion = v;
    } else if (t === 'vrrp_mcast_group4') m.vrrpMcastGroup4 = arg(e, 1, 'an IPv4 multicast address').text;
    else if (t === 'vrrp_startup_delay') m.vrrpStartupDelay = decimal(arg(e, 1, 'seconds'), t);
    else if (t === 'script_user') {
      const user = arg(e, 1, 'USER [GROUP]').text;
      const g = e.words[2];
      m.scriptUser = g === undefined ? { user } : { user, group: g.text };
    } else unknown.push(keepVerbatim(e, ctx, 'global_defs'));
  }
  if (unknown.length > 0) m.unknown = unknown;
  return m;
}
