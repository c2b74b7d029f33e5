// JSON Lines carry everything the text report shows, every line names its scenario, the last
// line is a summary, and every line is one of the published line types.
import { copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { ReportLine, reportLinesJsonSchemaText } from '../../../sim/scenario/report-lines.js';
import { scenarioFilesIn } from '../../../src/cli/run.js';

const parse = (out: string): Record<string, unknown>[] => out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('vrrplab run --format json', () => {
  it('has loader warnings, state reasons, the scenario on every line and a summary last', async () => {
    const io = bufferIo();
    // This scenario's loader drops a script and clears preempt_delay: warnings the text shows.
    expect(await main(['run', 'scenarios/openshift-ha-router.yaml', '--format', 'json'], io)).toBe(0);
    const lines = parse(io.stdout());
    expect(lines.every((l) => l['type'] === 'summary' || l['scenario'] === 'scenarios/openshift-ha-router.yaml')).toBe(true);
    expect(lines.some((l) => l['type'] === 'warning' && typeof l['where'] === 'string')).toBe(true);
    const state = lines.find((l) => l['type'] === 'state');
    expect(Object.keys(state ?? {})).toEqual(['t', 'type', 'node', 'instance', 'from', 'to', 'priority', 'reason', 'scenario']);
    expect(lines.filter((l) => l['type'] === 'availability').length).toBe(2);
    expect(lines.at(-1)).toEqual({ type: 'summary', scenarios: 1, passed: 1, failed: 0, errors: 0, exit: 0 });
  });

  it('every line of every shipped scenario is a published line type', async () => {
    for (const f of scenarioFilesIn('scenarios')) {
      const io = bufferIo();
      await main(['run', f, '--format', 'json'], io);
      for (const l of parse(io.stdout())) expect(ReportLine.safeParse(l).success, `${f}: ${JSON.stringify(l)}`).toBe(true);
    }
  });

  it('schema/report-lines.schema.json is generated from the line types (npm run schema)', () => {
    expect(readFileSync('schema/report-lines.schema.json', 'utf8')).toBe(reportLinesJsonSchemaText());
  });
});

describe('a folder run with a bad file', () => {
  const folder = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'vrrplab-folder-'));
    symlinkSync(resolve('scenarios/configs'), join(d, 'configs'));
    copyFileSync('scenarios/graceful-stop.yaml', join(d, 'a-good.yaml'));
    writeFileSync(join(d, 'b-bad.yaml'), 'name: bad\nduration: 10s\nnodes: [\n');
    copyFileSync('scenarios/freeze-thaw.yaml', join(d, 'c-good.yaml'));
    return d;
  };

  it('runs the others, reports the bad one in text, JSON, JUnit and HTML, and exits 2', async () => {
    const d = folder();
    const io = bufferIo(d);
    expect(await main(['run', '.', '--junit', 'r.xml', '--html', 'r.html'], io)).toBe(2);
    expect(io.stdout()).toMatch(/^PASS\s+a-good\.yaml/m);
    expect(io.stdout()).toMatch(/^PASS\s+c-good\.yaml/m);
    expect(io.stdout()).toMatch(/^ERROR\s+b-bad\.yaml\s.*b-bad\.yaml:\d+:\d+: invalid YAML/m);
    expect(io.stderr()).toMatch(/^vrrplab: b-bad\.yaml:\d+:\d+: invalid YAML/m);
    const junit = readFileSync(join(d, 'r.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites [^>]*errors="1"/);
    expect(junit).toMatch(/<error message="b-bad\.yaml:/);
    expect(readFileSync(join(d, 'r.html'), 'utf8')).toMatch(/ERROR<\/span> <h2>b-bad\.yaml/);

    const json = bufferIo(d);
    expect(await main(['run', '.', '--format', 'json'], json)).toBe(2);
    const lines = parse(json.stdout());
    expect(lines.find((l) => l['type'] === 'error')).toMatchObject({ scenario: 'b-bad.yaml', where: expect.stringMatching(/^b-bad\.yaml:\d+:\d+$/) });
    expect(lines.at(-1)).toEqual({ type: 'summary', scenarios: 3, passed: 2, failed: 0, errors: 1, exit: 2 });
    expect(new Set(lines.filter((l) => l['type'] === 'scenario').map((l) => l['scenario']))).toEqual(new Set(['a-good.yaml', 'c-good.yaml']));
  });
});
