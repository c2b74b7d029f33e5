import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/cli/errors.js';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/keepalived');

function inputError(f: () => unknown): InputError {
  try { f(); } catch (e) { if (e instanceof InputError) return e; throw e; }
  throw new Error('expected an InputError');
}

describe('parseKeepalivedConf', () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.conf'));
  it('has the reference examples as fixtures', () => { expect(fixtures.length).toBeGreaterThanOrEqual(3); });
  for (const f of fixtures) {
    it(`parses fixture ${f}`, () => {
      const r = parseKeepalivedConf(readFileSync(join(FIXTURES, f), 'utf8'), f);
      expect(r.config.instances.length).toBeGreaterThan(0);
      for (const i of r.config.instances) {
        expect(i.virtualRouterId).toBeTypeOf('number');
        expect(i.virtualIpaddress?.length).toBeGreaterThan(0);
      }
      expect(r.warnings.every((w) => w.severity === 'warning')).toBe(true);
    });
  }

  it('reads the ipfailover sample faithfully', () => {
    const r = parseKeepalivedConf(readFileSync(join(FIXTURES, 'node-192.0.2.11.conf'), 'utf8'), 'n.conf');
    expect(r.config.scripts).toEqual([{ name: 'chk_ipfailover', script: "/bin/bash -c '</dev/tcp/192.0.2.11/80'", interval: 2 }]);
    expect(r.config.instances[1]).toMatchObject({
      name: 'ipfailover_VIP_2', interface: 'eth0', state: 'MASTER', virtualRouterId: 2, priority: 244, preemptDelay: 300,
      authentication: { authType: 'PASS', authPass: 'ipfailover' },
      trackScript: [{ name: 'chk_ipfailover' }],
      virtualIpaddress: [{ address: '192.0.2.102', dev: 'eth0' }],
    });
    expect(r.config.instances[1]).not.toHaveProperty('nopreempt');
    expect(r.config.globalDefs.routerId).toBe('ipfailover');
    expect(r.config.globalDefs.unknown?.map((u) => u.words[0])).toEqual(['max_auto_priority', 'notification_email', 'notification_email_from', 'smtp_server', 'smtp_connect_timeout']);
  });

  it('honours # and ! comments, one-line blocks and blocks opened on the next line', () => {
    const r = parseKeepalivedConf([
      '! a comment', 'vrrp_instance VI_1   # trailing', '{', ' virtual_router_id 7 ! why', ' virtual_ipaddress { 192.0.2.1/24 dev eth0 label eth0:1 }',
      ' preempt', '}',
    ].join('\n'), 'c.conf');
    expect(r.config.instances).toEqual([{ name: 'VI_1', virtualRouterId: 7, nopreempt: false, virtualIpaddress: [{ address: '192.0.2.1', prefix: 24, dev: 'eth0', label: 'eth0:1' }] }]);
  });

  it('keeps only the first word of an unquoted script, with a warning', () => {
    const r = parseKeepalivedConf('vrrp_script chk {\n  script /usr/bin/test -f /x\n}\n', 's.conf');
    expect(r.config.scripts[0]?.script).toBe('/usr/bin/test');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]?.message).toContain('quote the whole command');
    expect(r.warnings[0]?.pos).toEqual({ file: 's.conf', line: 2, col: 24 });
  });

  it('keeps a quoted script whole', () => {
    const r = parseKeepalivedConf("vrrp_script chk {\n  script \"/usr/bin/test -f '/x y'\"\n}\n", 's.conf');
    expect(r.config.scripts[0]?.script).toBe("/usr/bin/test -f '/x y'");
    expect(r.warnings).toEqual([]);
  });

  it('reads words after a notify command as USER GROUP, with a warning', () => {
    const r = parseKeepalivedConf('vrrp_instance VI_1 {\n notify_master /bin/x arg grp\n notify "/bin/y a b" root\n}\n', 'n.conf');
    expect(r.config.instances[0]?.notifyMaster).toEqual({ command: '/bin/x', user: 'arg', group: 'grp' });
    expect(r.config.instances[0]?.notify).toEqual({ command: '/bin/y a b', user: 'root' });
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining("takes 'arg grp' as USER [GROUP]")]);
  });

  it('keeps keywords outside the subset verbatim and reports each once', () => {
    const text = 'virtual_server 192.0.2.1 80 {\n  delay_loop 6\n  real_server 192.0.2.2 80 { weight 1 }\n}\nvirtual_server 192.0.2.1 443 {\n}\nvrrp_instance VI_1 {\n mcast_dst_ip 224.0.0.19\n}\n';
    const r = parseKeepalivedConf(text, 'u.conf');
    expect(r.config.unknown).toEqual([
      { words: ['virtual_server', '192.0.2.1', '80'], block: [{ words: ['delay_loop', '6'] }, { words: ['real_server', '192.0.2.2', '80'], block: [{ words: ['weight', '1'] }] }] },
      { words: ['virtual_server', '192.0.2.1', '443'], block: [] },
    ]);
    expect(r.config.instances[0]?.unknown).toEqual([{ words: ['mcast_dst_ip', '224.0.0.19'] }]);
    expect(r.warnings.map((w) => [w.message.split("'")[1], w.pos?.line])).toEqual([['virtual_server', 1], ['mcast_dst_ip', 8]]);
    expect(r.warnings[0]?.message).toContain('not simulated');
  });

  it('reports a misspelt keyword as keepalived does, and keeps it', () => {
    const r = parseKeepalivedConf('vrrp_instance VI_1 {\n prority 50\n}\n', 'u.conf');
    expect(r.warnings.map((w) => w.message)).toEqual(["Unknown keyword 'prority'"]);
    expect(r.config.instances[0]?.unknown).toEqual([{ words: ['prority', '50'] }]);
  });

  it('expands includes relative to the including file, with globs, in sorted order', () => {
    const files: Record<string, string> = {
      '/etc/k/keepalived.conf': 'include conf.d/*.conf\ninclude /missing/*.conf\n',
      '/etc/k/conf.d/b.conf': 'vrrp_instance VI_B {\n virtual_router_id 2\n}\n',
      '/etc/k/conf.d/a.conf': 'vrrp_instance VI_A {\n virtual_router_id 1\n}\n',
    };
    const readFile = (p: string): string => { const t = files[p]; if (t === undefined) throw new Error('ENOENT'); return t; };
    const glob = (p: string): string[] => {
      const re = new RegExp(`^${p.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
      return Object.keys(files).filter((f) => re.test(f)).sort();
    };
    const r = parseKeepalivedConf(files['/etc/k/keepalived.conf'] ?? '', '/etc/k/keepalived.conf', readFile, glob);
    expect(r.config.instances.map((i) => i.name)).toEqual(['VI_A', 'VI_B']);
    expect(r.warnings).toEqual([{ severity: 'warning', message: "Unable to find config file(s) '/missing/*.conf'", pos: { file: '/etc/k/keepalived.conf', line: 2, col: 1 } }]);
    expect(r.positions.get('instance:VI_B')).toEqual({ file: '/etc/k/conf.d/b.conf', line: 1, col: 1 });
  });

  it('treats a missing includea file as an error-level finding', () => {
    const r = parseKeepalivedConf('includea /nope.conf\n', 'x.conf', () => { throw new Error('ENOENT'); });
    expect(r.warnings[0]?.severity).toBe('error');
  });

  it('drops a track_script whose vrrp_script comes later, as keepalived 2.2.7 does', () => {
    const r = parseKeepalivedConf('vrrp_instance VI_1 {\n track_script {\n  chk\n }\n}\nvrrp_script chk {\n script /bin/true\n}\n', 'o.conf');
    expect(r.config.instances[0]?.trackScript).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual(['(VI_1) track script chk not found, ignoring...']);
  });

  it('reports a second notify of one kind like keepalived and keeps the first', () => {
    const r = parseKeepalivedConf('vrrp_instance VI_1 {\n notify_master "/bin/a"\n notify_master "/bin/b"\n}\n', 'n.conf');
    expect(r.config.instances[0]?.notifyMaster).toEqual({ command: '/bin/a' });
    expect(r.warnings[0]?.message).toBe('(VI_1) notify_master script already specified - ignoring /bin/b');
  });

  it.each([
    ['vrrp_instance VI_1 {\n virtual_router_id 5\n', 3, "missing '}'"],
    ['vrrp_instance VI_1 {\n}\n}\n', 3, "unexpected '}'"],
    ['vrrp_instance VI_1 {\n virtual_router_id\n}\n', 2, 'missing a parameter'],
    ['vrrp_instance VI_1 {\n}\nvrrp_instance VI_1 {\n}\n', 3, 'already defined'],
    ['vrrp_instance VI_1 {\n authentication {\n  auth_type pass\n }\n}\n', 3, 'expected PASS or AH'],
    ['vrrp_instance VI_1 {\n virtual_ipaddress {\n  eth0\n }\n}\n', 3, 'not an IP address'],
    ['vrrp_script chk {\n script "/bin/x\n}\n', 2, 'Unmatched quote'],
  ])('rejects bad input with file:line:col: %#', (text, line, what) => {
    const e = inputError(() => parseKeepalivedConf(text, 'bad.conf'));
    expect(e.pos?.file).toBe('bad.conf');
    expect(e.pos?.line).toBe(line);
    expect(e.message).toContain(what);
  });

  describe('reads text as keepalived 2.2.7 does (lib/parser.c)', () => {
    const inst = (body: string): string => `vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n${body}\n virtual_ipaddress {\n  192.0.2.100\n }\n}\n`;
    const messages = (text: string): string[] => parseKeepalivedConf(text, 'k.conf').warnings.map((w) => `${w.pos?.line}:${w.pos?.col}: ${w.message}`);

    it('has no single-quote quoting: a single-quoted word is split at its blanks', () => {
      const r = parseKeepalivedConf("global_defs {\n router_id 'a b'\n}\n", 'k.conf');
      expect(r.config.globalDefs.routerId).toBe("'a");
    });
    it("a single-quoted number is not a number to keepalived: its words, and the default priority", () => {
      const r = parseKeepalivedConf(inst(" priority '150'"), 'k.conf');
      expect(messages(inst(" priority '150'"))).toEqual([
        "4:11: invalid number ''150''",
        '4:11: (VI_1) Priority not valid! must be between 1 & 255. Using default 100',
      ]);
      expect(r.config.instances[0]?.priority).toBe(100);
    });
    it('a double quote ends an unquoted word, and # inside single quotes starts a comment', () => {
      const r = parseKeepalivedConf("global_defs {\n router_id ab\"cd\"\n notification_email_from 'x#y'\n}\n", 'k.conf');
      expect(r.config.globalDefs.routerId).toBe('ab');
    });
    it('script and notify lines are re-read with single quotes and escapes (alloc_strvec_quoted_escaped)', () => {
      const r = parseKeepalivedConf("vrrp_script chk {\n script '/bin/bash -c \"exit 0\"'\n}\nvrrp_instance VI_1 {\n notify_master '/bin/echo master' root\n}\n", 'k.conf');
      expect(r.config.scripts[0]?.script).toBe('/bin/bash -c "exit 0"');
      expect(r.config.instances[0]?.notifyMaster).toEqual({ command: '/bin/echo master', user: 'root' });
    });
    it('only a line whose text starts with $ or @ is a definition or conditional: a quoted "$" is a word', () => {
      const r = parseKeepalivedConf('"$"\n$X=1\n', 'k.conf');
      expect(r.config.unknown.map((u) => u.words)).toEqual([['"$"']]);
    });
    it('an escape that takes the closing quote ends the word without an error, as keepalived -t accepts it', () => {
      // alloc_strvec_quoted_escaped(): `\c"` is the control character of '"'; the text ends inside
      // the quote, but keepalived reports an open quote only when unescaped text is left.
      const r = parseKeepalivedConf('vrrp_instance VI_1 {\n notify_backup "\\c"\n}\n', 'k.conf');
      expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
      expect(r.config.instances[0]?.notifyBackup?.command).toBe('\\c"');
      const open = parseKeepalivedConf('vrrp_instance VI_1 {\n notify_backup "/bin/true \'abc"\n}\n', 'k.conf');
      expect(open.warnings.some((w) => w.severity === 'error')).toBe(true);
    });
    it('reads a line longer than 1023 bytes as two lines: the rest is parsed as a line of its own', () => {
      const pad = ' '.repeat(1023 - ' priority 150'.length);
      const text = inst(` priority 150${pad}nopreempt`);
      const r = parseKeepalivedConf(text, 'k.conf');
      expect(r.config.instances[0]?.priority).toBe(150);
      expect(r.config.instances[0]?.nopreempt).toBe(true);
      expect(messages(text)).toContainEqual(expect.stringMatching(/^4:1024: line is 1032 bytes long: keepalived reads lines in 1023-byte pieces/));
      // Split inside a word: keepalived sees "prio" and "rity 150".
      const cut = inst(`${' '.repeat(1019)}priority 150`);
      expect(messages(cut)).toContainEqual("4:1024: Unknown keyword 'rity'");
    });
    it.each(['SLAVE', 'master', 'Backup'])("state %s: keepalived says 'unknown state, defaulting to BACKUP'", (st) => {
      const r = parseKeepalivedConf(inst(` state MASTER\n state ${st}`), 'k.conf');
      expect(r.config.instances[0]?.state).toBe('BACKUP');
      expect(messages(inst(` state ${st}`))).toContain(`4:8: (VI_1) unknown state '${st}', defaulting to BACKUP`);
    });
    it("a VIP prefix /99 is reported as keepalived -t reports it, and /32 is used", () => {
      const text = 'vrrp_instance VI_1 {\n virtual_ipaddress {\n  192.0.2.100/99\n }\n}\n';
      expect(messages(text)).toEqual(["3:3: number '99' outside range [0, 32]", '3:3: Invalid address prefix len 99 for address 192.0.2.100/99 - using 32']);
      expect(parseKeepalivedConf(text, 'k.conf').config.instances[0]?.virtualIpaddress?.[0]?.prefix).toBe(32);
    });
    it('garp_master_delay -5 is reported as keepalived -t reports it, and ignored', () => {
      const r = parseKeepalivedConf(inst(' garp_master_delay -5'), 'k.conf');
      expect(r.warnings.filter((w) => w.severity === 'error').map((w) => `${w.pos?.line}:${w.pos?.col}: ${w.message}`)).toEqual([
        "4:20: negative number '-5'",
        "4:20: (VI_1): garp_master_delay '-5' invalid - ignoring",
      ]);
      expect(r.config.instances[0]?.garpMasterDelay).toBeUndefined();
    });
  });
});
