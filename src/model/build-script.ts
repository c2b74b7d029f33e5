// vrrp_script -> ScriptConfig with keepalived 2.2.7's parser checks (vrrp_parser.c) applied.
import type { ScriptConfig } from '../vrrp/types.js';
import type { Findings } from './build-context.js';
import type { VrrpScriptModel } from './types.js';
import { SCRIPT_NUMBERS, type NumberKeyword } from '../keepalived/number-keywords.js';
import { outsideRange } from '../keepalived/numbers.js';

const outside = (keyword: string, value: number): string => outsideRange(SCRIPT_NUMBERS.get(keyword) as NumberKeyword, value);

const SECOND = 1_000_000;

export function buildScript(s: VrrpScriptModel, f: Findings): ScriptConfig | undefined {
  const at = (field: string): string[] => [`script:${s.name}:${field}`, `script:${s.name}`];
  if (s.script === undefined) {
    f.error(`No script set for vrrp_script ${s.name} - removing`, `script:${s.name}`);
    return undefined;
  }
  let interval = s.interval ?? 1;
  if (interval < 0) {
    f.warn(`(${s.name}): vrrp script interval '${interval}' must be between 1 and 4294 - ignoring`, ...at('interval'));
    interval = 1;
  } else if (interval === 0) {
    f.warn(`(${s.name}): vrrp script interval must be greater than 0, setting to 1`, ...at('interval'));
    interval = 1;
  }
  let timeout = s.timeout;
  if (timeout !== undefined && timeout < 0) {
    f.warn(`(${s.name}): vrrp script timeout '${timeout}' invalid - ignoring`, ...at('timeout'));
    timeout = undefined;
  } else if (timeout === 0) {
    f.warn(`(${s.name}): vrrp script timeout must be greater than 0, setting to 1`, ...at('timeout'));
    timeout = 1;
  }
  const weight = s.weight ?? 0;
  if (weight < -253 || weight > 253) {
    // keepalived 2.2.7 reports this but keeps the value.
    f.warn(outside('weight', weight), ...at('weight'));
    f.warn(`vrrp_script ${s.name} weight ${weight} must be in [-253, 253]`, ...at('weight'));
  }
  const count = (v: number | undefined, what: 'rise' | 'fall'): number => {
    if (v === undefined) return 1;
    if (v < 1) {
      f.warn(outside(what, v), ...at(what));
      f.warn(`(${s.name}): vrrp script ${what} value '${v}' invalid, defaulting to 1`, ...at(what));
      return 1;
    }
    return v;
  };
  return {
    name: s.name,
    script: s.script,
    interval: interval * SECOND,
    timeout: (timeout ?? interval) * SECOND,
    rise: count(s.rise, 'rise'),
    fall: count(s.fall, 'fall'),
    weight,
    reverse: s.reverse ?? false,
    initFail: s.initFail ?? false,
  };
}
