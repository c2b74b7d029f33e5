// Issue 14 items 2-3 against the real keepalived 2.2.7: what the renderer writes for values full
// of keepalived syntax (quoted words, braces, comment characters, include words, a 1000-byte
// command) is read by `keepalived -t` as the model says: no config error, no unknown keyword,
// no file opened, no crash. Runs in a namespace of our own holding the interface the model names.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { keepalivedConfigTest, keepalivedMissing, realKeepalivedSuite, suiteNamespace } from '../support/keepalived-ns.js';
import { renderKeepalivedConf } from '../../src/keepalived/render.js';
import type { KeepalivedConfig } from '../../src/model/types.js';

const NS = `vrrplab-kinj-${process.pid}`;
const why = keepalivedMissing(false);
const suite = realKeepalivedSuite(why, 'real-keepalived injection tests');


const model = (routerId: string, script: string, notify: string, unknown: string[]): KeepalivedConfig => ({
  globalDefs: { routerId, enableScriptSecurity: true, scriptUser: { user: 'root' } },
  scripts: [{ name: 'chk', script, interval: 1 }],
  instances: [{
    name: 'VI_1', state: 'BACKUP', interface: 'eth0', virtualRouterId: 51, priority: 100, advertInt: 1,
    virtualIpaddress: [{ address: '192.0.2.100', prefix: 24 }], trackScript: [{ name: 'chk' }], notifyMaster: { command: notify },
    unknown: [{ words: ['notify_stop', ...unknown] }],
  }],
  syncGroups: [], unknown: [],
});

suite('keepalived -t reads rendered syntax-laden values as the model says', () => {
  const scratch = suiteNamespace(NS, [{ name: 'eth0', addresses: ['192.0.2.1/24'] }], why);
  const configTest = (name: string, text: string): Promise<{ rc: number; output: string }> => {
    const file = join(scratch.dir(), `${name.replace(/\W+/g, '_')}.conf`);
    writeFileSync(file, text);
    return keepalivedConfigTest(NS, file, ['-l', '-D']);
  };

  it('has its prerequisites (fails on CI when missing)', () => {
    expect(why).toBeUndefined();
  });

  const cases: [string, KeepalivedConfig][] = [
    ['braces and include words in quoted values', model('r { include /etc/passwd }', '/bin/true } include /etc/passwd {', '/bin/true # include /etc/passwd', ["'{'", "'include /etc/passwd'"])],
    ['comment characters and a leading @/$/~', model('@id', '/bin/true ! x # y', '/bin/true $X', ['"/bin/true"', '~SEQ'])],
    ['a 1000-byte command (keepalived -t segfaulted past 1023)', model('r', `/bin/true ${'x'.repeat(1000)}`, '/bin/true', ['"/bin/true"'])],
  ];
  for (const [name, m] of cases) {
    it(name, async () => {
      const text = renderKeepalivedConf(m);
      const r = await configTest(name, text);
      expect(r.output).not.toMatch(/Unknown keyword|Opening file '\/etc\/passwd'|passwd|Unmatched quote|Unterminated quote|Segmentation/);
      expect(r.rc, `${text}\n${r.output}`).toBe(0);
    });
  }
});
