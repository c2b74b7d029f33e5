// What every block reader of the keepalived.conf parser shares: the parse context, reading an
// entry's words (numbers as keepalived's handlers read them, booleans, flags), keeping keywords
// outside the modelled subset verbatim, and the track_script/track_interface entries.
import { InputError, type SourcePos } from '../cli/errors.js';
import type { TrackInterfaceRef, TrackScriptRef, UnknownEntry, Warning } from '../model/types.js';
import { GLOBAL_KEYWORDS, INSTANCE_KEYWORDS, ROOT_KEYWORDS, SCRIPT_KEYWORDS, SYNC_GROUP_KEYWORDS } from './keywords.js';
import type { Entry, Token } from './lex.js';
import { TRACK_WEIGHT, readKeywordNumber, type NumberKeyword } from './number-keywords.js';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface Ctx {
  readonly warnings: Warning[];
  readonly positions: Map<string, SourcePos>;
  readonly reported: Set<string>;
}

export function keyword(e: Entry): Token {
  const t = e.words[0];
  if (t === undefined) throw new Error('empty entry');
  return t;
}

export function requireBlock(e: Entry): readonly Entry[] {
  if (e.block === undefined) {
    const k = keyword(e);
    throw new InputError(`'${k.text}' needs a block; expected ${k.text} ... { ... }`, k.pos);
  }
  return e.block;
}

export function named(e: Entry, existing: readonly string[], what: string): string {
  const k = keyword(e);
  const n = e.words[1];
  if (n === undefined) throw new InputError(`${what} must have a name; expected ${what} NAME { ... }`, k.pos);
  if (existing.includes(n.text)) throw new InputError(`${what} ${n.text} already defined; expected unique names`, n.pos);
  return n.text;
}

export function arg(e: Entry, i: number, expected: string): Token {
  const t = e.words[i];
  if (t === undefined) {
    const k = keyword(e);
    throw new InputError(`'${k.text}' is missing a parameter; expected ${expected}`, k.pos);
  }
  return t;
}

/** A numeric keyword's first parameter as keepalived's handler reads it; undefined: left as it was. */
export function num(e: Entry, kw: NumberKeyword, owner: string, ctx: Ctx): number | undefined {
  const o = readKeywordNumber(arg(e, 1, 'a number'), kw, owner, ctx.warnings);
  return o === 'keep' ? undefined : o.set;
}

export function bool(e: Entry): boolean {
  const v = e.words[1];
  if (v === undefined) return true;
  if (['on', 'true', 'yes'].includes(v.text)) return true;
  if (['off', 'false', 'no'].includes(v.text)) return false;
  throw new InputError(`'${keyword(e).text}': invalid value '${v.text}'; expected on|off|true|false|yes|no`, v.pos);
}

export function flag(e: Entry, ctx: Ctx): true {
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

/** Words after which keepalived's route, rule, address and garp_group readers take an interface name. */
const INTERFACE_WORDS = new Set(['dev', 'oif', 'iif', 'interface', 'default_interface']);

/**
 * Where a verbatim block names an interface (`ifref:NAME`, first place wins), so that the
 * builder's "interface ... doesn't exist" for it points at the name.
 */
function recordInterfaceRefs(e: Entry, ctx: Ctx): void {
  const at = (t: Token): void => { if (!ctx.positions.has(`ifref:${t.text}`)) ctx.positions.set(`ifref:${t.text}`, t.pos); };
  e.words.forEach((w, i) => {
    const next = e.words[i + 1];
    if (next !== undefined && !w.quoted && INTERFACE_WORDS.has(w.text)) at(next);
  });
  for (const b of e.block ?? []) {
    // garp_group's `interfaces { eth1 eth2 }` block lists names only.
    if (keyword(e).text === 'interfaces') b.words.forEach(at);
    recordInterfaceRefs(b, ctx);
  }
}

export function keepVerbatim(e: Entry, ctx: Ctx, where: keyof typeof KNOWN & string): UnknownEntry {
  const k = keyword(e);
  const key = `${where}:${k.text}`;
  if (!ctx.positions.has(`unknown:${k.text}`)) ctx.positions.set(`unknown:${k.text}`, k.pos);
  recordInterfaceRefs(e, ctx);
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

/** `track_script` / `track_interface` entries: `NAME [weight W] [reverse|noreverse]`. */
function trackRefs(block: readonly Entry[], what: 'track_script' | 'track_interface', owner: string, ctx: Ctx): TrackScriptRef[] {
  return block.map((e) => {
    const name = keyword(e).text;
    let weight: number | undefined;
    let reverse: boolean | undefined;
    for (let i = 1; i < e.words.length; i++) {
      const w = e.words[i];
      if (w === undefined) break;
      if (w.text === 'weight') {
        // alloc_track_if() keeps the interface with weight 0, alloc_track_script() the script's weight.
        const kw: NumberKeyword = what === 'track_interface'
          ? { ...TRACK_WEIGHT, invalid: (o, v) => `(${o}) weight ${v} for ${name} must be between [-253..253] inclusive. Ignoring...`, fallback: 0, rangeInBuild: true }
          : { ...TRACK_WEIGHT, invalid: (o) => `(${o}) track script ${name}: weight must be between [-253..253] inclusive, ignoring...`, fallback: 'ignore', rangeInBuild: true };
        const o = readKeywordNumber(arg(e, i + 1, 'weight -253..253'), kw, owner, ctx.warnings);
        weight = o === 'keep' ? undefined : o.set;
        i++;
      }
      else if (w.text === 'reverse') reverse = true;
      else if (w.text === 'noreverse') reverse = false;
      else throw new InputError(`${what} ${name}: unknown option '${w.text}'; expected weight N [reverse${what === 'track_script' ? '|noreverse' : ''}]`, w.pos);
    }
    return { name, ...(weight !== undefined ? { weight } : {}), ...(reverse !== undefined ? { reverse } : {}) };
  });
}

export const trackScripts = (block: readonly Entry[], owner: string, ctx: Ctx): TrackScriptRef[] => trackRefs(block, 'track_script', owner, ctx);
export const trackInterfaces = (block: readonly Entry[], owner: string, ctx: Ctx): TrackInterfaceRef[] => trackRefs(block, 'track_interface', owner, ctx);

