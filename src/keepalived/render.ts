// KeepalivedConfig -> keepalived.conf text: deterministic, one keyword per line, in the order of
// the reference's recommended emission (scripts before the instances that track them, because
// keepalived 2.2.7 resolves track_script names while parsing). Every string is checked before
// it is written: a value that could end its line, open or close a block, start a comment or turn
// into a directive (include, $VAR, @id) is refused with an InputError naming the field.
import { InputError } from '../cli/errors.js';
import type {
  GlobalDefsModel, KeepalivedConfig, NotifyKeywords, NotifyModel, TrackInterfaceRef,
  TrackScriptRef, UnknownEntry, VipModel, VrrpInstanceModel, VrrpScriptModel, VrrpSyncGroupModel,
} from '../model/types.js';
import { needsScriptSecurity, withScriptSecurity } from './security.js';

export interface RenderOptions {
  /** First comment lines (without `#`); defaults to a line naming vrrplab. */
  readonly header?: string;
}

const INDENT = '    ';
const DIRECTIVES = new Set(['include', 'includer', 'includem', 'includew', 'includeb', 'includea']);

function bad(field: string, value: string, why: string): never {
  throw new InputError(`${field}: refusing to write ${JSON.stringify(value)}: ${why}`, { file: '<model>' });
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A single bare word: what keepalived reads as exactly one token. */
export function checkWord(value: string, field: string): string {
  if (value.length === 0) bad(field, value, 'empty; expected a word');
  if (CONTROL.test(value)) bad(field, value, 'contains a newline or control character');
  if (/\s/.test(value)) bad(field, value, 'contains whitespace; expected a single word');
  if (/["'{}#!]/.test(value)) bad(field, value, 'contains a quote, brace, # or ! that keepalived would read as syntax');
  if (value.includes('$')) bad(field, value, "contains '$', which keepalived substitutes as a variable");
  if (/^[@~]/.test(value)) bad(field, value, "starts with '@' or '~', which keepalived reads as a directive");
  if (DIRECTIVES.has(value)) bad(field, value, 'is an include directive');
  return value;
}

/** A command line, written double-quoted so its arguments survive (keepalived-config.md §6). */
export function checkCommand(value: string, field: string): string {
  if (value.trim().length === 0) bad(field, value, 'empty; expected a command');
  if (CONTROL.test(value)) bad(field, value, 'contains a newline or control character');
  if (/["{}#!]/.test(value)) bad(field, value, 'contains a double quote, brace, # or ! that keepalived would read as syntax');
  return `"${value}"`;
}

function num(value: number, field: string, decimals: 0 | 6): string {
  if (!Number.isFinite(value)) bad(field, String(value), 'not a finite number');
  if (decimals === 0) {
    if (!Number.isSafeInteger(value)) bad(field, String(value), 'expected an integer');
    return String(value);
  }
  if (value < 0) bad(field, String(value), 'expected a non-negative number of seconds');
  return value.toFixed(6).replace(/\.?0+$/, '');
}

const int = (v: number, field: string): string => num(v, field, 0);
const seconds = (v: number, field: string): string => num(v, field, 6);
const onOff = (v: boolean): string => (v ? 'true' : 'false');

/** A verbatim word from an unknown entry: quoted words may hold blanks and syntax characters. */
function checkVerbatim(word: string, field: string): string {
  if (CONTROL.test(word)) bad(field, word, 'contains a newline or control character');
  const q = word[0];
  if ((q === '"' || q === "'") && word.length >= 2 && word.endsWith(q) && !word.slice(1, -1).includes(q)) return word;
  return checkWord(word, field);
}

class Out {
  readonly lines: string[] = [];
  line(depth: number, text: string): void { this.lines.push(`${INDENT.repeat(depth)}${text}`); }
  block(depth: number, head: string, body: () => void): void {
    this.line(depth, `${head} {`);
    body();
    this.line(depth, '}');
  }
}

function renderUnknown(out: Out, depth: number, entries: readonly UnknownEntry[] | undefined, field: string): void {
  for (const e of entries ?? []) {
    const words = e.words.map((w) => checkVerbatim(w, field)).join(' ');
    if (e.block === undefined) out.line(depth, words);
    else { const block = e.block; out.block(depth, words, () => renderUnknown(out, depth + 1, block, field)); }
  }
}

function renderNotify(out: Out, depth: number, m: NotifyKeywords, owner: string): void {
  const one = (kw: string, n: NotifyModel | undefined): void => {
    if (n === undefined) return;
    const field = `${owner}.${kw}`;
    const words = [checkCommand(n.command, field)];
    if (n.user !== undefined) words.push(checkWord(n.user, `${field}.user`));
    if (n.group !== undefined) {
      if (n.user === undefined) bad(`${field}.group`, n.group, 'a group needs a user before it');
      words.push(checkWord(n.group, `${field}.group`));
    }
    out.line(depth, `${kw} ${words.join(' ')}`);
  };
  one('notify_master', m.notifyMaster);
  one('notify_backup', m.notifyBackup);
  one('notify_fault', m.notifyFault);
  one('notify_stop', m.notifyStop);
  one('notify', m.notify);
}

function renderTrack(
  out: Out, depth: number, kw: 'track_script' | 'track_interface',
  refs: readonly (TrackScriptRef | TrackInterfaceRef)[] | undefined, owner: string,
): void {
  if (refs === undefined) return;
  out.block(depth, kw, () => {
    for (const r of refs) {
      const field = `${owner}.${kw}`;
      const words = [checkWord(r.name, field)];
      if (r.weight !== undefined) words.push('weight', int(r.weight, `${field}.weight`));
      if (r.reverse === true) words.push('reverse');
      if (r.reverse === false) words.push('noreverse');
      out.line(depth + 1, words.join(' '));
    }
  });
}

function renderVips(out: Out, depth: number, kw: string, vips: readonly VipModel[] | undefined, owner: string): void {
  if (vips === undefined) return;
  out.block(depth, kw, () => {
    for (const v of vips) {
      const field = `${owner}.${kw}`;
      if (!/^[0-9A-Fa-f.:]+$/.test(v.address)) bad(field, v.address, 'expected an IP address');
      let s = v.prefix === undefined ? v.address : `${v.address}/${int(v.prefix, `${field}.prefix`)}`;
      if (v.dev !== undefined) s += ` dev ${checkWord(v.dev, `${field}.dev`)}`;
      if (v.brd !== undefined) s += ` brd ${checkWord(v.brd, `${field}.brd`)}`;
      if (v.scope !== undefined) s += ` scope ${checkWord(v.scope, `${field}.scope`)}`;
      if (v.label !== undefined) s += ` label ${checkWord(v.label, `${field}.label`)}`;
      for (const o of v.options ?? []) s += ` ${checkWord(o, `${field}.options`)}`;
      out.line(depth + 1, s);
    }
  });
}

function renderGlobalDefs(out: Out, g: GlobalDefsModel): void {
  const lines: [string, string | undefined][] = [
    ['router_id', g.routerId === undefined ? undefined : checkWord(g.routerId, 'globalDefs.routerId')],
    ['vrrp_version', g.vrrpVersion === undefined ? undefined : String(g.vrrpVersion)],
    ['vrrp_mcast_group4', g.vrrpMcastGroup4 === undefined ? undefined : checkWord(g.vrrpMcastGroup4, 'globalDefs.vrrpMcastGroup4')],
    ['vrrp_garp_master_delay', g.vrrpGarpMasterDelay === undefined ? undefined : int(g.vrrpGarpMasterDelay, 'globalDefs.vrrpGarpMasterDelay')],
    ['vrrp_garp_master_repeat', g.vrrpGarpMasterRepeat === undefined ? undefined : int(g.vrrpGarpMasterRepeat, 'globalDefs.vrrpGarpMasterRepeat')],
    ['vrrp_garp_master_refresh', g.vrrpGarpMasterRefresh === undefined ? undefined : int(g.vrrpGarpMasterRefresh, 'globalDefs.vrrpGarpMasterRefresh')],
    ['vrrp_garp_master_refresh_repeat', g.vrrpGarpMasterRefreshRepeat === undefined ? undefined : int(g.vrrpGarpMasterRefreshRepeat, 'globalDefs.vrrpGarpMasterRefreshRepeat')],
    ['vrrp_garp_lower_prio_delay', g.vrrpGarpLowerPrioDelay === undefined ? undefined : int(g.vrrpGarpLowerPrioDelay, 'globalDefs.vrrpGarpLowerPrioDelay')],
    ['vrrp_garp_lower_prio_repeat', g.vrrpGarpLowerPrioRepeat === undefined ? undefined : int(g.vrrpGarpLowerPrioRepeat, 'globalDefs.vrrpGarpLowerPrioRepeat')],
    ['vrrp_min_garp', g.vrrpMinGarp === undefined ? undefined : onOff(g.vrrpMinGarp)],
    ['vrrp_down_timer_adverts', g.vrrpDownTimerAdverts === undefined ? undefined : int(g.vrrpDownTimerAdverts, 'globalDefs.vrrpDownTimerAdverts')],
    ['vrrp_lower_prio_no_advert', g.vrrpLowerPrioNoAdvert === undefined ? undefined : onOff(g.vrrpLowerPrioNoAdvert)],
    ['vrrp_higher_prio_send_advert', g.vrrpHigherPrioSendAdvert === undefined ? undefined : onOff(g.vrrpHigherPrioSendAdvert)],
    ['vrrp_startup_delay', g.vrrpStartupDelay === undefined ? undefined : seconds(g.vrrpStartupDelay, 'globalDefs.vrrpStartupDelay')],
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
  out.block(0, 'global_defs', () => {
    for (const [kw, v] of lines) if (v !== undefined) out.line(1, `${kw} ${v}`);
    for (const [kw, v] of flags) if (v === true) out.line(1, kw);
    if (g.scriptUser !== undefined) {
      const u = checkWord(g.scriptUser.user, 'globalDefs.scriptUser.user');
      out.line(1, g.scriptUser.group === undefined ? `script_user ${u}` : `script_user ${u} ${checkWord(g.scriptUser.group, 'globalDefs.scriptUser.group')}`);
    }
    renderUnknown(out, 1, g.unknown, 'globalDefs.unknown');
  });
  out.line(0, '');
}

function renderScript(out: Out, s: VrrpScriptModel): void {
  const f = `scripts[${s.name}]`;
  out.block(0, `vrrp_script ${checkWord(s.name, 'scripts.name')}`, () => {
    if (s.script !== undefined) out.line(1, `script ${checkCommand(s.script, `${f}.script`)}`);
    if (s.interval !== undefined) out.line(1, `interval ${int(s.interval, `${f}.interval`)}`);
    if (s.timeout !== undefined) out.line(1, `timeout ${int(s.timeout, `${f}.timeout`)}`);
    if (s.weight !== undefined) out.line(1, `weight ${int(s.weight, `${f}.weight`)}${s.reverse === true ? ' reverse' : ''}`);
    else if (s.reverse === true) bad(`${f}.reverse`, 'true', 'keepalived only reads reverse after a weight');
    if (s.rise !== undefined) out.line(1, `rise ${int(s.rise, `${f}.rise`)}`);
    if (s.fall !== undefined) out.line(1, `fall ${int(s.fall, `${f}.fall`)}`);
    if (s.user !== undefined) out.line(1, `user ${checkWord(s.user, `${f}.user`)}${s.group === undefined ? '' : ` ${checkWord(s.group, `${f}.group`)}`}`);
    else if (s.group !== undefined) bad(`${f}.group`, s.group, 'a group needs a user before it');
    if (s.initFail === true) out.line(1, 'init_fail');
    renderUnknown(out, 1, s.unknown, `${f}.unknown`);
  });
  out.line(0, '');
}

function renderInstance(out: Out, i: VrrpInstanceModel): void {
  const f = `instances[${i.name}]`;
  const opt = (kw: string, v: string | undefined): void => { if (v !== undefined) out.line(1, `${kw} ${v}`); };
  out.block(0, `vrrp_instance ${checkWord(i.name, 'instances.name')}`, () => {
    opt('state', i.state);
    opt('interface', i.interface === undefined ? undefined : checkWord(i.interface, `${f}.interface`));
    opt('virtual_router_id', i.virtualRouterId === undefined ? undefined : int(i.virtualRouterId, `${f}.virtualRouterId`));
    opt('priority', i.priority === undefined ? undefined : int(i.priority, `${f}.priority`));
    opt('advert_int', i.advertInt === undefined ? undefined : seconds(i.advertInt, `${f}.advertInt`));
    opt('version', i.version === undefined ? undefined : String(i.version));
    if (i.nopreempt === true) out.line(1, 'nopreempt');
    if (i.nopreempt === false) out.line(1, 'preempt');
    opt('preempt_delay', i.preemptDelay === undefined ? undefined : seconds(i.preemptDelay, `${f}.preemptDelay`));
    opt('mcast_src_ip', i.mcastSrcIp === undefined ? undefined : checkWord(i.mcastSrcIp, `${f}.mcastSrcIp`));
    opt('unicast_src_ip', i.unicastSrcIp === undefined ? undefined : checkWord(i.unicastSrcIp, `${f}.unicastSrcIp`));
    if (i.unicastPeer !== undefined) {
      const peers = i.unicastPeer;
      out.block(1, 'unicast_peer', () => {
        for (const p of peers) {
          let s = checkWord(p.address, `${f}.unicastPeer`);
          if (/^[@$~]/.test(s)) bad(`${f}.unicastPeer`, s, 'expected an IP address');
          if (p.minTtl !== undefined) s += ` min_ttl ${int(p.minTtl, `${f}.unicastPeer.minTtl`)}`;
          if (p.maxTtl !== undefined) s += ` max_ttl ${int(p.maxTtl, `${f}.unicastPeer.maxTtl`)}`;
          out.line(2, s);
        }
      });
    }
    opt('unicast_ttl', i.unicastTtl === undefined ? undefined : int(i.unicastTtl, `${f}.unicastTtl`));
    if (i.authentication !== undefined) {
      const a = i.authentication;
      out.block(1, 'authentication', () => {
        if (a.authType !== undefined) out.line(2, `auth_type ${a.authType}`);
        if (a.authPass !== undefined) out.line(2, `auth_pass ${checkWord(a.authPass, `${f}.authentication.authPass`)}`);
      });
    }
    renderVips(out, 1, 'virtual_ipaddress', i.virtualIpaddress, f);
    renderVips(out, 1, 'virtual_ipaddress_excluded', i.virtualIpaddressExcluded, f);
    renderTrack(out, 1, 'track_interface', i.trackInterface, f);
    renderTrack(out, 1, 'track_script', i.trackScript, f);
    if (i.dontTrackPrimary === true) out.line(1, 'dont_track_primary');
    renderNotify(out, 1, i, f);
    opt('garp_master_delay', i.garpMasterDelay === undefined ? undefined : int(i.garpMasterDelay, `${f}.garpMasterDelay`));
    opt('garp_master_repeat', i.garpMasterRepeat === undefined ? undefined : int(i.garpMasterRepeat, `${f}.garpMasterRepeat`));
    opt('garp_master_refresh', i.garpMasterRefresh === undefined ? undefined : int(i.garpMasterRefresh, `${f}.garpMasterRefresh`));
    opt('garp_master_refresh_repeat', i.garpMasterRefreshRepeat === undefined ? undefined : int(i.garpMasterRefreshRepeat, `${f}.garpMasterRefreshRepeat`));
    opt('garp_lower_prio_delay', i.garpLowerPrioDelay === undefined ? undefined : int(i.garpLowerPrioDelay, `${f}.garpLowerPrioDelay`));
    opt('garp_lower_prio_repeat', i.garpLowerPrioRepeat === undefined ? undefined : int(i.garpLowerPrioRepeat, `${f}.garpLowerPrioRepeat`));
    opt('down_timer_adverts', i.downTimerAdverts === undefined ? undefined : int(i.downTimerAdverts, `${f}.downTimerAdverts`));
    opt('lower_prio_no_advert', i.lowerPrioNoAdvert === undefined ? undefined : onOff(i.lowerPrioNoAdvert));
    opt('higher_prio_send_advert', i.higherPrioSendAdvert === undefined ? undefined : onOff(i.higherPrioSendAdvert));
    opt('skip_check_adv_addr', i.skipCheckAdvAddr === undefined ? undefined : onOff(i.skipCheckAdvAddr));
    if (i.checkUnicastSrc === true) out.line(1, 'check_unicast_src');
    if (i.useVmac !== undefined) out.line(1, i.useVmac.name === undefined ? 'use_vmac' : `use_vmac ${checkWord(i.useVmac.name, `${f}.useVmac.name`)}`);
    if (i.vmacXmitBase === true) out.line(1, 'vmac_xmit_base');
    if (i.accept === true) out.line(1, 'accept');
    if (i.accept === false) out.line(1, 'no_accept');
    opt('strict_mode', i.strictMode === undefined ? undefined : onOff(i.strictMode));
    renderUnknown(out, 1, i.unknown, `${f}.unknown`);
  });
  out.line(0, '');
}

function renderSyncGroup(out: Out, g: VrrpSyncGroupModel): void {
  const f = `syncGroups[${g.name}]`;
  out.block(0, `vrrp_sync_group ${checkWord(g.name, 'syncGroups.name')}`, () => {
    out.block(1, 'group', () => { for (const m of g.group) out.line(2, checkWord(m, `${f}.group`)); });
    renderTrack(out, 1, 'track_interface', g.trackInterface, f);
    renderTrack(out, 1, 'track_script', g.trackScript, f);
    if (g.syncGroupTrackingWeight === true) out.line(1, 'sync_group_tracking_weight');
    renderNotify(out, 1, g, f);
    renderUnknown(out, 1, g.unknown, `${f}.unknown`);
  });
  out.line(0, '');
}

/**
 * Renders the configuration. When it runs scripts, `enable_script_security` and `script_user
 * root` are added unless given, since without them `keepalived -t` exits 6 (SECURITY VIOLATION)
 * or removes the scripts; `withScriptSecurity` is that same adjustment on the model.
 */
export function renderKeepalivedConf(config: KeepalivedConfig, opts?: RenderOptions): string {
  const c = needsScriptSecurity(config) ? withScriptSecurity(config) : config;
  const out = new Out();
  const header = opts?.header ?? 'Generated by vrrplab (keepalived 2.2.7 syntax). Edit the source model, not this file.';
  for (const h of header.split('\n')) {
    if (CONTROL.test(h)) bad('header', h, 'contains a control character');
    out.line(0, h.length === 0 ? '#' : `# ${h}`);
  }
  out.line(0, '');
  renderGlobalDefs(out, c.globalDefs);
  for (const s of c.scripts) renderScript(out, s);
  for (const i of c.instances) renderInstance(out, i);
  for (const g of c.syncGroups) renderSyncGroup(out, g);
  renderUnknown(out, 0, c.unknown, 'unknown');
  while (out.lines[out.lines.length - 1] === '') out.lines.pop();
  return `${out.lines.join('\n')}\n`;
}
