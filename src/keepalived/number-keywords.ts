// The numeric keywords vrrplab reads, each as keepalived 2.2.7's handler reads it: which reader
// with which bounds (lib/parser.c, see numbers.ts), and what the handler says and does when the
// reader fails: keep what was set before ('ignore'), store a default, or store C's value anyway
// ('raw'). A well-formed number outside the bounds reaches the model when buildRouterConfig
// reports the range itself (`rangeInBuild`), since a scenario can give the model without text.
import type { SourcePos } from '../cli/errors.js';
import type { Warning } from '../model/types.js';
import { readNumber, type NumberRule } from './numbers.js';

export interface NumberKeyword extends NumberRule {
  /** The handler's report_config_error() words, from the owner's name and the word as written. */
  readonly invalid?: (owner: string, word: string) => string;
  readonly fallback: 'ignore' | 'raw' | number;
  readonly rangeInBuild: boolean;
  /** Decimal readers give microseconds; the model keeps seconds. */
  readonly seconds?: boolean;
}

const UINT_MAX = 0xffffffff;
const INT_MAX = 0x7fffffff;
/** UINT_MAX / TIMER_HZ (whole seconds a timer can hold). */
const TIMER_SECS = Math.floor(UINT_MAX / 1_000_000);
const u = (min: number, max: number, ignoreError: boolean): NumberRule => ({ reader: 'unsigned', min, max, ignoreError });

/** vrrp_instance keywords (keepalived/vrrp/vrrp_parser.c at v2.2.7, handler and line). */
export const INSTANCE_NUMBERS: ReadonlyMap<string, NumberKeyword> = new Map<string, NumberKeyword>([
  // vrrp_vrid_handler() 978-990
  ['virtual_router_id', { ...u(1, 255, false), invalid: (o, w) => `(${o}): VRID '${w}' not valid - must be between 1 & 255`, fallback: 'ignore', rangeInBuild: true }],
  // vrrp_prio_handler() 1004-1015: VRRP_PRIO_DFL
  ['priority', { ...u(1, 255, false), invalid: (o) => `(${o}) Priority not valid! must be between 1 & 255. Using default 100`, fallback: 100, rangeInBuild: true }],
  // vrrp_adv_handler() 1017-1030: TIMER_HZ / 100 .. 255 * TIMER_HZ
  ['advert_int', { reader: 'decimal', min: 10_000, max: 255_000_000, ignoreError: true, seconds: true, invalid: (o, w) => `(${o}) Advert interval (${w}) not valid! Must be > 0 - ignoring`, fallback: 'ignore', rangeInBuild: true }],
  // vrrp_version_handler() 1843-1851
  ['version', { reader: 'int', min: 2, max: 3, ignoreError: true, invalid: (o) => `(${o}): Version must be either 2 or 3`, fallback: 'ignore', rangeInBuild: false }],
  // vrrp_preempt_delay_handler() 1089-1101: 0 .. TIMER_MAX_SEC (1000) seconds
  ['preempt_delay', { reader: 'decimal', min: 0, max: 1_000_000_000, ignoreError: true, seconds: true, invalid: (o) => `(${o}) Preempt_delay not valid! must be between 0-1000`, fallback: 0, rangeInBuild: true }],
  // vrrp_ttl_handler() 991-1002
  ['unicast_ttl', { ...u(0, 255, false), invalid: (o, w) => `(${o}): TTL '${w}' not valid - must be between 0 & 255`, fallback: 'ignore', rangeInBuild: true }],
  // vrrp_garp_delay_handler() 1234-1245
  ['garp_master_delay', { ...u(0, TIMER_SECS, true), invalid: (o, w) => `(${o}): garp_master_delay '${w}' invalid - ignoring`, fallback: 'ignore', rangeInBuild: false }],
  // vrrp_garp_rep_handler() 1260-1278
  ['garp_master_repeat', { ...u(0, UINT_MAX, true), invalid: (o, w) => `(${o}): garp_master_repeat '${w}' invalid - ignoring`, fallback: 'ignore', rangeInBuild: false }],
  // vrrp_garp_refresh_handler() 1246-1258
  ['garp_master_refresh', { ...u(0, UINT_MAX, true), invalid: (o, w) => `(${o}): Invalid garp_master_refresh '${w}' - ignoring`, fallback: 0, rangeInBuild: false }],
  // vrrp_garp_refresh_rep_handler() 1280-1298
  ['garp_master_refresh_repeat', { ...u(0, UINT_MAX, true), invalid: (o, w) => `(${o}): garp_master_refresh_repeat '${w}' invalid - ignoring`, fallback: 'ignore', rangeInBuild: false }],
  // vrrp_garp_lower_prio_delay_handler() 1301-1312
  ['garp_lower_prio_delay', { ...u(0, TIMER_SECS, true), invalid: (o, w) => `(${o}): garp_lower_prio_delay '${w}' invalid - ignoring`, fallback: 'ignore', rangeInBuild: false }],
  // vrrp_garp_lower_prio_rep_handler() 1314-1325
  ['garp_lower_prio_repeat', { ...u(0, INT_MAX, true), invalid: (o, w) => `(${o}): Invalid garp_lower_prio_repeat '${w}'`, fallback: 'ignore', rangeInBuild: false }],
  // vrrp_down_timer_adverts_handler() 1327-1338
  ['down_timer_adverts', { ...u(1, 100, true), invalid: (o, w) => `(${o}): Invalid down_timer_adverts [1:100] '${w}'`, fallback: 'ignore', rangeInBuild: true }],
]);

/** vrrp_script keywords (vrrp_parser.c at v2.2.7). */
export const SCRIPT_NUMBERS: ReadonlyMap<string, NumberKeyword> = new Map<string, NumberKeyword>([
  // vrrp_vscript_interval_handler() 1506-1524
  ['interval', { ...u(0, TIMER_SECS, true), invalid: (o, w) => `(${o}): vrrp script interval '${w}' must be between 1 and ${TIMER_SECS} - ignoring`, fallback: 'ignore', rangeInBuild: true }],
  // vrrp_vscript_timeout_handler() 1526-1544
  ['timeout', { ...u(0, TIMER_SECS, true), invalid: (o, w) => `(${o}): vrrp script timeout '${w}' invalid - ignoring`, fallback: 'ignore', rangeInBuild: true }],
  // vrrp_vscript_weight_handler() 1546-1561: the value read is stored even after the error.
  ['weight', { reader: 'int', min: -253, max: 253, ignoreError: true, invalid: (o, w) => `vrrp_script ${o} weight ${w} must be in [-253, 253]`, fallback: 'raw', rangeInBuild: true }],
  // vrrp_vscript_rise_handler() / _fall_handler() 1563-1589
  ['rise', { ...u(1, INT_MAX, true), invalid: (o, w) => `(${o}): vrrp script rise value '${w}' invalid, defaulting to 1`, fallback: 1, rangeInBuild: true }],
  ['fall', { ...u(1, INT_MAX, true), invalid: (o, w) => `(${o}): vrrp script fall value '${w}' invalid, defaulting to 1`, fallback: 1, rangeInBuild: true }],
]);

/** global_defs keywords (keepalived/core/global_parser.c at v2.2.7). */
export const GLOBAL_NUMBERS: ReadonlyMap<string, NumberKeyword> = new Map<string, NumberKeyword>([
  // vrrp_garp_delay_handler() 839-849 ... vrrp_down_timer_adverts_handler() 929-940
  ['vrrp_garp_master_delay', { ...u(0, TIMER_SECS, true), invalid: (_, w) => `vrrp_garp_master_delay '${w}' invalid - ignoring`, fallback: 'ignore', rangeInBuild: false }],
  ['vrrp_garp_master_repeat', { ...u(0, UINT_MAX, true), invalid: (_, w) => `vrrp_garp_master_repeat '${w}' invalid - ignoring`, fallback: 'ignore', rangeInBuild: false }],
  ['vrrp_garp_master_refresh', { ...u(0, UINT_MAX, true), invalid: (_, w) => `Invalid vrrp_garp_master_refresh '${w}' - ignoring`, fallback: 0, rangeInBuild: false }],
  ['vrrp_garp_master_refresh_repeat', { ...u(0, UINT_MAX, true), invalid: (_, w) => `vrrp_garp_master_refresh_repeat '${w}' invalid - ignoring`, fallback: 'ignore', rangeInBuild: false }],
  ['vrrp_garp_lower_prio_delay', { ...u(0, TIMER_SECS, true), invalid: (_, w) => `vrrp_garp_lower_prio_delay '${w}' invalid - ignoring`, fallback: 'ignore', rangeInBuild: false }],
  ['vrrp_garp_lower_prio_repeat', { ...u(0, INT_MAX, true), invalid: (_, w) => `Invalid vrrp_garp_lower_prio_repeat '${w}'`, fallback: 'ignore', rangeInBuild: false }],
  ['vrrp_down_timer_adverts', { ...u(1, 100, true), invalid: (_, w) => `Invalid vrrp_down_timer_adverts [1:100] '${w}'`, fallback: 'ignore', rangeInBuild: true }],
  // vrrp_version_handler() 1279-1290
  ['vrrp_version', { reader: 'int', min: 2, max: 3, ignoreError: true, invalid: () => 'VRRP Error: Version must be either 2 or 3', fallback: 'ignore', rangeInBuild: false }],
  // vrrp_startup_delay_handler() 2071-2082: TIMER_HZ / 1000 .. UINT_MAX microseconds
  ['vrrp_startup_delay', { reader: 'decimal', min: 1000, max: UINT_MAX, ignoreError: true, seconds: true, invalid: (_, w) => `vrrp_startup_delay '${w}' is invalid`, fallback: 'ignore', rangeInBuild: false }],
]);

/**
 * Track weights: alloc_track_if() (vrrp_track.c:125-130, weight 0 on failure) and
 * alloc_track_script() (vrrp_track.c:246-251, the script's own weight on failure, which the
 * model says by leaving the weight out). Both read_int_strvec(.., -254, 254, true).
 */
export const TRACK_WEIGHT: NumberRule = { reader: 'int', min: -254, max: 254, ignoreError: true };

/** unicast_peer min_ttl/max_ttl: read_unsigned(.., 0, 255, false) (vrrp_data.c:1005); a failure skips the option. */
export const PEER_TTL: NumberRule = u(0, 255, false);

export type NumberOutcome = { readonly set: number } | 'keep';

/**
 * One numeric keyword's word, read as keepalived's handler reads it: the value to store, or
 * 'keep' when the handler leaves the setting as it was. Reports the reader's and the handler's
 * words at the word's position.
 */
export function readKeywordNumber(word: { text: string; pos: SourcePos }, kw: NumberKeyword, owner: string, warnings: Warning[]): NumberOutcome {
  const r = readNumber(word.text, kw);
  const scale = (v: number): number => (kw.seconds === true ? v / 1_000_000 : v);
  const report = (message: string): void => { warnings.push({ severity: 'error', message, pos: word.pos }); };
  if (r.accepted) {
    r.words.forEach(report);
    // Only read_int_func()/read_unsigned_func() test CONFIG_TEST_BIT: the decimal reader's
    // leniency is the same under `keepalived -t`.
    if (r.words.length > 0 && kw.reader !== 'decimal') {
      warnings.push({
        severity: 'warning',
        message: `vrrplab: keepalived -t refuses '${word.text}'${kw.invalid !== undefined ? ` (${kw.invalid(owner, word.text)})` : ''}, but the running daemon reads it as ${r.value} and goes on`,
        pos: word.pos,
      });
    }
    return { set: scale(r.value) };
  }
  if (r.rangeOnly && kw.rangeInBuild) return { set: scale(r.value) };
  r.words.forEach(report);
  if (kw.invalid !== undefined) report(kw.invalid(owner, word.text));
  if (kw.fallback === 'ignore') return 'keep';
  return { set: kw.fallback === 'raw' ? r.value : kw.fallback };
}
