// KeepalivedConfig -> keepalived.conf text: deterministic, one keyword per line, in the order of
// the reference's recommended emission (scripts before the instances that track them, because
// keepalived 2.2.7 resolves track_script names while parsing). Every string is checked before
// it is written by keepalived's own tokenising rules (syntax.ts): a value is written bare when
// keepalived reads it back unchanged, double-quoted when only quoting keeps it one token, and
// refused (an InputError at the value's source position) when neither can; no line passes
// keepalived's 1023-byte read.
import { InputError, type SourcePos } from '../cli/errors.js';
import type {
  GlobalDefsModel, KeepalivedConfig, NotifyKeywords, NotifyModel, TrackInterfaceRef,
  TrackScriptRef, UnknownEntry, VipModel, VrrpInstanceModel, VrrpScriptModel, VrrpSyncGroupModel,
} from '../model/types.js';
import type { SourceMap } from '../model/build-context.js';
import { needsScriptSecurity, withScriptSecurity } from './security.js';
import { lineProblem, quoted, quotedText, shown, tokenText, unwritable } from './syntax.js';

export interface RenderOptions {
  /** First comment lines (without `#`); defaults to a line naming vrrplab. */
  readonly header?: string;
  /** Where each value came from (the parser's map), so a refusal points at the input. */
  readonly positions?: SourceMap;
}

const INDENT = '    ';

/** A value's name in errors and the source-map keys that may locate it (most precise first). */
interface Where { readonly label: string; readonly keys: readonly string[] }

class Out {
  readonly lines: string[] = [];
  constructor(private readonly positions: SourceMap | undefined) {}

  refuse(where: Where, value: string, why: string): never {
    let pos: SourcePos = { file: '<model>' };
    for (const k of where.keys) {
      const p = this.positions?.get(k);
      if (p !== undefined) { pos = p; break; }
    }
    throw new InputError(`${where.label}: refusing to write ${shown(value)}: it ${why}`, pos);
  }

  /** One token as keepalived reads it; `lineStart` when it is the first word of its line. */
  word(value: string, where: Where, lineStart = false): string {
    return tokenText(value, lineStart, (why) => this.refuse(where, value, why));
  }

  command(value: string, where: Where): string {
    return quotedText(value, (why) => this.refuse(where, value, why));
  }

  line(depth: number, text: string, where: Where): void {
    const line = `${INDENT.repeat(depth)}${text}`;
    const why = lineProblem(line);
    if (why !== undefined) this.refuse(where, text, why);
    this.lines.push(line);
  }

  blank(): void { this.lines.push(''); }

  block(depth: number, head: string, where: Where, body: () => void): void {
    this.line(depth, `${head} {`, where);
    body();
    this.line(depth, '}', where);
  }
}

const at = (label: string, ...keys: string[]): Where => ({ label, keys });
const sub = (w: Where, label: string, ...keys: string[]): Where => ({ label: `${w.label}.${label}`, keys: [...keys, ...w.keys] });

function num(out: Out, value: number, where: Where, decimals: 0 | 6): string {
  if (!Number.isFinite(value)) out.refuse(where, String(value), 'is not a finite number');
  if (decimals === 0) {
    if (!Number.isSafeInteger(value)) out.refuse(where, String(value), 'is not an integer');
    return String(value);
  }
  if (value < 0) out.refuse(where, String(value), 'is negative; expected a number of seconds');
  return value.toFixed(6).replace(/\.?0+$/, '');
}

const onOff = (v: boolean): string => (v ? 'true' : 'false');

/**
 * A word kept verbatim from an unknown entry, as written: a double-quoted word stays as it was
 * when keepalived reads it as one token; anything else is the token's text and is written the
 * way keepalived reads it back (a single-quoted word is bare text to keepalived, braces and all).
 */
function verbatim(out: Out, raw: string, where: Where, lineStart: boolean): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    const inner = raw.slice(1, -1);
    return inner === '' ? raw : quoted(inner, (why) => out.refuse(where, inner, why));
  }
  return out.word(raw, where, lineStart);
}

function renderUnknown(out: Out, depth: number, entries: readonly UnknownEntry[] | undefined, where: Where): void {
  for (const e of entries ?? []) {
    const words = e.words.map((w, i) => verbatim(out, w, where, i === 0)).join(' ');
    if (e.block === undefined) out.line(depth, words, where);
    else { const block = e.block; out.block(depth, words, where, () => renderUnknown(out, depth + 1, block, where)); }
  }
}

function renderNotify(out: Out, depth: number, m: NotifyKeywords, owner: Where): void {
  const one = (kw: string, prop: string, n: NotifyModel | undefined): void => {
    if (n === undefined) return;
    const where = sub(owner, kw, ...owner.keys.slice(0, 1).map((k) => `${k}:${prop}`));
    const words = [out.command(n.command, where)];
    if (n.user !== undefined) words.push(out.word(n.user, sub(where, 'user')));
    if (n.group !== undefined) {
      if (n.user === undefined) out.refuse(sub(where, 'group'), n.group, 'is a group without a user; keepalived reads the first word after the command as the user');
      words.push(out.word(n.group, sub(where, 'group')));
    }
    out.line(depth, `${kw} ${words.join(' ')}`, where);
  };
  one('notify_master', 'notifyMaster', m.notifyMaster);
  one('notify_backup', 'notifyBackup', m.notifyBackup);
  one('notify_fault', 'notifyFault', m.notifyFault);
  one('notify_stop', 'notifyStop', m.notifyStop);
  one('notify', 'notify', m.notify);
}

function renderTrack(
  out: Out, depth: number, kw: 'track_script' | 'track_interface',
  refs: readonly (TrackScriptRef | TrackInterfaceRef)[] | undefined, owner: Where,
): void {
  if (refs === undefined) return;
  const where = sub(owner, kw);
  out.block(depth, kw, where, () => {
    for (const r of refs) {
      const words = [out.word(r.name, where, true)];
      if (r.weight !== undefined) words.push('weight', num(out, r.weight, sub(where, 'weight'), 0));
      if (r.reverse === true) words.push('reverse');
      if (r.reverse === false) words.push('noreverse');
      out.line(depth + 1, words.join(' '), where);
    }
  });
}

// alloc_ipaddress() reads the address with inet_pton after splitting off `/PREFIX`.
const IP_TEXT = /^[0-9A-Fa-f.:]+$/;

function renderVips(out: Out, depth: number, kw: string, vips: readonly VipModel[] | undefined, owner: Where): void {
  if (vips === undefined) return;
  const where = sub(owner, kw);
  out.block(depth, kw, where, () => {
    for (const v of vips) {
      if (!IP_TEXT.test(v.address)) out.refuse(where, v.address, 'is not an IP address');
      let s = v.prefix === undefined ? v.address : `${v.address}/${num(out, v.prefix, sub(where, 'prefix'), 0)}`;
      if (v.dev !== undefined) s += ` dev ${out.word(v.dev, sub(where, 'dev'))}`;
      if (v.brd !== undefined) s += ` brd ${out.word(v.brd, sub(where, 'brd'))}`;
      if (v.scope !== undefined) s += ` scope ${out.word(v.scope, sub(where, 'scope'))}`;
      if (v.label !== undefined) s += ` label ${out.word(v.label, sub(where, 'label'))}`;
      for (const o of v.options ?? []) s += ` ${out.word(o, sub(where, 'options'))}`;
      out.line(depth + 1, s, where);
    }
  });
}

function renderGlobalDefs(out: Out, g: GlobalDefsModel): void {
  const w = (kw: string, prop: string): Where => at(`globalDefs.${prop}`, `global:${kw}`);
  const int = (kw: string, prop: string, v: number | undefined): [string, string | undefined, Where] =>
    [kw, v === undefined ? undefined : num(out, v, w(kw, prop), 0), w(kw, prop)];
  const word = (kw: string, prop: string, v: string | undefined): [string, string | undefined, Where] =>
    [kw, v === undefined ? undefined : out.word(v, w(kw, prop)), w(kw, prop)];
  const lines: [string, string | undefined, Where][] = [
    word('router_id', 'routerId', g.routerId),
    ['vrrp_version', g.vrrpVersion === undefined ? undefined : String(g.vrrpVersion), w('vrrp_version', 'vrrpVersion')],
    word('vrrp_mcast_group4', 'vrrpMcastGroup4', g.vrrpMcastGroup4),
    int('vrrp_garp_master_delay', 'vrrpGarpMasterDelay', g.vrrpGarpMasterDelay),
    int('vrrp_garp_master_repeat', 'vrrpGarpMasterRepeat', g.vrrpGarpMasterRepeat),
    int('vrrp_garp_master_refresh', 'vrrpGarpMasterRefresh', g.vrrpGarpMasterRefresh),
    int('vrrp_garp_master_refresh_repeat', 'vrrpGarpMasterRefreshRepeat', g.vrrpGarpMasterRefreshRepeat),
    int('vrrp_garp_lower_prio_delay', 'vrrpGarpLowerPrioDelay', g.vrrpGarpLowerPrioDelay),
    int('vrrp_garp_lower_prio_repeat', 'vrrpGarpLowerPrioRepeat', g.vrrpGarpLowerPrioRepeat),
    ['vrrp_min_garp', g.vrrpMinGarp === undefined ? undefined : onOff(g.vrrpMinGarp), w('vrrp_min_garp', 'vrrpMinGarp')],
    int('vrrp_down_timer_adverts', 'vrrpDownTimerAdverts', g.vrrpDownTimerAdverts),
    ['vrrp_lower_prio_no_advert', g.vrrpLowerPrioNoAdvert === undefined ? undefined : onOff(g.vrrpLowerPrioNoAdvert), w('vrrp_lower_prio_no_advert', 'vrrpLowerPrioNoAdvert')],
    ['vrrp_higher_prio_send_advert', g.vrrpHigherPrioSendAdvert === undefined ? undefined : onOff(g.vrrpHigherPrioSendAdvert), w('vrrp_higher_prio_send_advert', 'vrrpHigherPrioSendAdvert')],
    ['vrrp_startup_delay', g.vrrpStartupDelay === undefined ? undefined : num(out, g.vrrpStartupDelay, w('vrrp_startup_delay', 'vrrpStartupDelay'), 6), w('vrrp_startup_delay', 'vrrpStartupDelay')],
  ];
  const flags: [string, boolean | undefined][] = [
    ['vrrp_strict', g.vrrpStrict],
    ['vrrp_skip_check_adv_addr', g.vrrpSkipCheckAdvAddr],
    ['vrrp_check_unicast_src', g.vrrpCheckUnicastSrc],
    ['enable_script_security', g.enableScriptSecurity],
  ];
  const present = lines.some(([, v]) => v !== undefined) || flags.some(([, v]) => v === true)
    || g.scriptUser !== undefined || (g.unknown?.length ?? 0) > 0;
  if (!present) return;
  const gw = at('globalDefs', 'global:global_defs');
  out.block(0, 'global_defs', gw, () => {
    for (const [kw, v, where] of lines) if (v !== undefined) out.line(1, `${kw} ${v}`, where);
    for (const [kw, v] of flags) if (v === true) out.line(1, kw, gw);
    if (g.scriptUser !== undefined) {
      const where = w('script_user', 'scriptUser');
      const u = out.word(g.scriptUser.user, sub(where, 'user'));
      out.line(1, g.scriptUser.group === undefined ? `script_user ${u}` : `script_user ${u} ${out.word(g.scriptUser.group, sub(where, 'group'))}`, where);
    }
    renderUnknown(out, 1, g.unknown, at('globalDefs.unknown', 'global:global_defs'));
  });
  out.blank();
}

function renderScript(out: Out, s: VrrpScriptModel): void {
  const key = `script:${s.name}`;
  const f = at(`scripts[${s.name}]`, key);
  const w = (prop: string): Where => sub(f, prop, `${key}:${prop}`);
  const opt = (kw: string, prop: string, v: string | undefined): void => { if (v !== undefined) out.line(1, `${kw} ${v}`, w(prop)); };
  const int = (v: number | undefined, prop: string): string | undefined => (v === undefined ? undefined : num(out, v, w(prop), 0));
  out.block(0, `vrrp_script ${out.word(s.name, at('scripts.name', key))}`, f, () => {
    opt('script', 'script', s.script === undefined ? undefined : out.command(s.script, w('script')));
    opt('interval', 'interval', int(s.interval, 'interval'));
    opt('timeout', 'timeout', int(s.timeout, 'timeout'));
    if (s.weight !== undefined) out.line(1, `weight ${int(s.weight, 'weight') ?? ''}${s.reverse === true ? ' reverse' : ''}`, w('weight'));
    else if (s.reverse === true) out.refuse(w('reverse'), 'true', 'is reverse without a weight; keepalived only reads reverse after a weight');
    opt('rise', 'rise', int(s.rise, 'rise'));
    opt('fall', 'fall', int(s.fall, 'fall'));
    if (s.user !== undefined) out.line(1, `user ${out.word(s.user, w('user'))}${s.group === undefined ? '' : ` ${out.word(s.group, w('group'))}`}`, w('user'));
    else if (s.group !== undefined) out.refuse(w('group'), s.group, 'is a group without a user; keepalived reads the first word as the user');
    if (s.initFail === true) out.line(1, 'init_fail', f);
    renderUnknown(out, 1, s.unknown, sub(f, 'unknown'));
  });
  out.blank();
}

function renderInstance(out: Out, i: VrrpInstanceModel): void {
  const key = `instance:${i.name}`;
  const f = at(`instances[${i.name}]`, key);
  const w = (prop: string): Where => sub(f, prop, `${key}:${prop}`);
  const opt = (kw: string, prop: string, v: string | undefined): void => { if (v !== undefined) out.line(1, `${kw} ${v}`, w(prop)); };
  const int = (v: number | undefined, prop: string): string | undefined => (v === undefined ? undefined : num(out, v, w(prop), 0));
  const secs = (v: number | undefined, prop: string): string | undefined => (v === undefined ? undefined : num(out, v, w(prop), 6));
  const word = (v: string | undefined, prop: string): string | undefined => (v === undefined ? undefined : out.word(v, w(prop)));
  const bool = (v: boolean | undefined): string | undefined => (v === undefined ? undefined : onOff(v));
  out.block(0, `vrrp_instance ${out.word(i.name, at('instances.name', key))}`, f, () => {
    opt('state', 'state', i.state);
    opt('interface', 'interface', word(i.interface, 'interface'));
    opt('virtual_router_id', 'virtualRouterId', int(i.virtualRouterId, 'virtualRouterId'));
    opt('priority', 'priority', int(i.priority, 'priority'));
    opt('advert_int', 'advertInt', secs(i.advertInt, 'advertInt'));
    opt('version', 'version', i.version === undefined ? undefined : String(i.version));
    if (i.nativeIpv6 === true) out.line(1, 'native_ipv6', w('nativeIpv6'));
    if (i.nopreempt === true) out.line(1, 'nopreempt', f);
    if (i.nopreempt === false) out.line(1, 'preempt', f);
    opt('preempt_delay', 'preemptDelay', secs(i.preemptDelay, 'preemptDelay'));
    opt('mcast_src_ip', 'mcastSrcIp', word(i.mcastSrcIp, 'mcastSrcIp'));
    opt('unicast_src_ip', 'unicastSrcIp', word(i.unicastSrcIp, 'unicastSrcIp'));
    if (i.unicastPeer !== undefined) {
      const peers = i.unicastPeer;
      const pw = w('unicastPeer');
      out.block(1, 'unicast_peer', pw, () => {
        for (const p of peers) {
          let s = out.word(p.address, pw, true);
          if (p.minTtl !== undefined) s += ` min_ttl ${num(out, p.minTtl, sub(pw, 'minTtl'), 0)}`;
          if (p.maxTtl !== undefined) s += ` max_ttl ${num(out, p.maxTtl, sub(pw, 'maxTtl'), 0)}`;
          out.line(2, s, pw);
        }
      });
    }
    opt('unicast_ttl', 'unicastTtl', int(i.unicastTtl, 'unicastTtl'));
    if (i.authentication !== undefined) {
      const a = i.authentication;
      const aw = w('authentication');
      out.block(1, 'authentication', aw, () => {
        if (a.authType !== undefined) out.line(2, `auth_type ${a.authType}`, aw);
        if (a.authPass !== undefined) out.line(2, `auth_pass ${out.word(a.authPass, sub(aw, 'authPass', `${key}:authPass`))}`, sub(aw, 'authPass', `${key}:authPass`));
      });
    }
    renderVips(out, 1, 'virtual_ipaddress', i.virtualIpaddress, f);
    renderVips(out, 1, 'virtual_ipaddress_excluded', i.virtualIpaddressExcluded, f);
    renderTrack(out, 1, 'track_interface', i.trackInterface, f);
    renderTrack(out, 1, 'track_script', i.trackScript, f);
    if (i.dontTrackPrimary === true) out.line(1, 'dont_track_primary', f);
    renderNotify(out, 1, i, f);
    opt('garp_master_delay', 'garpMasterDelay', int(i.garpMasterDelay, 'garpMasterDelay'));
    opt('garp_master_repeat', 'garpMasterRepeat', int(i.garpMasterRepeat, 'garpMasterRepeat'));
    opt('garp_master_refresh', 'garpMasterRefresh', int(i.garpMasterRefresh, 'garpMasterRefresh'));
    opt('garp_master_refresh_repeat', 'garpMasterRefreshRepeat', int(i.garpMasterRefreshRepeat, 'garpMasterRefreshRepeat'));
    opt('garp_lower_prio_delay', 'garpLowerPrioDelay', int(i.garpLowerPrioDelay, 'garpLowerPrioDelay'));
    opt('garp_lower_prio_repeat', 'garpLowerPrioRepeat', int(i.garpLowerPrioRepeat, 'garpLowerPrioRepeat'));
    opt('down_timer_adverts', 'downTimerAdverts', int(i.downTimerAdverts, 'downTimerAdverts'));
    opt('lower_prio_no_advert', 'lowerPrioNoAdvert', bool(i.lowerPrioNoAdvert));
    opt('higher_prio_send_advert', 'higherPrioSendAdvert', bool(i.higherPrioSendAdvert));
    opt('skip_check_adv_addr', 'skipCheckAdvAddr', bool(i.skipCheckAdvAddr));
    if (i.checkUnicastSrc === true) out.line(1, 'check_unicast_src', f);
    if (i.useVmac !== undefined) opt('use_vmac', 'useVmac', i.useVmac.name === undefined ? '' : word(i.useVmac.name, 'useVmac'));
    if (i.vmacXmitBase === true) out.line(1, 'vmac_xmit_base', f);
    if (i.accept === true) out.line(1, 'accept', f);
    if (i.accept === false) out.line(1, 'no_accept', f);
    opt('strict_mode', 'strictMode', bool(i.strictMode));
    renderUnknown(out, 1, i.unknown, sub(f, 'unknown'));
  });
  out.blank();
}

function renderSyncGroup(out: Out, g: VrrpSyncGroupModel): void {
  const key = `syncGroup:${g.name}`;
  const f = at(`syncGroups[${g.name}]`, key);
  out.block(0, `vrrp_sync_group ${out.word(g.name, at('syncGroups.name', key))}`, f, () => {
    const gw = sub(f, 'group');
    out.block(1, 'group', gw, () => { for (const m of g.group) out.line(2, out.word(m, gw, true), gw); });
    renderTrack(out, 1, 'track_interface', g.trackInterface, f);
    renderTrack(out, 1, 'track_script', g.trackScript, f);
    if (g.syncGroupTrackingWeight === true) out.line(1, 'sync_group_tracking_weight', f);
    renderNotify(out, 1, g, f);
    renderUnknown(out, 1, g.unknown, sub(f, 'unknown'));
  });
  out.blank();
}

/**
 * Renders the configuration. When it runs scripts, `enable_script_security` and `script_user
 * root` are added unless given, since without them `keepalived -t` exits 6 (SECURITY VIOLATION)
 * or removes the scripts; `withScriptSecurity` is that same adjustment on the model.
 */
export function renderKeepalivedConf(config: KeepalivedConfig, opts?: RenderOptions): string {
  const c = needsScriptSecurity(config) ? withScriptSecurity(config) : config;
  const out = new Out(opts?.positions);
  const header = opts?.header ?? 'Generated by vrrplab (keepalived 2.2.7 syntax). Edit the source model, not this file.';
  const hw = at('header');
  for (const h of header.split('\n')) {
    // After `#` quotes mean nothing, but a control character or a final `\` still ends or continues the line.
    const why = h === '' ? undefined : unwritable(h.replace(/"/g, 'q'));
    if (why !== undefined) out.refuse(hw, h, why);
    out.line(0, h.length === 0 ? '#' : `# ${h}`, hw);
  }
  out.blank();
  renderGlobalDefs(out, c.globalDefs);
  for (const s of c.scripts) renderScript(out, s);
  for (const i of c.instances) renderInstance(out, i);
  for (const g of c.syncGroups) renderSyncGroup(out, g);
  renderUnknown(out, 0, c.unknown, at('unknown'));
  while (out.lines[out.lines.length - 1] === '') out.lines.pop();
  return `${out.lines.join('\n')}\n`;
}

/** Why the configuration cannot be rendered, as the InputError `render` would throw; undefined when it can. */
export function renderRefusal(config: KeepalivedConfig, positions?: SourceMap): InputError | undefined {
  try {
    renderKeepalivedConf(config, positions === undefined ? undefined : { positions });
    return undefined;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}
