// The error standard for every command: bad input is one stderr line `vrrplab: <where>: <what>`
// naming the file position (or the flag), exit 2, nothing on stdout and no output file.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

const CONF_A = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 200
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
`;
const CONF_B = CONF_A.replace('priority 200', 'priority 100');

// Line numbers below are this text's; every variant replaces within one line.
const SCENARIO = `name: t
duration: 20s
segments:
  - name: lan
nodes:
  - name: lb-a
    address: 192.0.2.1
    services:
      - { name: web, port: 80 }
    keepalived: a.conf
  - name: lb-b
    address: 192.0.2.2
    keepalived: b.conf
probes:
  - { name: web, target: 192.0.2.100, port: 80, every: 100ms }
timeline:
  - at: 5s
    crash: lb-a
expect:
  - at: 4s
    master: { instance: VI_1, node: lb-a }
  - availability: { probe: web, min: 50% }
`;

function variant(from: string, to: string): string {
  if (!SCENARIO.includes(from)) throw new Error(`test bug: '${from}' is not in the scenario`);
  return SCENARIO.replace(from, to);
}

const FILES: Record<string, string | Buffer> = {
  'a.conf': CONF_A,
  'b.conf': CONF_B,
  'ok.yaml': SCENARIO,
  'empty.yaml': '',
  'garbage.yaml': Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 97 + 13) % 256)),
  'garbage.conf': Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 89 + 7) % 256)),
  'syntax.yaml': 'name: t\nnodes: [a, b\n',
  'dupkey.yaml': 'name: a\nname: b\n',
  'list.yaml': '- a\n- b\n',
  'name-type.yaml': variant('name: t', 'name: 5'),
  'no-duration.yaml': variant('duration: 20s\n', ''),
  'neg-duration.yaml': variant('duration: 20s', 'duration: -5s'),
  'unknown-key.yaml': variant('duration: 20s', 'duration: 20s\nbogus: 1'),
  'unknown-fault.yaml': variant('    crash: lb-a', '    explode: lb-a'),
  'fault-node.yaml': variant('    crash: lb-a', '    crash: lb-zz'),
  'fault-prio.yaml': variant('    crash: lb-a', '    set-priority: { node: lb-a, instance: VI_1, priority: 256 }'),
  'fault-at.yaml': variant('  - at: 5s', '  - at: soon'),
  'at-list.yaml': variant('  - at: 5s', '  - at: []'),
  'at-null.yaml': variant('  - at: 4s', '  - at: null'),
  'unknown-probe.yaml': variant('probe: web, min', 'probe: nope, min'),
  'bad-percent.yaml': variant('min: 50%', 'min: 150%'),
  'unknown-instance.yaml': variant('instance: VI_1', 'instance: VI_9'),
  'unknown-node.yaml': variant('node: lb-a }', 'node: lb-q }'),
  'dup-node.yaml': variant('  - name: lb-b', '  - name: lb-a'),
  'dup-address.yaml': variant('address: 192.0.2.2', 'address: 192.0.2.1'),
  'bad-address.yaml': variant('address: 192.0.2.2', 'address: 192.0.2.300'),
  'bad-port.yaml': variant('port: 80 }', 'port: 70000 }'),
  'missing-conf.yaml': variant('keepalived: b.conf', 'keepalived: nope.conf'),
  'bad-inline-conf.yaml': variant('keepalived: b.conf', 'keepalived: |\n      vrrp_instance VI_1 {\n          priority\n      }'),
  'unclosed.conf': 'vrrp_instance VI_1 {\n    state BACKUP\n',
  // keepalived itself stops on a keyword without its parameter (null_strvec(), lib/parser.c:420-428).
  'no-param.conf': CONF_A.replace('priority 200', 'priority'),
  'ipf-flag.txt': 'oc adm ipfailover --bogus-flag=1 --virtual-ips=192.0.2.10\n',
  'ipf-good.txt': 'oc adm ipfailover --virtual-ips=192.0.2.10 --replicas=2\n',
  'ipf-junk.env': 'OPENSHIFT_HA_VIRTUAL_IPS=192.0.2.10\nthis is junk\n',
  'ipf-number.env': 'OPENSHIFT_HA_VIRTUAL_IPS=192.0.2.10\nOPENSHIFT_HA_VRRP_ID_OFFSET=abc\n',
  'ipf-unknown.env': 'OPENSHIFT_HA_VIRTUAL_IPS=192.0.2.10\nOPENSHIFT_HA_BOGUS=1\n',
  'ipf-nocontainers.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ipf\n',
  'ipf-noname.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ipf\nspec:\n  template:\n    spec:\n      containers:\n        - name: x\n          env:\n            - name: OPENSHIFT_HA_VIRTUAL_IPS\n              value: 192.0.2.10\n            - value: "3"\n',
  'not-ipf.txt': 'hello world\n',
};

interface Case {
  readonly argv: readonly string[];
  /** `file:line:col` for file inputs, the flag or argument for argv. */
  readonly where: string;
  readonly phrase: string;
  /** A path the command must not have created. */
  readonly noFile?: string;
}

const CASES: readonly Case[] = [
  // argv, any command
  { argv: ['nosuch'], where: "'nosuch'", phrase: 'unknown command' },
  { argv: ['help', 'nosuch'], where: "'nosuch'", phrase: 'unknown command' },
  { argv: ['run'], where: "'scenario'", phrase: 'missing required argument' },
  { argv: ['run', 'ok.yaml', '--bogus'], where: "'--bogus'", phrase: 'unknown option' },
  { argv: ['packet'], where: 'packet: ', phrase: 'missing subcommand' },
  // run: the scenario file
  { argv: ['run', 'missing.yaml'], where: 'missing.yaml: ', phrase: 'no such file' },
  { argv: ['run', 'emptydir'], where: 'emptydir: ', phrase: 'no .yaml scenarios' },
  { argv: ['run', 'empty.yaml'], where: 'empty.yaml:1:1: ', phrase: 'expected a mapping' },
  { argv: ['run', 'garbage.yaml'], where: 'garbage.yaml:', phrase: 'expected' },
  { argv: ['run', 'syntax.yaml'], where: 'syntax.yaml:', phrase: 'invalid YAML' },
  { argv: ['run', 'dupkey.yaml'], where: 'dupkey.yaml:', phrase: 'unique' },
  { argv: ['run', 'list.yaml'], where: 'list.yaml:1:1: ', phrase: 'expected a mapping' },
  { argv: ['run', 'name-type.yaml'], where: 'name-type.yaml:1:7: ', phrase: 'name: expected a string, got number 5' },
  { argv: ['run', 'no-duration.yaml'], where: 'no-duration.yaml:1:1: ', phrase: 'duration: missing' },
  { argv: ['run', 'neg-duration.yaml'], where: 'neg-duration.yaml:2:11: ', phrase: 'expected a duration' },
  // Points at the mapping holding the key, not the key (test/unit/scenario/load.test.ts pins that).
  { argv: ['run', 'unknown-key.yaml'], where: 'unknown-key.yaml:', phrase: "unknown key 'bogus'" },
  { argv: ['run', 'unknown-fault.yaml'], where: 'unknown-fault.yaml:18:5: ', phrase: "unknown fault 'explode'" },
  { argv: ['run', 'fault-node.yaml'], where: 'fault-node.yaml:18:12: ', phrase: "unknown node 'lb-zz'" },
  { argv: ['run', 'fault-prio.yaml'], where: 'fault-prio.yaml:18:', phrase: '<=255' },
  { argv: ['run', 'fault-at.yaml'], where: 'fault-at.yaml:17:', phrase: 'expected a duration' },
  { argv: ['run', 'at-list.yaml'], where: 'at-list.yaml:17:', phrase: 'expected a time like 10s, got a list' },
  { argv: ['run', 'at-null.yaml'], where: 'at-null.yaml:20:', phrase: 'expected a time like 10s, got nothing' },
  { argv: ['run', 'unknown-probe.yaml'], where: 'unknown-probe.yaml:22:', phrase: "unknown probe 'nope'" },
  { argv: ['run', 'bad-percent.yaml'], where: 'bad-percent.yaml:22:', phrase: 'more than 100%' },
  { argv: ['run', 'unknown-instance.yaml'], where: 'unknown-instance.yaml:21:', phrase: "vrrp_instance 'VI_9'" },
  { argv: ['run', 'unknown-node.yaml'], where: 'unknown-node.yaml:21:', phrase: "unknown node 'lb-q'" },
  { argv: ['run', 'dup-node.yaml'], where: 'dup-node.yaml:11:', phrase: 'defined twice' },
  { argv: ['run', 'dup-address.yaml'], where: 'dup-address.yaml:11:', phrase: 'used twice' },
  { argv: ['run', 'bad-address.yaml'], where: 'bad-address.yaml:12:14: ', phrase: 'IPv4 address' },
  { argv: ['run', 'bad-port.yaml'], where: 'bad-port.yaml:9:', phrase: '65535' },
  { argv: ['run', 'missing-conf.yaml'], where: 'missing-conf.yaml:13:', phrase: "cannot read keepalived configuration 'nope.conf'" },
  { argv: ['run', 'bad-inline-conf.yaml'], where: 'bad-inline-conf.yaml:15:', phrase: 'missing a parameter' },
  // run: flags
  { argv: ['run', 'ok.yaml', '--seed', '-1'], where: '--seed', phrase: 'expected an integer' },
  { argv: ['run', 'ok.yaml', '--until', 'abc'], where: '--until', phrase: 'expected a duration' },
  { argv: ['run', 'ok.yaml', '--format', 'xml'], where: '--format', phrase: 'expected text or json' },
  { argv: ['run', 'ok.yaml', '--html', 'emptydir'], where: 'emptydir: ', phrase: 'cannot write' },
  { argv: ['run', 'ok.yaml', '--junit', 'a.conf/x.xml'], where: 'a.conf/x.xml: ', phrase: 'cannot write', noFile: 'a.conf/x.xml' },
  { argv: ['run', 'ok.yaml', '--html', 'r.html', '--junit', 'r.html'], where: 'r.html: ', phrase: 'same file', noFile: 'r.html' },
  // check-config, lint: keepalived.conf and ipfailover inputs
  { argv: ['check-config', 'missing.conf'], where: 'missing.conf: ', phrase: 'ENOENT' },
  { argv: ['check-config', 'emptydir'], where: 'emptydir: ', phrase: 'EISDIR' },
  { argv: ['check-config', 'unclosed.conf'], where: 'unclosed.conf:3:1: ', phrase: 'not closed' },
  { argv: ['check-config', 'garbage.conf'], where: 'garbage.conf:', phrase: 'expected' },
  { argv: ['check-config', 'no-param.conf'], where: 'no-param.conf:5:5: ', phrase: 'missing a parameter' },
  { argv: ['check-config', 'dup-node.yaml'], where: 'dup-node.yaml:11:', phrase: 'defined twice' },
  { argv: ['lint', 'unclosed.conf'], where: 'unclosed.conf:3:1: ', phrase: 'not closed' },
  { argv: ['lint', 'ipf-junk.env'], where: 'ipf-junk.env:2:1: ', phrase: 'expected KEY=VALUE' },
  { argv: ['lint', 'a.conf', '--format', 'xml'], where: '--format', phrase: 'expected text or json' },
  { argv: ['lint', 'a.conf', '--node', 'n1'], where: '--node', phrase: 'NAME,ADDRESS' },
  { argv: ['lint', 'a.conf', '--node', 'n1,192.0.2.300'], where: '--node', phrase: 'dotted-quad' },
  // import
  { argv: ['import', 'nginx', 'a.conf'], where: 'nginx: ', phrase: 'unknown import source' },
  { argv: ['import', 'keepalived', 'unclosed.conf'], where: 'unclosed.conf:3:1: ', phrase: 'not closed' },
  { argv: ['import', 'keepalived', 'a.conf', 'b.conf', '--names', 'x'], where: '--names', phrase: 'one name per file' },
  { argv: ['import', 'keepalived', 'a.conf', '--names', 'bad/name'], where: '--names', phrase: 'not a node name' },
  { argv: ['import', 'keepalived', 'a.conf', '--format', 'xml'], where: '--format', phrase: 'expected yaml or json' },
  { argv: ['import', 'keepalived', 'a.conf', '--out', 'emptydir'], where: 'emptydir: ', phrase: 'cannot write' },
  { argv: ['import', 'keepalived', 'a.conf', '--out', 'a.conf/x.yaml'], where: 'a.conf/x.yaml: ', phrase: 'cannot write' },
  { argv: ['import', 'ipfailover', 'missing.txt'], where: 'missing.txt: ', phrase: 'ENOENT' },
  { argv: ['import', 'ipfailover', 'not-ipf.txt'], where: 'not-ipf.txt:1:1: ', phrase: 'not an ipfailover input' },
  { argv: ['import', 'ipfailover', 'ipf-flag.txt'], where: 'ipf-flag.txt:1:19: ', phrase: 'unknown flag --bogus-flag' },
  { argv: ['import', 'ipfailover', 'ipf-junk.env'], where: 'ipf-junk.env:2:1: ', phrase: 'expected KEY=VALUE' },
  { argv: ['import', 'ipfailover', 'ipf-number.env'], where: 'ipf-number.env:2:', phrase: 'expected a whole number' },
  { argv: ['import', 'ipfailover', 'ipf-unknown.env'], where: 'ipf-unknown.env:2:', phrase: 'unknown variable OPENSHIFT_HA_BOGUS' },
  { argv: ['import', 'ipfailover', 'ipf-nocontainers.yaml'], where: 'ipf-nocontainers.yaml:1:1: ', phrase: 'containers' },
  { argv: ['import', 'ipfailover', 'ipf-noname.yaml'], where: 'ipf-noname.yaml:13:', phrase: 'no name' },
  // render
  { argv: ['render', 'nginx', 'a.conf'], where: 'nginx: ', phrase: 'unknown render target' },
  { argv: ['render', 'keepalived', 'ok.yaml', '--node', 'nope'], where: '--node', phrase: "'nope'" },
  { argv: ['render', 'keepalived', 'a.conf', '--out', 'a.conf'], where: 'a.conf/a.conf: ', phrase: 'cannot write' },
  { argv: ['render', 'ipfailover'], where: 'render ipfailover: ', phrase: 'missing INPUT' },
  { argv: ['render', 'ipfailover', 'ipf-good.txt', '--format', 'xml'], where: '--format', phrase: 'unknown format' },
  { argv: ['render', 'ipfailover', 'ipf-good.txt', '--format', 'keepalived', '--address', '192.0.2.5', '--random', '32'], where: '--random', phrase: '0..31' },
  { argv: ['render', 'ipfailover', '--args', 'oc adm ipfailover --nope', '--format', 'cli'], where: '--args:1:19: ', phrase: 'unknown flag --nope' },
  { argv: ['render', 'ipfailover', 'ipf-good.txt', '--format', 'cli', '--out', 'emptydir'], where: 'emptydir: ', phrase: 'cannot write' },
  { argv: ['render', 'ipfailover', 'ipf-good.txt', '--format', 'cli', '--out', 'nodir/sub/x.txt', '--args', 'oc adm ipfailover'], where: '--args', phrase: 'not both', noFile: 'nodir' },
  // explore: flags are checked before any run
  { argv: ['explore', 'missing.yaml'], where: 'missing.yaml: ', phrase: 'cannot read the scenario' },
  { argv: ['explore', 'ok.yaml', '--runs', '0'], where: '--runs', phrase: 'expected an integer' },
  { argv: ['explore', 'ok.yaml', '--seed', '-1'], where: '--seed', phrase: 'expected an integer' },
  { argv: ['explore', 'ok.yaml', '--faults', 'explode'], where: '--faults', phrase: "unknown fault 'explode'" },
  { argv: ['explore', 'ok.yaml', '--horizon', 'abc'], where: '--horizon', phrase: 'expected a duration' },
  { argv: ['explore', 'ok.yaml', '--jobs', '0'], where: '--jobs', phrase: 'expected a number of processes' },
  { argv: ['explore', 'ok.yaml', '--out', 'emptydir'], where: 'emptydir: ', phrase: 'names a folder' },
  { argv: ['explore', 'ok.yaml', '--out', 'nodir/x.yaml'], where: 'nodir/x.yaml: ', phrase: 'does not exist', noFile: 'nodir' },
  // packet
  { argv: ['packet', 'encode', '192.0.2.10', '--vrid', '0'], where: '--vrid', phrase: '1..255' },
  { argv: ['packet', 'encode', '192.0.2.10', '--vrid', '256'], where: '--vrid', phrase: '1..255' },
  { argv: ['packet', 'encode', '192.0.2.10', '--vrid', '5', '--priority', '256'], where: '--priority', phrase: '0..255' },
  { argv: ['packet', 'encode', '192.0.2.300', '--vrid', '5'], where: 'VIP', phrase: 'not an IP address' },
  { argv: ['packet', 'encode', '192.0.2.10', '--vrid', '5', '--advert-int', '-1'], where: '--advert-int', phrase: 'number of seconds' },
  { argv: ['packet', 'decode', 'zz'], where: 'HEX', phrase: 'not a hex digit' },
  { argv: ['packet', 'decode', '2105', '--format', 'xml'], where: '--format', phrase: 'unknown format' },
  // monitor / speak: only what is checked before any socket or privilege
  { argv: ['monitor'], where: "'--interface <if>'", phrase: 'not specified' },
  { argv: ['monitor', '--interface', 'lo', '--duration', 'abc'], where: '--duration', phrase: 'expected a duration' },
  { argv: ['monitor', '--interface', 'lo', '--duration', '0s'], where: '--duration', phrase: 'positive duration' },
  { argv: ['monitor', '--interface', 'lo', '--format', 'xml'], where: '--format', phrase: 'expected text or json' },
  { argv: ['monitor', '--interface', 'vrrplab-nosuch0', '--duration', '1s'], where: '--interface', phrase: 'no such interface' },
  { argv: ['speak', '--interface', 'lo'], where: "'--config <file>'", phrase: 'not specified' },
  { argv: ['speak', '--interface', 'lo', '--config', 'missing.conf'], where: 'missing.conf: ', phrase: 'ENOENT' },
  { argv: ['speak', '--interface', 'lo', '--config', 'unclosed.conf'], where: 'unclosed.conf:3:1: ', phrase: 'not closed' },
  { argv: ['speak', '--interface', 'lo', '--config', 'ok.yaml'], where: '--node', phrase: 'expected --node' },
  { argv: ['speak', '--interface', 'lo', '--config', 'ok.yaml', '--node', 'nope'], where: '--node', phrase: "no node 'nope'" },
  { argv: ['speak', '--interface', 'lo', '--config', 'a.conf', '--duration', '-3s'], where: '--duration', phrase: 'expected a duration' },
];

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vrrplab-bad-input-'));
  for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
  mkdirSync(join(dir, 'emptydir'));
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function listing(): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('bad input: one line on stderr, exit 2, nothing written', () => {
  it.each(CASES.map((c) => [c.argv.join(' '), c] as const))('vrrplab %s', async (_name, c) => {
    const before = listing();
    const io = bufferIo(dir);
    const code = await main(c.argv, io);
    const err = io.stderr();
    expect(err).toMatch(/^vrrplab: [^\n]+\n$/);
    expect(err).toContain(c.where);
    expect(err).toContain(c.phrase);
    expect(err).not.toMatch(/internal error|\n\s+at /);
    expect(io.stdout()).toBe('');
    expect(code).toBe(2);
    // No output file, no temp file left behind.
    expect(listing()).toEqual(before);
    if (c.noFile !== undefined) expect(existsSync(join(dir, c.noFile))).toBe(false);
  });

  it.each(['check-config', 'run', 'lint', 'import ipfailover'])('an unreadable file is bad input for %s, not a crash', async (command) => {
    // Root reads a file whatever its mode; /proc/self/mem fails every plain read (EIO) instead.
    const root = process.getuid?.() === 0;
    const path = root ? '/proc/self/mem' : 'locked.conf';
    if (!root) {
      writeFileSync(join(dir, path), CONF_A);
      chmodSync(join(dir, path), 0o000);
    }
    try {
      const io = bufferIo(dir);
      expect(await main([...command.split(' '), path], io)).toBe(2);
      expect(io.stderr()).toMatch(new RegExp(`^vrrplab: ${path.replace(/[./]/g, '\\$&')}: [^\\n]*(EACCES|EIO)[^\\n]*\\n$`));
      expect(io.stdout()).toBe('');
    } finally {
      if (!root) rmSync(join(dir, path));
    }
  });

  it('the commands still accept good input (so the cases above fail for their mistake alone)', async () => {
    for (const argv of [['check-config', 'a.conf', 'b.conf'], ['lint', 'ok.yaml'], ['render', 'keepalived', 'ok.yaml'], ['import', 'ipfailover', 'ipf-good.txt'], ['packet', 'encode', '192.0.2.10', '--vrid', '5']]) {
      const io = bufferIo(dir);
      expect(await main(argv, io), `${argv.join(' ')}: ${io.stderr()}`).toBeLessThan(2);
    }
    const io = bufferIo(dir);
    expect(await main(['run', 'ok.yaml', '--format', 'json'], io), io.stderr()).toBeLessThan(2);
  });
});

describe('the real process', () => {
  it('exits 2 with one stderr line and no stack trace for a missing scenario', () => {
    // From the repository root, where --import tsx resolves; missing.yaml must not exist there.
    expect(existsSync('missing.yaml')).toBe(false);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', 'missing.yaml'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^vrrplab: missing\.yaml: [^\n]+\n$/);
    expect(r.stdout).toBe('');
  });
});
