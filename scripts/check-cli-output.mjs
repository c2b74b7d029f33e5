#!/usr/bin/env node
// `node scripts/check-cli-output.mjs BEFORE_BIN AFTER_BIN`: the CLI's output must not change with
// how it is started (bundles, code caches, V8 flags). Runs both bin/vrrplab.js copies on every
// scenario in scenarios/ (text and --format json), the folder in both formats, and a few bad
// inputs, from this checkout's root; compares stdout, exit code and (for bad input) stderr.
// Prints one line per difference and exits 1 if there is any.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const [before, after] = process.argv.slice(2).map((p) => resolve(p));
if (before === undefined || after === undefined) {
  process.stderr.write('usage: node scripts/check-cli-output.mjs BEFORE_BIN AFTER_BIN, expected two bin/vrrplab.js paths\n');
  process.exit(2);
}
const root = resolve(new URL('..', import.meta.url).pathname);
const scratch = mkdtempSync(join(tmpdir(), 'vrrplab-check-'));
writeFileSync(join(scratch, 'bad.yaml'), 'name: x\nnodes: [\n');
writeFileSync(join(scratch, 'wrong.yaml'), 'name: x\nduration: 10s\nnodes:\n  - name: 5\n');
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort().map((f) => join('scenarios', f));
const cases = [
  ...scenarios.flatMap((f) => [['run', f], ['run', f, '--format', 'json']]),
  ['run', 'scenarios'], ['run', 'scenarios', '--format', 'json'],
  ['run', 'scenarios/openshift-ha-router.yaml', '--until', '1h'], ['run', 'scenarios/nopreempt.yaml', '--until', '5000000µs'], ['run', 'scenarios/openshift-ha-router.yaml', '--until', '100d', '--format', 'json'],
  ['run', join(scratch, 'bad.yaml')], ['run', join(scratch, 'wrong.yaml')], ['run', 'no-such.yaml'], ['run', 'scenarios/nopreempt.yaml', '--format', 'xml'],
  ['check-config', 'scenarios/configs'], ['--version'], ['help', 'nosuch'], ['lint', 'scenarios/openshift-ha-router.yaml'],
  ['explore', 'scenarios/openshift-ha-router.yaml', '--runs', '300', '--seed', '1', '--out', join(scratch, 'counterexample.yaml')],
];
let diffs = 0;
for (const args of cases) {
  const [a, b] = [before, after].map((bin) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 }));
  const what = `vrrplab ${args.join(' ')}`;
  if (a.status !== b.status) { diffs++; process.stdout.write(`${what}: exit ${a.status} before, ${b.status} after\n`); }
  if (a.stdout !== b.stdout) { diffs++; process.stdout.write(`${what}: stdout differs (${a.stdout.length} / ${b.stdout.length} chars)\n`); }
  // Progress lines on stderr depend on time; errors (exit 2) must be the same line.
  if (a.status === 2 && a.stderr !== b.stderr) { diffs++; process.stdout.write(`${what}: stderr differs: ${JSON.stringify(a.stderr)} / ${JSON.stringify(b.stderr)}\n`); }
}
// The report files: one scenario and the folder, each build writing its own copies.
const reportCases = [['run', 'scenarios/openshift-ha-router.yaml'], ['run', 'scenarios', '--format', 'json'], ['run', 'scenarios/nopreempt.yaml', '--html', join(scratch, 'missing', 'deeper', 'r.html')]];
for (const args of reportCases) {
  const texts = [before, after].map((bin, k) => {
    const html = join(scratch, `r${k}.html`);
    const junit = join(scratch, `r${k}.xml`);
    const r = spawnSync(process.execPath, [bin, ...args, ...(args.includes('--html') ? [] : ['--html', html, '--junit', junit])], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    const read = (f) => { try { return readFileSync(f, 'utf8'); } catch { return null; } };
    return [r.status, r.stdout, read(html), read(junit)].map(String);
  });
  const what = `vrrplab ${args.join(' ')} with --html/--junit`;
  ['exit code', 'stdout', 'HTML', 'JUnit'].forEach((part, i) => {
    if (texts[0][i] !== texts[1][i]) { diffs++; process.stdout.write(`${what}: ${part} differs\n`); }
  });
}
process.stdout.write(`${cases.length + reportCases.length} commands, ${diffs} difference(s)\n`);
rmSync(scratch, { recursive: true, force: true });
process.exit(diffs === 0 ? 0 : 1);
