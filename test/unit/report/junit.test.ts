import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttr, xmlText } from '../../../sim/report/junit.js';
import { childrenNamed, parseXml } from './xml.js';
import { EVIL, FIXTURE, fixtureRun, hostileRun } from './fixture.js';

const run = fixtureRun();

describe('renderJunit', () => {
  it('one run: a <testsuite> root named after the scenario, one <testcase> per expectation', () => {
    const root = parseXml(renderJunit([run]));
    expect(root.name).toBe('testsuite');
    expect(root.attrs['name']).toBe(run.scenario.name);
    expect(root.attrs['file']).toBe(FIXTURE);
    expect(Number(root.attrs['tests'])).toBe(run.verdicts.length);
    expect(Number(root.attrs['failures'])).toBe(run.verdicts.filter((v) => !v.ok).length);
    const cases = childrenNamed(root, 'testcase');
    expect(cases.map((c) => c.attrs['name'])).toEqual(run.verdicts.map((v) => v.expectation.label));
    expect(cases.map((c) => Number(c.attrs['line']))).toEqual(run.verdicts.map((v) => v.expectation.pos.line));
    expect(root.children.map((c) => c.name)).toEqual(['properties', ...cases.map(() => 'testcase'), 'system-out']);
  });

  it('a failed expectation carries the observed detail and the position that stated it', () => {
    // The fixture has one expectation that is wrong on purpose.
    const failed = run.verdicts.filter((v) => !v.ok);
    expect(failed.length).toBeGreaterThan(0);
    const cases = childrenNamed(parseXml(renderJunit([run])), 'testcase');
    run.verdicts.forEach((v, i) => {
      const f = childrenNamed(cases[i]!, 'failure');
      if (v.ok) {
        expect(f).toEqual([]);
        return;
      }
      const p = v.expectation.pos;
      expect(f).toHaveLength(1);
      expect(f[0]!.attrs['message']).toBe(`${v.detail} (${p.file}:${p.line}:${p.col})`);
      expect(f[0]!.attrs['type']).toBe(v.expectation.kind);
      expect(f[0]!.text).toContain(v.detail);
    });
  });

  it('several runs (a folder): a <testsuites> root with totals and one suite each', () => {
    const other = { ...run, scenario: { ...run.scenario, name: 'second', file: 'x/second.yaml' } };
    const root = parseXml(renderJunit([run, other]));
    expect(root.name).toBe('testsuites');
    const suites = childrenNamed(root, 'testsuite');
    expect(suites.map((s) => [s.attrs['name'], s.attrs['file']])).toEqual([[run.scenario.name, FIXTURE], ['second', 'x/second.yaml']]);
    expect(Number(root.attrs['tests'])).toBe(2 * run.verdicts.length);
    expect(Number(root.attrs['failures'])).toBe(2 * run.verdicts.filter((v) => !v.ok).length);
    expect(parseXml(renderJunit([run], { root: 'testsuites' })).name).toBe('testsuites');
  });

  it('hostile names, labels and details stay well-formed XML and read back as written', () => {
    const bad = hostileRun(run);
    const xml = renderJunit([bad]);
    const root = parseXml(xml);
    // XML 1.0 cannot carry U+0001 at all; everything else must survive exactly.
    const readable = (s: string): string => s.replaceAll('\u0001', '\ufffd');
    expect(root.attrs['name']).toBe(readable(bad.scenario.name));
    expect(childrenNamed(root, 'testcase').map((c) => c.attrs['name'])).toEqual(bad.verdicts.map((v) => readable(v.expectation.label)));
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('</script>');
    expect(childrenNamed(root, 'system-out')[0]!.text).toContain(readable(`lb-b${EVIL}`));
  });

  it('escapes attributes and text, and replaces characters XML 1.0 forbids', () => {
    expect(xmlAttr(`a"b'c<d>e&f\ng\th`)).toBe('a&#34;b&#39;c&lt;d&gt;e&amp;f&#10;g&#9;h');
    expect(xmlText('x<y&z>\u0000\ud800')).toBe('x&lt;y&amp;z&gt;\ufffd\ufffd');
    expect(parseXml(`<a b="${xmlAttr('\n"\u001b')}">${xmlText('</a>')}</a>`)).toEqual({ name: 'a', attrs: { b: '\n"\ufffd' }, children: [], text: '</a>' });
  });

  it('is deterministic: the same scenario run twice gives the same bytes', () => {
    expect(renderJunit([fixtureRun()])).toBe(renderJunit([run]));
  });

  it('the checker itself rejects malformed XML (so passing it means something)', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>&</a>')).toThrow();
    expect(() => parseXml('<a>\u0001</a>')).toThrow();
    expect(() => parseXml('<a>')).toThrow();
  });
});
