// Scenario file -> SimSpec + expectations. Every error is an InputError naming file:line:col and
// what is expected; the loader never half-builds a world.
import { readInputText } from '../../src/cli/read-input.js';
import { dirname, isAbsolute, join } from 'node:path';
import { LineCounter, parseDocument, isScalar, Scalar } from 'yaml';
import { yamlToJs } from './yaml-js.js';
import type { z } from 'zod';
import { InputError, type SourcePos } from '../../src/cli/errors.js';
import type { Ipv4, Micros, RouterConfig } from '../../src/vrrp/types.js';
import type { KeepalivedConfig, NodeModel, Warning } from '../../src/model/types.js';
import type { SourceMap } from '../../src/model/build-context.js';
import { parseKeepalivedConf } from '../../src/keepalived/parse.js';
import { buildRouterConfig } from '../../src/model/build.js';
import { NON_EXISTENT_INTERFACE } from '../../src/model/build-interfaces.js';
import type { Fault, InterfaceSpec, NodeSpec, ProbeSpec, ScriptBinding, SegmentSpec, ServiceSpec, SimSpec, TimelineEvent } from '../spec.js';
import { parseDuration, formatDuration } from './duration.js';
import { EXPECT_ARGS, FAULT_ARGS, ScenarioSchema, type ExpectName, type FaultName, type ScenarioFile } from './schema.js';
import { posOf, type YamlPath, type YamlSource } from './positions.js';
import { parseTcpBinding, recogniseScript } from './bind-scripts.js';
import type { Expectation } from './expectations.js';
import { expandIpfailover } from './ipfailover.js';
import type { HostInterface } from '../../src/ipfailover/host-device.js';
import type { ParsedIpfailover } from '../../src/ipfailover/spec.js';

export interface LoadedScenario {
  readonly file: string;
  readonly name: string;
  readonly description: string | null;
  readonly spec: SimSpec;
  readonly expectations: readonly Expectation[];
  readonly warnings: readonly Warning[];
  /** The deployment as the keepalived adapter models it (for render/lint/conformance). */
  readonly nodes: readonly NodeModel[];
  /** The ipfailover blocks, and the nodes whose keepalived they generated. */
  readonly ipfailover: readonly ParsedIpfailover[];
  readonly ipfailoverNodes: readonly string[];
  /** node name -> its devices as the ipfailover image probes them. */
  readonly ipfailoverHosts: ReadonlyMap<string, readonly HostInterface[]>;
  /** node name -> where its keepalived keywords stand, for findings. */
  readonly positions: ReadonlyMap<string, SourceMap>;
  /** node name -> its keepalived.conf as written (file, inline text or generated), for
   *  conformance runs on the user's own files. */
  readonly sources: ReadonlyMap<string, KeepalivedSource>;
}

export interface KeepalivedSource {
  readonly text: string;
  /** The file it was read from; null for inline or generated text. */
  readonly file: string | null;
}

export interface LoadOptions {
  readonly readFile?: (path: string) => string;
  readonly seed?: number;
  readonly until?: Micros;
}

const defaultRead = (p: string): string => readInputText(p);

export function loadScenario(path: string, opts: LoadOptions = {}): LoadedScenario {
  const read = opts.readFile ?? defaultRead;
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    throw new InputError(`cannot read scenario: ${(e as NodeJS.ErrnoException).code ?? String(e)}; expected a readable YAML file`, { file: path });
  }
  return loadScenarioText(text, path, opts);
}

export function loadScenarioText(text: string, file: string, opts: LoadOptions = {}): LoadedScenario {
  const read = opts.readFile ?? defaultRead;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const src: YamlSource = { file, doc, lc, text };
  const yamlErr = doc.errors[0];
  if (yamlErr !== undefined) {
    // Without prettyErrors the yaml library leaves linePos unset: place the error from its offset.
    const lp = yamlErr.linePos?.[0] ?? lc.linePos(yamlErr.pos[0]);
    throw new InputError(`invalid YAML: ${yamlErr.message.split('\n')[0]}`, { file, line: lp.line, col: lp.col });
  }
  const raw: unknown = yamlToJs(doc, lc, file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError('expected a mapping with name, duration, nodes, ...', { file, line: 1, col: 1 });
  const sc = validate(src, raw);
  return resolveScenario(src, sc, read, opts);
}

// ---------------------------------------------------------------- validation

function validate(src: YamlSource, raw: object): ScenarioFile {
  // Without reportInput zod 4 leaves issue.input unset, and a present value of the wrong type
  // (name: 5) would be reported as missing, at its parent.
  const r = ScenarioSchema.safeParse(raw, { reportInput: true });
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
  const r = schema.safeParse((entry as Record<string, unknown>)[k], { reportInput: true });
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

// ---------------------------------------------------------------- resolution

function dur(v: string | number): Micros {
  const d = parseDuration(v);
  if (typeof d === 'string') throw new Error(`validated duration did not parse: ${d}`);
  return d;
}

/** The schema's pattern cannot bound a percentage, so "150%" gets here: a share above 1 can never hold. */
function ratio(v: string | number, fail: (msg: string) => InputError): number {
  const r = typeof v === 'number' ? v : Number(v.slice(0, -1)) / 100;
  if (r > 1) throw fail(`'${v}' is more than 100%; expected a ratio 0..1 or a percentage 0%..100%`);
  return r;
}

function resolveScenario(src: YamlSource, sc: ScenarioFile, read: (p: string) => string, opts: LoadOptions): LoadedScenario {
  const warnings: Warning[] = [];
  const err = (msg: string, path: YamlPath, key = false): InputError => new InputError(msg, posOf(src, path, key));

  const segNames = new Set<string>();
  const segments: SegmentSpec[] = sc.segments.map((s, i) => {
    if (segNames.has(s.name)) throw err(`segment '${s.name}' is defined twice`, ['segments', i, 'name']);
    segNames.add(s.name);
    return { name: s.name, latency: dur(s.latency), jitter: dur(s.jitter), loss: ratio(s.loss, (m) => err(m, ['segments', i, 'loss'])), multicastBlocked: s.multicast === 'blocked' };
  });
  const firstSeg = segments[0]?.name ?? 'lan';
  const segRef = (name: string | undefined, path: YamlPath): string => {
    const n = name ?? firstSeg;
    if (!segNames.has(n)) throw err(`unknown segment '${n}', expected one of ${[...segNames].join(', ')}`, path);
    return n;
  };

  const dir = dirname(src.file);
  const ipf = sc.ipfailover === undefined ? null : expandIpfailover(src, sc, warnings);
  const nodeNames = new Set<string>();
  const nodes: NodeSpec[] = [];
  const models: NodeModel[] = [];
  const usedAddrs = new Set<string>();
  const positions = new Map<string, SourceMap>();
  /** Nodes whose keepalived VRRP process exits at start: simulated as running no VRRP. */
  const vrrpExited = new Set<string>();
  const sources = new Map<string, KeepalivedSource>();
  sc.nodes.forEach((n, i) => {
    const p: YamlPath = ['nodes', i];
    if (nodeNames.has(n.name)) throw err(`node '${n.name}' is defined twice`, [...p, 'name']);
    nodeNames.add(n.name);
    let ifaces: InterfaceSpec[];
    if (n.interfaces !== undefined) {
      if (n.address !== undefined) throw err(`node '${n.name}': give either address or interfaces, not both`, [...p, 'interfaces'], true);
      ifaces = n.interfaces.map((f, j) => ({
        name: f.name, segment: segRef(f.segment, [...p, 'interfaces', j, 'segment']), prefix: f.prefix,
        ...(f.address !== undefined ? { address: f.address } : {}), ...(f.up ? {} : { up: false }),
      }));
      n.interfaces.forEach((f, j) => {
        if (n.interfaces?.findIndex((g) => g.name === f.name) !== j) throw err(`node '${n.name}': interface '${f.name}' is listed twice`, [...p, 'interfaces', j, 'name']);
      });
      if (!ifaces.some((f) => f.address !== undefined)) throw err(`node '${n.name}': no interface has an address, expected at least one interfaces[].address`, [...p, 'interfaces']);
    } else if (n.address !== undefined) {
      ifaces = [{ name: n.interface, segment: segRef(n.segment, [...p, 'segment']), address: n.address, prefix: n.prefix }];
    } else {
      throw err(`node '${n.name}': missing address, expected address: A.B.C.D or interfaces: [...]`, p);
    }
    for (const f of ifaces) {
      if (f.address === undefined) continue;
      if (usedAddrs.has(f.address)) throw err(`address ${f.address} is used twice`, p);
      usedAddrs.add(f.address);
    }
    const services: ServiceSpec[] = n.services.map((s) => ({
      name: s.name,
      port: s.port,
      processNames: s.process === undefined ? [s.name] : typeof s.process === 'string' ? [s.process] : s.process,
      upAtStart: s.up,
    }));
    const conf = nodeKeepalived(src, i, n.keepalived, ipf?.configs.get(n.name) ?? null, dir, read, warnings);
    const model: NodeModel = {
      name: n.name,
      interfaces: ifaces.map((f) => ({ name: f.name, prefix: f.prefix, ...(f.address !== undefined ? { address: f.address } : {}) })),
      keepalived: conf?.config ?? emptyConf(),
      shell: n.shell,
    };
    const ownAddress = ifaces.find((f) => f.address !== undefined)?.address ?? '0.0.0.0';
    let router: RouterConfig | null = null;
    let scripts: ReadonlyMap<string, ScriptBinding> = new Map();
    if (conf !== null) {
      positions.set(n.name, conf.positions);
      sources.set(n.name, conf.source);
      const built = buildRouterConfig(model, conf.positions);
      for (const w of built.warnings) warnings.push(w.pos === undefined ? { ...w, message: `${n.name}: ${w.message}`, pos: posOf(src, [...p, 'keepalived']) } : w);
      if (built.vrrpExits) {
        vrrpExited.add(n.name);
      } else {
        const bound = bindScripts(src, p, n, built.config, ownAddress, services, warnings);
        router = bound.router;
        scripts = bound.scripts;
      }
    }
    models.push(model);
    nodes.push({ name: n.name, labels: new Map(Object.entries(n.labels)), interfaces: ifaces, router, scripts, services, scriptRuntime: dur(n.scriptRuntime) });
  });

  const probeNames = new Set<string>();
  const probes: ProbeSpec[] = sc.probes.map((pr, i) => {
    const p: YamlPath = ['probes', i];
    if (probeNames.has(pr.name) || nodeNames.has(pr.name)) throw err(`probe name '${pr.name}' is already used by a ${probeNames.has(pr.name) ? 'probe' : 'node'}`, [...p, 'name']);
    probeNames.add(pr.name);
    const segment = segRef(pr.segment, [...p, 'segment']);
    const address = pr.address ?? pickClientAddress(nodes, segment, usedAddrs);
    if (address === null) throw err(`probe '${pr.name}': no free client address in segment '${segment}', expected address: A.B.C.D`, p);
    usedAddrs.add(address);
    return { name: pr.name, segment, address, target: pr.target, port: pr.port, interval: dur(pr.every), timeout: dur(pr.timeout) };
  });

  const duration = opts.until ?? dur(sc.duration);
  const timeline: TimelineEvent[] = sc.timeline
    .map((e, i) => ({ at: dur((e as { at: string | number }).at), fault: toFault(e as Record<string, unknown>, ['timeline', i], nodes, probeNames, segRef, err, vrrpExited), i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ at, fault }) => ({ at, fault }));
  const endName = opts.until !== undefined ? `--until ${formatDuration(duration)}` : `duration ${formatDuration(duration)}`;
  checkTimeline(src, sc, duration, endName, nodes, warnings);
  sc.probes.forEach((pr, i) => {
    if (!nodes.some((n) => n.router?.instances.some((x) => x.vips.includes(pr.target) || x.excludedVips.includes(pr.target)))) {
      warnings.push({ severity: 'warning', message: `probe '${pr.name}' targets ${pr.target}, which no vrrp_instance has as a virtual address; expected one of the VIPs`, pos: posOf(src, ['probes', i, 'target']) });
    }
  });

  const expectations = sc.expect.map((e, i) => toExpectation(e as Record<string, unknown>, ['expect', i], src, nodes, models, probeNames, err, { at: duration, name: endName }));

  const spec: SimSpec = {
    seed: opts.seed ?? sc.seed,
    until: duration,
    segments,
    nodes,
    probes,
    arp: { reachableTime: dur(sc.arp.reachableTime), delayFirstProbe: dur(sc.arp.delayFirstProbe) },
    timeline,
    traceAdverts: false,
  };
  return {
    file: src.file,
    name: sc.name,
    description: sc.description ?? null,
    spec,
    expectations,
    warnings,
    nodes: models,
    ipfailover: ipf?.parsed ?? [],
    ipfailoverNodes: ipf === null ? [] : [...ipf.configs.keys()],
    ipfailoverHosts: ipf?.hosts ?? new Map(),
    positions,
    sources,
  };
}

/**
 * A timeline is a story: an event after the end never happens (an error, like any statement
 * about a time the run does not reach), and one out of order or a `start` of a node that is
 * running is almost always a typo, so it is said where it stands.
 */
function checkTimeline(src: YamlSource, sc: ScenarioFile, end: Micros, endName: string, nodes: readonly NodeSpec[], warnings: Warning[]): void {
  let prev = 0;
  const events = sc.timeline.map((e, i) => ({ i, at: dur((e as { at: string | number }).at), e: e as Record<string, unknown> }));
  for (const { i, at } of events) {
    if (at > end) throw new InputError(`timeline[${i}] at ${formatDuration(at)} is after the end of the run (${endName}), expected a time up to ${formatDuration(end)}`, posOf(src, ['timeline', i, 'at']));
    if (at < prev) warnings.push({ severity: 'warning', message: `timeline[${i}] at ${formatDuration(at)} comes after an event at ${formatDuration(prev)}; the run applies events in time order`, pos: posOf(src, ['timeline', i, 'at']) });
    prev = Math.max(prev, at);
  }
  // Whether each node's keepalived runs, in the order the run applies the events.
  const running = new Map(nodes.map((n) => [n.name, true]));
  for (const { i, at, e } of [...events].sort((a, b) => a.at - b.at || a.i - b.i)) {
    const [kind] = Object.keys(e).filter((k) => k !== 'at');
    const node = e[kind ?? ''];
    if (typeof node !== 'string') continue;
    if (kind === 'crash' || kind === 'stop') running.set(node, false);
    else if (kind === 'restart') running.set(node, true);
    else if (kind === 'start') {
      if (running.get(node) === true) warnings.push({ severity: 'warning', message: `timeline[${i}]: start ${node} at ${formatDuration(at)}, but ${node} is running then and the start does nothing; expected a crash or stop before it`, pos: posOf(src, ['timeline', i, 'start']) });
      running.set(node, true);
    }
  }
}

function emptyConf(): KeepalivedConfig {
  return { globalDefs: {}, scripts: [], instances: [], syncGroups: [], unknown: [] };
}

/** The node's keepalived.conf: from a path, from inline text, or generated by an ipfailover block. */
interface NodeConf {
  readonly config: KeepalivedConfig;
  readonly source: KeepalivedSource;
  /** Where each keyword stands: in the referenced file, or on the scenario's lines when inline. */
  readonly positions: SourceMap;
}

function nodeKeepalived(src: YamlSource, i: number, value: string | undefined, generated: string | null, dir: string, read: (p: string) => string, warnings: Warning[]): NodeConf | null {
  const path: YamlPath = ['nodes', i, 'keepalived'];
  if (value !== undefined && generated !== null) throw new InputError(`node is selected by the ipfailover block and also has keepalived:, expected one of them`, posOf(src, path, true));
  if (generated !== null) {
    // The generated file exists only in memory: point at the ipfailover block and say which line.
    const name = `ipfailover keepalived.conf of ${String(src.doc.getIn(['nodes', i, 'name']))}`;
    const r = parseKeepalivedConf(generated, name);
    warnings.push(...r.warnings.map((w) => ({ ...w, message: `${name}${w.pos?.line !== undefined ? ` line ${w.pos.line}` : ''}: ${w.message}`, pos: posOf(src, ['ipfailover']) })));
    return { config: r.config, positions: new Map(), source: { text: generated, file: null } };
  }
  if (value === undefined) return null;
  // Relative to the scenario file; the caller's readFile decides what the scenario path is relative to.
  const rel = (p: string): string => (isAbsolute(p) ? p : join(dir, p));
  const readRel = (p: string): string => read(rel(p));
  if (!value.includes('\n') && !value.includes('{')) {
    const file = rel(value);
    let text: string;
    try {
      text = read(file);
    } catch (e) {
      throw new InputError(`cannot read keepalived configuration '${value}' (${(e as NodeJS.ErrnoException).code ?? String(e)}), expected a path relative to the scenario file`, posOf(src, path));
    }
    const r = parseKeepalivedConf(text, file, read);
    warnings.push(...r.warnings);
    return { config: r.config, positions: r.positions, source: { text, file } };
  }
  // Inline text: parse it as its own file, then move positions onto the scenario's lines.
  const node = src.doc.getIn(path, true);
  const shift = inlineShift(src, node);
  try {
    const r = parseKeepalivedConf(value, src.file, readRel);
    warnings.push(...r.warnings.map((w) => ({ ...w, ...(w.pos ? { pos: shift(w.pos) } : {}) })));
    return { config: r.config, positions: new Map([...r.positions].map(([k, v]) => [k, shift(v)])), source: { text: value, file: null } };
  } catch (e) {
    if (e instanceof InputError && e.pos !== undefined) throw new InputError(e.message, shift(e.pos));
    throw e;
  }
}

function inlineShift(src: YamlSource, node: unknown): (p: SourcePos) => SourcePos {
  if (!isScalar(node) || node.range === undefined || node.range === null) return (p) => p;
  const start = src.lc.linePos(node.range[0]);
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  const firstLine = block ? start.line + 1 : start.line;
  const lines = src.text.split('\n');
  const indent = block ? (/^ */.exec(lines[firstLine - 1] ?? '')?.[0].length ?? 0) : start.col - 1;
  return (p) => (p.file !== src.file || p.line === undefined ? p : { file: src.file, line: firstLine + p.line - 1, col: (p.col ?? 1) + indent });
}

function ownValue<T>(o: Readonly<Record<string, T>>, k: string): T | undefined {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

function bindScripts(
  src: YamlSource,
  p: YamlPath,
  n: ScenarioFile['nodes'][number],
  config: RouterConfig,
  ownAddress: Ipv4,
  services: readonly ServiceSpec[],
  warnings: Warning[],
): { router: RouterConfig; scripts: ReadonlyMap<string, ScriptBinding> } {
  const scripts = new Map<string, ScriptBinding>();
  const dropped = new Set<string>();
  for (const s of config.scripts) {
    // Own keys only: a script named `constructor` must not find Object.prototype's.
    const given = ownValue(n.scripts, s.name) ?? ownValue(n.scripts, s.script);
    if (given !== undefined) {
      if ('service' in given) {
        if (!services.some((x) => x.name === given.service)) throw new InputError(`node '${n.name}': script ${s.name} is bound to service '${given.service}', which the node does not have`, posOf(src, [...p, 'scripts']));
        scripts.set(s.name, { kind: 'service', service: given.service });
      } else if ('tcp' in given) scripts.set(s.name, parseTcpBinding(given.tcp, ownAddress));
      else scripts.set(s.name, { kind: 'const', ok: given.ok });
      continue;
    }
    const r = recogniseScript(s.script, { ownAddress, services, shell: n.shell });
    if (r.kind === 'bound') {
      scripts.set(s.name, r.binding);
      if (r.note !== undefined) warnings.push({ severity: 'warning', message: `node '${n.name}': vrrp_script ${s.name}: ${r.note}`, pos: posOf(src, [...p, 'keepalived']) });
    }
    else if (r.kind === 'dropped') {
      dropped.add(s.name);
      warnings.push({ severity: 'warning', message: `node '${n.name}': vrrp_script ${s.name}: ${r.why}`, pos: posOf(src, [...p, 'keepalived']) });
    } else {
      throw new InputError(
        `node '${n.name}': vrrp_script ${s.name} runs '${s.script}': ${r.why}; bind it under the node's scripts: { ${s.name}: { service: NAME } | { tcp: HOST:PORT } | { ok: true } }`,
        posOf(src, [...p, n.keepalived !== undefined ? 'keepalived' : 'name']),
      );
    }
  }
  if (dropped.size === 0) return { router: config, scripts };
  return {
    scripts,
    router: {
      ...config,
      scripts: config.scripts.filter((s) => !dropped.has(s.name)),
      instances: config.instances.map((inst) => ({ ...inst, track: inst.track.filter((t) => t.kind !== 'script' || !dropped.has(t.name)) })),
    },
  };
}

/** A free address for a client in the segment's subnet, counting down from .250. */
function pickClientAddress(nodes: readonly NodeSpec[], segment: string, used: ReadonlySet<string>): Ipv4 | null {
  const f = nodes.flatMap((n) => n.interfaces).find((x) => x.segment === segment && x.address !== undefined);
  if (f?.address === undefined) return null;
  const net = f.address.split('.').slice(0, 3).join('.');
  for (let h = 250; h > 1; h--) {
    const a = `${net}.${h}`;
    if (!used.has(a)) return a;
  }
  return null;
}

type Err = (msg: string, path: YamlPath, key?: boolean) => InputError;

function toFault(e: Record<string, unknown>, p: YamlPath, nodes: readonly NodeSpec[], probes: ReadonlySet<string>, segRef: (n: string | undefined, p: YamlPath) => string, err: Err, vrrpExited: ReadonlySet<string>): Fault {
  const kind = Object.keys(e).find((k) => k !== 'at') as FaultName;
  const v = e[kind];
  const at: YamlPath = [...p, kind];
  const node = (name: string, path: YamlPath = at): NodeSpec => {
    const n = nodes.find((x) => x.name === name);
    if (n === undefined) throw err(`unknown node '${name}', expected one of ${nodes.map((x) => x.name).join(', ')}`, path);
    return n;
  };
  const keepalivedNode = (name: string): string => {
    if (node(name).router === null) {
      throw err(vrrpExited.has(name)
        ? `node '${name}': keepalived's VRRP process exits at start (${NON_EXISTENT_INTERFACE}), so '${kind}' has nothing to act on; give the node the interfaces its keepalived.conf names`
        : `node '${name}' runs no keepalived, so '${kind}' has nothing to act on`, at);
    }
    return name;
  };
  const seg = (x: unknown): { segment?: string } => {
    const s = typeof x === 'string' ? x : x !== null && typeof x === 'object' && 'segment' in x ? (x as { segment?: string }).segment : undefined;
    return s === undefined ? {} : { segment: segRef(s, at) };
  };
  const member = (name: string): void => {
    if (!probes.has(name) && !nodes.some((x) => x.name === name)) throw err(`unknown node or probe '${name}' in ${kind}`, at);
  };
  switch (kind) {
    case 'crash':
    case 'start':
      node(v as string);
      return { kind, node: v as string };
    case 'stop':
    case 'restart':
    case 'freeze':
    case 'thaw':
      return { kind, node: keepalivedNode(v as string) };
    case 'link-down':
    case 'link-up': {
      const o = typeof v === 'string' ? { node: v } : (v as { node: string; interface?: string });
      const n = node(o.node);
      if (o.interface !== undefined && !n.interfaces.some((f) => f.name === o.interface)) throw err(`node '${o.node}' has no interface '${o.interface}', expected one of ${n.interfaces.map((f) => f.name).join(', ')}`, at);
      return o.interface === undefined ? { kind, node: o.node } : { kind, node: o.node, iface: o.interface };
    }
    case 'service-down':
    case 'service-up': {
      const o = typeof v === 'string' ? { node: v } : (v as { node: string; service?: string; port?: number });
      const n = node(o.node);
      if (o.service !== undefined && !n.services.some((s) => s.name === o.service)) throw err(`node '${o.node}' has no service '${o.service}'`, at);
      if (o.port !== undefined && !n.services.some((s) => s.port === o.port)) throw err(`node '${o.node}' has no service on port ${o.port}`, at);
      if (n.services.length === 0) throw err(`node '${o.node}' has no services, expected services: [...] on the node`, at);
      return { kind, node: o.node, ...(o.service !== undefined ? { service: o.service } : {}), ...(o.port !== undefined ? { port: o.port } : {}) };
    }
    case 'partition': {
      if (Array.isArray(v)) {
        v.flat().forEach((x) => member(x as string));
        return { kind: 'partition', groups: v as string[][] };
      }
      const o = v as { groups?: string[][]; from?: string[]; to?: string[]; segment?: string };
      if (o.groups !== undefined) {
        o.groups.flat().forEach(member);
        return { kind: 'partition', groups: o.groups, ...seg(o) };
      }
      [...(o.from ?? []), ...(o.to ?? [])].forEach(member);
      return { kind: 'partition-oneway', from: o.from ?? [], to: o.to ?? [], ...seg(o) };
    }
    case 'heal':
    case 'block-multicast':
    case 'unblock-multicast':
      return { kind, ...seg(v) };
    case 'loss': {
      const o = typeof v === 'object' && v !== null ? (v as { rate: string | number; segment?: string }) : { rate: v as string | number };
      return { kind, rate: ratio(o.rate, (m) => err(m, typeof v === 'object' && v !== null ? [...at, 'rate'] : at)), ...seg(o) };
    }
    case 'latency': {
      const o = typeof v === 'object' && v !== null ? (v as { latency: string | number; jitter?: string | number; segment?: string }) : { latency: v as string | number };
      return { kind, latency: dur(o.latency), ...(o.jitter !== undefined ? { jitter: dur(o.jitter) } : {}), ...seg(o) };
    }
    case 'set-priority': {
      const o = v as { node: string; instance: string; priority: number };
      const r = node(o.node).router;
      if (r === null || !r.instances.some((x) => x.name === o.instance)) throw err(`node '${o.node}' has no vrrp_instance '${o.instance}'${r ? `, expected one of ${r.instances.map((x) => x.name).join(', ')}` : ''}`, at);
      return { kind, node: o.node, instance: o.instance, priority: o.priority };
    }
  }
}

function toExpectation(e: Record<string, unknown>, p: YamlPath, src: YamlSource, nodes: readonly NodeSpec[], models: readonly NodeModel[], probes: ReadonlySet<string>, err: Err, end: { readonly at: Micros; readonly name: string }): Expectation {
  const kind = Object.keys(e).find((k) => k !== 'at') as ExpectName;
  const v = e[kind] as Record<string, unknown>;
  const pos = posOf(src, p);
  const atRaw = e['at'] as string | number | undefined;
  const at = atRaw === undefined ? null : dur(atRaw);
  // A verdict about a time the run never reaches cannot be true or false: the scenario is wrong.
  const within = (t: Micros, path: YamlPath, word = 'at'): Micros => {
    if (t > end.at) throw err(`${kind} ${word} ${formatDuration(t)} is after the end of the run (${end.name}), expected a time up to ${formatDuration(end.at)}`, path);
    return t;
  };
  if (at !== null) within(at, [...p, 'at']);
  const needAt = (): Micros => {
    if (at === null) throw err(`${kind} needs a time, expected at: 10s`, p);
    return at;
  };
  const nodeList = (x: unknown): string[] => {
    const list = x === null ? [] : Array.isArray(x) ? (x as string[]) : [x as string];
    list.forEach((name, j) => {
      if (!nodes.some((n) => n.name === name)) throw err(`unknown node '${name}', expected one of ${nodes.map((n) => n.name).join(', ')} or null`, Array.isArray(x) ? [...p, kind, 'node', j] : [...p, kind, 'node']);
    });
    return list;
  };
  const who = (list: readonly string[]): string => (list.length === 0 ? 'nobody' : list.join(' and '));
  const T = (u: Micros): string => formatDuration(u);
  switch (kind) {
    case 'master': {
      const instance = v['instance'] as string;
      if (!models.some((n) => n.keepalived.instances.some((i) => i.name === instance))) throw err(`no node has a vrrp_instance '${instance}'`, [...p, kind, 'instance']);
      const list = nodeList(v['node']);
      const t = needAt();
      return { kind, pos, at: t, instance, nodes: list, label: `at ${T(t)} ${instance} MASTER is ${who(list)}` };
    }
    case 'holder': {
      const list = nodeList(v['node']);
      const t = needAt();
      const vip = v['vip'] as string;
      return { kind, pos, at: t, vip, nodes: list, label: `at ${T(t)} ${vip} is held by ${who(list)}` };
    }
    case 'longestOutage': {
      const max = dur(v['max'] as string);
      const vip = (v['vip'] as string | undefined) ?? null;
      return { kind, pos, max, vip, label: `longest outage of ${vip ?? 'any VIP'} <= ${T(max)}` };
    }
    case 'dualMaster': {
      const longest = v['longest'] === undefined ? null : dur(v['longest'] as string);
      const total = v['total'] === undefined ? null : dur(v['total'] as string);
      const allow = v['allowDuringFaults'] !== false;
      const parts = [longest !== null ? `longest <= ${T(longest)}` : null, total !== null ? `total <= ${T(total)}` : null].filter((x) => x !== null);
      if (parts.length === 0) throw err('dualMaster needs longest and/or total', [...p, kind]);
      return { kind, pos, longest, total, allowDuringFaults: allow, label: `dual mastership ${parts.join(', ')}${allow ? ' (outside partitions, multicast blocks and freezes)' : ''}` };
    }
    case 'convergence': {
      const within = dur(v['within'] as string);
      return { kind, pos, within, label: `converges within ${T(within)} of the last timeline event` };
    }
    case 'invariants': {
      const only = (v['only'] as string[] | undefined) ?? null;
      return { kind, pos, only, label: `VRRP invariants hold${only !== null ? ` (${only.join(', ')})` : ''}` };
    }
    case 'availability': {
      const probe = v['probe'] as string;
      if (!probes.has(probe)) throw err(`unknown probe '${probe}'`, [...p, kind, 'probe']);
      const min = ratio(v['min'] as string | number, (m) => err(m, [...p, kind, 'min']));
      const from = v['from'] === undefined ? 0 : within(dur(v['from'] as string), [...p, kind, 'from'], 'from');
      if (from === end.at) throw err(`availability from ${formatDuration(from)} measures nothing: the run ends then (${end.name}), expected an earlier time`, [...p, kind, 'from']);
      return { kind, pos, probe, min, from, label: `probe ${probe} availability >= ${(min * 100).toFixed(2).replace(/\.?0+$/, '')}%${from > 0 ? ` from ${T(from)}` : ''}` };
    }
  }
}
