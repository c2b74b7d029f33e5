// Validation of a parsed scenario against its schema, with the validator's findings put in the
// file's terms: one InputError at the value (or key) that is wrong, saying what is expected.
import type { z } from 'zod';
import { InputError } from '../../src/cli/errors.js';
import { parseDuration } from './duration.js';
import { EXPECT_ARGS, FAULT_ARGS, ScenarioSchema, type ScenarioFile } from './schema.js';
import { posOf, type YamlPath, type YamlSource } from './positions.js';

/**
 * How every scenario is checked. jitless: zod 4 otherwise compiles a parser per object schema
 * with `new Function` on its first use, which no code cache can hold: a file is validated once
 * per process, and that compilation was 3/4 of a cold `vrrplab run`'s validation (~10 of
 * ~13 ms CPU). The result is the same, the interpreted path is zod's own.
 * Without reportInput zod 4 leaves issue.input unset, and a present value of the wrong type
 * (name: 5) would be reported as missing, at its parent.
 */
export const PARSE_OPTIONS = { reportInput: true, jitless: true } as const;

export function validate(src: YamlSource, raw: object): ScenarioFile {
  const r = ScenarioSchema.safeParse(raw, PARSE_OPTIONS);
  if (r.success) return r.data;
  const issue = r.error.issues[0] as z.core.$ZodIssue;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // A timeline/expect entry is a union over its one key: re-check it against that key's schema
  // so the message is about the fault the user meant, not "no union member matched".
  const [list, idx] = path;
  if ((list === 'timeline' || list === 'expect') && typeof idx === 'number') entryError(src, list, idx, (raw as Record<string, unknown[]>)[list]?.[idx]);
  // An unknown key is reported where the key itself stands.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) throw new InputError(issueMessage(issue), posOf(src, [...path, issue.keys[0]], true));
  throw new InputError(issueMessage(issue), posOf(src, path, isKeyIssue(issue)));
}

function isKeyIssue(issue: z.core.$ZodIssue): boolean {
  return (issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') return `${where}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${where}missing, expected ${issue.expected}`;
  if (issue.code === 'invalid_union' && issue.input === undefined) {
    const kinds = issue.errors.map((branch) => branch[0]).flatMap((i) => (i?.code === 'invalid_type' ? [i.expected] : []));
    return `${where}missing${kinds.length > 0 ? `, expected ${[...new Set(kinds)].join(' or ')}` : ''}`;
  }
  if (issue.code === 'invalid_type') return `${where}expected ${TYPE_WORDS.get(issue.expected) ?? issue.expected}, got ${valueWords(issue.input)}`;
  return `${where}${issue.message}`;
}

// The validator's words ("Invalid input: expected array, received null") in the file's terms.
const TYPE_WORDS: ReadonlyMap<string, string> = new Map([['array', 'a list'], ['object', 'a mapping'], ['string', 'a string'], ['number', 'a number'], ['boolean', 'true or false'], ['int', 'an integer']]);

function valueWords(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function entryError(src: YamlSource, list: 'timeline' | 'expect', idx: number, entry: unknown): never {
  const base: YamlPath = [list, idx];
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new InputError(`${list}[${idx}]: expected a mapping like { at: 10s, ${list === 'timeline' ? 'crash: node-1' : 'master: { instance: VI_1, node: node-1 }'} }`, posOf(src, base));
  const table: Record<string, z.ZodType> = list === 'timeline' ? FAULT_ARGS : EXPECT_ARGS;
  const keys = Object.keys(entry).filter((k) => k !== 'at');
  const known = keys.filter((k) => Object.hasOwn(table, k));
  const names = Object.keys(table).join(', ');
  if (known.length === 0) {
    const bad = keys[0];
    if (bad === undefined) throw new InputError(`${list}[${idx}]: expected one of ${names}`, posOf(src, base));
    throw new InputError(`${list}[${idx}]: unknown ${list === 'timeline' ? 'fault' : 'expectation'} '${bad}', expected one of ${names}`, posOf(src, [...base, bad], true));
  }
  if (keys.length > 1) throw new InputError(`${list}[${idx}]: one ${list === 'timeline' ? 'fault' : 'expectation'} per entry, found ${keys.join(' and ')}`, posOf(src, [...base, keys[1] as string], true));
  const k = known[0] as string;
  const schema = table[k] as z.ZodType;
  const at = (entry as Record<string, unknown>)['at'];
  if (list === 'timeline' && at === undefined) throw new InputError(`${list}[${idx}]: missing 'at', expected a time like 10s`, posOf(src, base));
  // `at: []` or `at: null` would reach parseDuration as a non-string and crash it.
  if (at !== undefined && typeof at !== 'string' && typeof at !== 'number') throw new InputError(`${list}[${idx}].at: expected a time like 10s, got ${at === null ? 'nothing' : Array.isArray(at) ? 'a list' : typeof at === 'object' ? 'a mapping' : typeof at}`, posOf(src, [...base, 'at']));
  if (at !== undefined && typeof parseDuration(at) === 'string') throw new InputError(`${list}[${idx}].at: ${parseDuration(at) as string}`, posOf(src, [...base, 'at']));
  const r = schema.safeParse((entry as Record<string, unknown>)[k], PARSE_OPTIONS);
  if (!r.success) {
    const issue = r.error.issues[0] as z.core.$ZodIssue;
    const sub = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const deeper = issue.code === 'invalid_union' ? unionHint(k) : issueMessage({ ...issue, path: [] });
    throw new InputError(`${list}[${idx}].${k}${sub.length ? '.' + sub.join('.') : ''}: ${deeper}`, posOf(src, [...base, k, ...sub]));
  }
  throw new InputError(`${list}[${idx}]: invalid entry`, posOf(src, base));
}

const FAULT_HINTS: Partial<Record<string, string>> = {
  'link-down': 'expected a node name or { node, interface }',
  'link-up': 'expected a node name or { node, interface }',
  'service-down': 'expected a node name or { node, service | port }',
  'service-up': 'expected a node name or { node, service | port }',
  partition: 'expected [[a], [b, c]], { groups: [[a], [b]] } or { from: [a], to: [b] } (one-way)',
  heal: 'expected nothing, a segment name or { segment }',
  'block-multicast': 'expected nothing, a segment name or { segment }',
  'unblock-multicast': 'expected nothing, a segment name or { segment }',
  loss: 'expected a ratio (0.05 or "5%") or { rate, segment }',
  latency: 'expected a duration or { latency, jitter, segment }',
};

function unionHint(k: string): string {
  return FAULT_HINTS[k] ?? 'invalid value';
}
