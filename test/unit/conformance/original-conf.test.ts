import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleIncludes, originalConfText, withPriority } from '../../../src/conformance/original-conf.js';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';

const CONF = "vrrp_instance VI_1 {\n    interface eth0\n    priority 150 # main\n    virtual_router_id 51\n}\nvrrp_instance VI_2\n{\n    interface eth0\n    virtual_router_id 52\n}\n";

describe('the original keepalived.conf in a conformance run', () => {
  it('only appends the notify FIFO the harness observes through', () => {
    const t = originalConfText(CONF, '/run/x.fifo', false);
    expect(t.startsWith(CONF)).toBe(true);
    expect(parseKeepalivedConf(t, 'k').config.globalDefs.unknown).toEqual([{ words: ['vrrp_notify_fifo', '/run/x.fifo'] }]);
  });
  it("set-priority edits the instance's priority line, or adds one, and nothing else", () => {
    const a = withPriority({ text: CONF }, 'VI_1', 250).text;
    expect(a.split('\n')[2]).toBe('    priority 250 # main');
    expect(a.split('\n').filter((l, i) => l !== CONF.split('\n')[i])).toHaveLength(1);
    const b = withPriority({ text: CONF }, 'VI_2', 90).text;
    expect(parseKeepalivedConf(b, 'k').config.instances.map((i) => i.priority)).toEqual([150, 90]);
  });
});

describe('the original keepalived.conf with includes', () => {
  // A host's files: include relative to the including file's directory, a glob (sorted), a nested
  // include, and one that matches nothing.
  const FILES = new Map<string, string>([
    ['/etc/k/keepalived.conf', 'global_defs {\n    router_id a\n}\ninclude conf.d/*.conf\ninclude missing/*.conf\n'],
    ['/etc/k/conf.d/20-vi2.conf', 'vrrp_instance VI_2 {\n    interface eth0\n    virtual_router_id 52\n    include ../prio.inc\n}\n'],
    ['/etc/k/conf.d/10-vi1.conf', 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 150\n}\n'],
    ['/etc/k/prio.inc', '    priority 90\n'],
  ]);
  const readFile = (p: string): string => {
    const t = FILES.get(posix.normalize(p));
    if (t === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return t;
  };
  const glob = (p: string): string[] => {
    if (!p.includes('*')) return [p];
    const re = new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
    return [...FILES.keys()].filter((k) => re.test(k)).sort();
  };
  const main = FILES.get('/etc/k/keepalived.conf') as string;

  it('carries the included files under names of its own, keepalived reading the same configuration', () => {
    const b = bundleIncludes(main, '/etc/k/keepalived.conf', readFile, glob);
    expect(b.text.split('\n')).toHaveLength(main.split('\n').length);
    expect(b.text).toContain('include include-1-*.conf');
    expect(b.text).toContain('include include-3-none.conf');
    expect([...(b.includes ?? new Map()).keys()]).toEqual(['include-1-0001.conf', 'include-2-0001.conf', 'include-1-0002.conf']);
    const names = [...(b.includes ?? new Map<string, string>()).keys()].sort();
    const inBundle = parseKeepalivedConf(b.text, 'keepalived.conf', (p) => b.includes?.get(p) ?? '', (p) => names.filter((n) => n.startsWith(p.replace('*.conf', ''))));
    const onHost = parseKeepalivedConf(main, '/etc/k/keepalived.conf', readFile, glob);
    expect(inBundle.config).toEqual(onHost.config);
    expect(onHost.config.instances.map((i) => [i.name, i.priority])).toEqual([['VI_1', 150], ['VI_2', 90]]);
  });

  it('set-priority edits the priority line in the included file that holds it', () => {
    const b = bundleIncludes(main, '/etc/k/keepalived.conf', readFile, glob);
    const edited = withPriority(b, 'VI_2', 40);
    expect(edited.text).toBe(b.text);
    expect(edited.includes?.get('include-2-0001.conf')).toBe('    priority 40\n');
    expect(withPriority(b, 'VI_1', 60).includes?.get('include-1-0001.conf')).toContain('    priority 60\n');
  });

  it('a configuration without includes stays one file', () => {
    expect(bundleIncludes(CONF, '/etc/k/keepalived.conf', readFile, glob)).toEqual({ text: CONF });
  });
});
