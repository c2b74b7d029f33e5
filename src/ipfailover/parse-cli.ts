// `oc adm ipfailover NAME --flag=... ` / `oadm ipfailover ...` back into a spec, with pflag's
// rules: `--f=v`, `--f v`, `-r 2`, `-r=2`, `-r2`; booleans take no separate value; a repeated
// flag's last value wins. Only syntax and types are checked here — what oc would reject or the
// image would corrupt is lint's business, so that lint can say why.
import { InputError, type SourcePos } from '../cli/errors.js';
import { findFlag, findShort, type FlagDef } from './flags.js';
import { shellWords, type ShellWord } from './shell-words.js';
import { ipfailoverSpecSchema, type IpfailoverSpec, type ParsedIpfailover, type SpecPositions } from './spec.js';

const PREFIXES: readonly (readonly string[])[] = [
  ['oc', 'adm', 'ipfailover'],
  ['oadm', 'ipfailover'],
  ['openshift', 'admin', 'ipfailover'],
  ['openshift', 'ex', 'ipfailover'],
];

function pos(file: string, w: ShellWord): SourcePos {
  return { file, line: w.line, col: w.col };
}

function setValue(
  fields: Record<string, unknown>, def: FlagDef, value: string, at: SourcePos, positions: SpecPositions,
): void {
  let v: unknown = value;
  if (def.kind === 'int') {
    if (!/^[+-]?[0-9]+$/.test(value)) throw new InputError(`--${def.flag}=${value}: expected a whole number`, at);
    v = Number(value);
  } else if (def.kind === 'bool') {
    if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value)) {
      throw new InputError(`--${def.flag}=${value}: expected true or false`, at);
    }
    v = ['true', '1', 't', 'TRUE', 'True'].includes(value);
  } else if (def.field === 'type' && value !== 'keepalived') {
    throw new InputError(`--type=${value}: no plugins available to handle type "${value}"; expected keepalived`, at);
  }
  if (def.field !== undefined) {
    fields[def.field] = v;
    positions[def.field] = at;
  }
}

/** Parse the first `oc adm ipfailover` / `oadm ipfailover` command in `text`. */
export function parseIpfailoverCommand(text: string, file: string): ParsedIpfailover {
  let words = shellWords(text, file);
  if (words[0]?.text === '$' || words[0]?.text === '#') words = words.slice(1);
  if (words[0]?.text === 'sudo') words = words.slice(1);
  const prefix = PREFIXES.find((p) => p.every((w, i) => words[i]?.text === w));
  const first = words[0];
  if (prefix === undefined) {
    throw new InputError(
      `expected a command starting 'oc adm ipfailover' or 'oadm ipfailover', found '${words.slice(0, 3).map((w) => w.text).join(' ')}'`,
      first === undefined ? { file } : pos(file, first),
    );
  }
  const fields: Record<string, unknown> = { legacy: prefix[0] === 'oadm' };
  const positions: SpecPositions = {};
  if (first !== undefined) positions.legacy = pos(file, first);
  const args = words.slice(prefix.length);
  const names: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === undefined) break;
    const at = pos(file, w);
    if (w.text === '--') { names.push(...args.slice(i + 1)); break; }
    if (w.text.startsWith('--')) {
      const eq = w.text.indexOf('=');
      const name = eq < 0 ? w.text.slice(2) : w.text.slice(2, eq);
      const def = findFlag(name);
      if (def === undefined) throw new InputError(`unknown flag --${name} for oc adm ipfailover; expected one of its flags (e.g. --virtual-ips, --replicas, --selector)`, at);
      if (eq >= 0) setValue(fields, def, w.text.slice(eq + 1), at, positions);
      else if (def.kind === 'bool') setValue(fields, def, 'true', at, positions);
      else {
        const next = args[++i];
        if (next === undefined) throw new InputError(`flag --${name} needs a value`, at);
        setValue(fields, def, next.text, at, positions);
      }
    } else if (w.text.startsWith('-') && w.text.length > 1) {
      const def = findShort(w.text[1] ?? '');
      if (def === undefined) throw new InputError(`unknown shorthand flag ${w.text.slice(0, 2)} for oc adm ipfailover; expected -r, -w, -l, -i, -n or -o`, at);
      const rest = w.text.slice(2);
      if (rest !== '') setValue(fields, def, rest.startsWith('=') ? rest.slice(1) : rest, at, positions);
      else if (def.kind === 'bool') setValue(fields, def, 'true', at, positions);
      else {
        const next = args[++i];
        if (next === undefined) throw new InputError(`flag -${def.short ?? ''} needs a value`, at);
        setValue(fields, def, next.text, at, positions);
      }
    } else names.push(w);
  }
  if (names.length > 1) {
    const extra = names[1];
    throw new InputError('zero arguments or an argument containing a configuration name is required; expected at most one NAME', extra === undefined ? { file } : pos(file, extra));
  }
  // oadm (3.9 and before) left -i's default empty (S1-S4); 3.11's oc adm defaults it to eth0.
  if (fields['legacy'] === true && fields['interface'] === undefined) fields['interface'] = '';
  const nameWord = names[0];
  if (nameWord !== undefined) {
    fields['name'] = nameWord.text;
    positions.name = pos(file, nameWord);
  }
  return { spec: validated(fields, positions, file), positions, source: file, kind: 'cli' };
}

/** Apply the schema (defaults, types), reporting the first problem at the field's position. */
export function validated(fields: Record<string, unknown>, positions: SpecPositions, file: string): IpfailoverSpec {
  const r = ipfailoverSpecSchema.safeParse(fields);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = issue?.path[0];
  const at = typeof key === 'string' ? positions[key as keyof IpfailoverSpec] : undefined;
  throw new InputError(`${typeof key === 'string' ? `${key}: ` : ''}${issue?.message ?? 'invalid ipfailover setting'}`, at ?? { file });
}
