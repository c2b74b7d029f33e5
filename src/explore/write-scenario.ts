// A fault schedule as a runnable scenario (explore's shrunk counterexample, availability's
// replayed history): the original file with its timeline and duration replaced, comments and
// the $schema line kept, keepalived paths re-pointed if the file lands in another folder.
import { readInputText } from '../cli/read-input.js';
import { escapeControls } from '../cli/errors.js';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Micros } from '../vrrp/types.js';
import type { TimelineEvent } from '../../sim/spec.js';
import { formatDuration } from '../../sim/scenario/duration.js';
import { timelineEntries } from './fault-yaml.js';

const TIME_FREE = ['longestOutage', 'dualMaster', 'convergence', 'availability', 'invariants'];

export interface CounterexampleNote {
  readonly seed: number;
  readonly path: string;
  readonly findings: readonly string[];
}

export function counterexampleYaml(originalText: string, originalFile: string, outFile: string, timeline: readonly TimelineEvent[], until: Micros, note: CounterexampleNote): string {
  return scenarioWithTimeline(originalText, originalFile, outFile, timeline, until, {
    header: (dropped) => [
      `# Found by vrrplab explore (seed ${note.seed}${note.path !== '' ? `, path ${note.path}` : ''}) from ${originalFile}.`,
      '# The timeline below is the shrunk fault schedule; `vrrplab run` on this file reproduces:',
      ...note.findings.map((f) => `#   ${f}`),
      ...(dropped > 0 ? [`# ${dropped} expectation(s) pinned to an instant were left out: they describe the original timeline.`] : []),
      '#',
    ],
    // Invariant findings replay with `vrrplab run` through an `invariants` expectation.
    invariants: note.findings.some((f) => f.startsWith('invariant:')),
  });
}

export interface TimelineScenarioOptions {
  /** Comment lines put after the $schema line, given how many pinned expectations were left out. */
  readonly header: (dropped: number) => readonly string[];
  /** Add an `invariants` expectation when the file has none. */
  readonly invariants?: boolean;
  /** The run's PRNG seed, when it is not the file's own. */
  readonly seed?: number;
}

/**
 * The original scenario with another timeline and duration (and seed), as a file `vrrplab run`
 * replays: its comments and $schema line kept, expectations pinned to an instant left out (they
 * were written for the old timeline and would fail for reasons unrelated to it), relative
 * keepalived paths re-pointed from where `outFile` lands.
 */
export function scenarioWithTimeline(originalText: string, originalFile: string, outFile: string, timeline: readonly TimelineEvent[], until: Micros, opts: TimelineScenarioOptions): string {
  const doc = parseDocument(originalText);
  doc.set('duration', formatDuration(until));
  if (opts.seed !== undefined) doc.set('seed', opts.seed);
  doc.set('timeline', doc.createNode(timelineEntries(timeline)));
  const exp = doc.get('expect');
  let dropped = 0;
  if (isSeq(exp)) {
    exp.items = exp.items.filter((item) => {
      const keep = isMap(item) && !item.has('at') && TIME_FREE.some((k) => item.has(k));
      if (!keep) dropped++;
      return keep;
    });
  }
  if (opts.invariants === true) {
    const list = isSeq(exp) ? exp : null;
    const has = list !== null && list.items.some((item) => isMap(item) && item.has('invariants'));
    if (!has) {
      if (list !== null) list.items.push(doc.createNode({ invariants: {} }));
      else doc.set('expect', doc.createNode([{ invariants: {} }]));
    }
  }
  const nodes = doc.get('nodes');
  if (isSeq(nodes)) {
    for (const n of nodes.items) {
      if (!isMap(n)) continue;
      const k = n.get('keepalived', true);
      if (!isScalar(k) || typeof k.value !== 'string' || k.value.includes('\n') || k.value.includes('{')) continue;
      const abs = resolve(dirname(originalFile), k.value);
      const rel = relative(dirname(outFile), abs);
      k.value = isAbsolute(rel) ? abs : rel;
    }
  }
  // Comment lines hold file names and findings: a line break in one would end the comment and
  // put the rest into the scenario as YAML.
  const header = opts.header(dropped).map(escapeControls);
  const lines = doc.toString({ lineWidth: 0 }).split('\n');
  // The $schema line must stay the first line for editors to pick it up.
  const keep = lines[0]?.startsWith('# yaml-language-server:') === true ? 1 : 0;
  const schema = /^(# yaml-language-server: \$schema=)(\S+)$/.exec(lines[0] ?? '');
  if (schema !== null && !/^[a-z]+:\/\//.test(schema[2]!)) {
    const rel = relative(dirname(outFile), resolve(dirname(originalFile), schema[2]!));
    lines[0] = `${schema[1]!}${isAbsolute(rel) ? resolve(dirname(originalFile), schema[2]!) : rel}`;
  }
  return [...lines.slice(0, keep), ...header, ...lines.slice(keep)].join('\n');
}

export function readText(path: string): string {
  return readInputText(path);
}
