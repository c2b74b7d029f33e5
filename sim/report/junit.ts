// `vrrplab run --junit FILE`: expectations as JUnit XML so CI systems list each one as a test.
// A scenario is a <testsuite>, an expectation a <testcase>; a folder run wraps its suites in
// <testsuites>. No `time` attributes: they would be wall-clock seconds, and the same run must
// give the same bytes (the virtual time is a property instead).
import { formatDuration } from '../scenario/duration.js';
import { renderText } from '../scenario/report-text.js';
import type { ScenarioError, ScenarioRun } from '../scenario/run.js';
import { formatInputError, whereOf } from '../../src/cli/errors.js';

/**
 * XML 1.0 cannot carry most control characters even as references, nor lone surrogates: they
 * become U+FFFD so the file stays well-formed whatever a scenario string holds.
 */
function xmlChars(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function xmlText(s: string): string {
  return xmlChars(s).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/["'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const attrs = (a: Readonly<Record<string, string | number>>): string =>
  Object.entries(a).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');

function testsuite(run: ScenarioRun, id: number, indent: string): string {
  const s = run.scenario;
  const failures = run.verdicts.filter((v) => !v.ok).length;
  const i2 = `${indent}  `;
  const lines: string[] = [];
  lines.push(`${indent}<testsuite${attrs({ name: s.name, id, file: s.file, tests: run.verdicts.length, failures, errors: 0, skipped: 0 })}>`);
  lines.push(`${i2}<properties>`);
  lines.push(`${i2}  <property${attrs({ name: 'seed', value: s.spec.seed })}/>`);
  lines.push(`${i2}  <property${attrs({ name: 'virtual-time', value: formatDuration(run.result.end) })}/>`);
  lines.push(`${i2}</properties>`);
  for (const v of run.verdicts) {
    const p = v.expectation.pos;
    const where = whereOf(p);
    const tc = attrs({ name: v.expectation.label, classname: s.name, file: p.file, line: p.line ?? 1 });
    if (v.ok) {
      lines.push(`${i2}<testcase${tc}/>`);
      continue;
    }
    lines.push(`${i2}<testcase${tc}>`);
    lines.push(`${i2}  <failure${attrs({ message: `${v.detail} (${where})`, type: v.expectation.kind })}>${xmlText(`${v.expectation.label}\nobserved: ${v.detail}\nstated at ${where}`)}</failure>`);
    lines.push(`${i2}</testcase>`);
  }
  lines.push(`${i2}<system-out>${xmlText(renderText(run))}</system-out>`);
  lines.push(`${indent}</testsuite>`);
  return lines.join('\n');
}

/** A scenario that could not be run: a suite with one errored case, so CI lists it. */
function errorSuite(e: ScenarioError, id: number, indent: string): string {
  const i2 = `${indent}  `;
  const text = formatInputError(e.error);
  return [
    `${indent}<testsuite${attrs({ name: e.file, id, file: e.file, tests: 1, failures: 0, errors: 1, skipped: 0 })}>`,
    `${i2}<testcase${attrs({ name: 'load the scenario', classname: e.file, file: e.file, line: e.error.pos?.line ?? 1 })}>`,
    `${i2}  <error${attrs({ message: text, type: 'bad input' })}>${xmlText(text)}</error>`,
    `${i2}</testcase>`,
    `${indent}</testsuite>`,
  ].join('\n');
}

/** One run → a <testsuite> root; several (a folder run) → <testsuites>. */
export function renderJunit(runs: readonly ScenarioRun[], opts: { readonly root?: 'testsuite' | 'testsuites'; readonly name?: string } = {}, errors: readonly ScenarioError[] = []): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  const root = opts.root ?? (runs.length === 1 ? 'testsuite' : 'testsuites');
  const only = runs[0];
  if (root === 'testsuite' && runs.length === 1 && errors.length === 0 && only !== undefined) return `${head}\n${testsuite(only, 0, '')}\n`;
  const tests = runs.reduce((n, r) => n + r.verdicts.length, 0);
  const failures = runs.reduce((n, r) => n + r.verdicts.filter((v) => !v.ok).length, 0);
  const body = [...runs.map((r, i) => testsuite(r, i, '  ')), ...errors.map((e, i) => errorSuite(e, runs.length + i, '  '))].join('\n');
  return `${head}\n<testsuites${attrs({ name: opts.name ?? 'vrrplab', tests: tests + errors.length, failures, errors: errors.length })}>\n${body}${body === '' ? '' : '\n'}</testsuites>\n`;
}
