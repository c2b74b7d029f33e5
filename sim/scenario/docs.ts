// The scenario reference, generated from the JSON Schema (itself generated from the loader's zod
// schema), so documentation cannot drift from what the loader accepts (see src/docs/readme.ts).
import { scenarioJsonSchema } from './json-schema.js';

type Json = { [k: string]: unknown };

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(s: Json): string {
  const alts = Array.isArray(s['anyOf']) ? (s['anyOf'] as Json[]) : [];
  if (alts.some((a) => typeof a['pattern'] === 'string' && a['pattern'].includes('us|'))) return 'duration';
  if (alts.some((a) => typeof a['pattern'] === 'string' && a['pattern'].includes('%'))) return 'ratio';
  if (alts.length > 0) return [...new Set((s['anyOf'] as Json[]).map(typeOf))].join(' \\| ');
  if (s['enum'] !== undefined) return (s['enum'] as unknown[]).map((e) => `\`${String(e)}\``).join(' \\| ');
  if (s['const'] !== undefined) return `\`${String(s['const'])}\``;
  const t = s['type'];
  if (t === 'array') return `list of ${isObj(s['items']) ? typeOf(s['items']) : 'values'}`;
  if (t === 'object' && isObj(s['properties'])) {
    const req = new Set(Array.isArray(s['required']) ? (s['required'] as string[]) : []);
    return `{ ${Object.keys(s['properties']).map((k) => (req.has(k) ? k : `${k}?`)).join(', ')} }`;
  }
  if (t === 'object') return 'map';
  if (t === 'null') return 'null';
  return typeof t === 'string' ? t : 'any';
}

function describe(s: Json): string {
  const d = typeof s['description'] === 'string' ? s['description'] : '';
  return d.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fmtDefault(v: unknown): string {
  if (v === undefined) return '';
  const t = JSON.stringify(v);
  return t.length > 40 ? '(see schema)' : `\`${t}\``;
}

function fieldsTable(title: string, s: Json): string[] {
  const props = isObj(s['properties']) ? s['properties'] : {};
  const req = new Set(Array.isArray(s['required']) ? (s['required'] as string[]) : []);
  const rows = Object.entries(props)
    .filter(([k]) => k !== '$schema')
    .map(([k, v]) => {
      const f = v as Json;
      return `| \`${k}\`${req.has(k) ? ' (required)' : ''} | ${typeOf(f)} | ${fmtDefault(f['default'])} | ${describe(f)} |`;
    });
  return [`#### ${title}`, '', '| key | type | default | meaning |', '|---|---|---|---|', ...rows, ''];
}

function entryTable(title: string, s: Json, lead: string): string[] {
  const items = isObj(s['items']) && Array.isArray(s['items']['anyOf']) ? (s['items']['anyOf'] as Json[]) : [];
  const rows = items.map((it) => {
    const props = (it['properties'] ?? {}) as Json;
    const [k, v] = Object.entries(props).find(([name]) => name !== 'at') ?? ['?', {}];
    const arg = v as Json;
    return `| \`${k}\` | ${typeOf(arg)} | ${describe(arg)} |`;
  });
  return [`#### ${title}`, '', lead, '', '| entry | argument | meaning |', '|---|---|---|', ...rows, ''];
}

const at = (s: Json, ...path: string[]): Json => {
  let cur: unknown = s;
  for (const p of path) cur = isObj(cur) ? cur[p] : undefined;
  if (!isObj(cur)) throw new Error(`schema has no ${path.join('.')}`);
  return cur;
};

function alt(s: Json, pick: (alts: Json[]) => Json | undefined): Json {
  const found = pick(Array.isArray(s['anyOf']) ? (s['anyOf'] as Json[]) : []);
  if (!isObj(found)) throw new Error('schema union has no members');
  return found;
}
const firstAlt = (s: Json): Json => alt(s, (a) => a[0]);
const lastAlt = (s: Json): Json => alt(s, (a) => a[a.length - 1]);

export function scenarioReference(): string {
  const s = scenarioJsonSchema() as Json;
  const lines = [
    'Every scenario file starts with `# yaml-language-server: $schema=../schema/scenario.schema.json`',
    'so editors complete and check it. Durations are `10s`, `1.5s`, `250ms`, `100us`, `2m`, `1h` or a',
    'number of seconds; ratios are `0.05` or `"5%"`. Errors name `file:line:col` and exit 2.',
    '',
    ...fieldsTable('Top level', s),
    ...fieldsTable('`segments[]`', at(s, 'properties', 'segments', 'items')),
    ...fieldsTable('`nodes[]`', at(s, 'properties', 'nodes', 'items')),
    ...fieldsTable('`nodes[].services[]`', at(s, 'properties', 'nodes', 'items', 'properties', 'services', 'items')),
    ...fieldsTable('`probes[]`', at(s, 'properties', 'probes', 'items')),
    ...fieldsTable('`arp`', at(s, 'properties', 'arp')),
    ...entryTable('`timeline[]`', at(s, 'properties', 'timeline'), 'Each entry is `{ at: <time>, <fault>: <argument> }`, applied in time order (file order for equal times).'),
    ...entryTable('`expect[]`', at(s, 'properties', 'expect'), '`master` and `holder` need `at:`; the others judge the whole run.'),
    ...entryTable('`failures[]`', at(s, 'properties', 'failures'), 'For `vrrplab availability`: `{ <fault>: <target>, mtbf, mttr }` (a failure process; several nodes fail independently) or `{ rolling, nodes, every }` (maintenance). Times take `d`, `w`, `y` too; an `mtbf`/`mttr` is a duration (exponential with that mean) or `{ fixed }`, `{ exponential }`, `{ lognormal: { median, sigma } }`, `{ weibull: { scale, shape } }`.'),
    ...fieldsTable('`failures[]` process fields', firstAlt(at(s, 'properties', 'failures', 'items'))),
    ...fieldsTable('`failures[]` maintenance fields', lastAlt(at(s, 'properties', 'failures', 'items'))),
  ];
  return lines.join('\n');
}
