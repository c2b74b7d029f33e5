// Issue 14 items 5-8: no keepalived.conf or include makes vrrplab overflow its stack, throw,
// grow memory without bound or block: each is one input error.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, formatInputError } from '../../../src/cli/errors.js';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { loadKeepalivedNode } from '../../../src/keepalived/fs.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { readInputText } from '../../../src/cli/read-input.js';

let dir = '';
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vrrplab-limits-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

function loadError(text: string, name = 'k.conf'): string {
  writeFileSync(join(dir, name), text);
  try { loadKeepalivedNode(name, dir); } catch (e) {
    if (e instanceof InputError) return formatInputError(e);
    throw e;
  }
  return 'no error';
}

const VI = 'vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n}\n';

describe('keepalived.conf reading limits', () => {
  it('item 5: 3,500 nested braces are refused at the brace that goes too deep', () => {
    expect(loadError(`x_kw ${'{ '.repeat(3500)}${'} '.repeat(3500)}\n`)).toBe('k.conf:1:206: blocks nested more than 100 deep; expected at most 100 levels of { }');
  });

  it('item 6: a glob class glob(3) cannot use matches nothing instead of throwing', () => {
    writeFileSync(join(dir, 'k.conf'), `include /[z-a]\n${VI}`);
    const n = loadKeepalivedNode('k.conf', dir);
    expect(n.warnings.map((w) => w.message)).toContain("Unable to find config file(s) '/[z-a]'");
  });

  it('item 7: an included file of 200k lines is read (no spread into push)', () => {
    writeFileSync(join(dir, 'big.conf'), '# c\n'.repeat(200_000));
    writeFileSync(join(dir, 'k.conf'), `include big.conf\n${VI}`);
    expect(loadKeepalivedNode('k.conf', dir).node.keepalived.instances).toHaveLength(1);
  });

  it('item 7: a 3^10 include fan-out ends with a total-work error', () => {
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, `l${i}.conf`), `include l${i + 1}.conf\n`.repeat(3));
    writeFileSync(join(dir, 'l10.conf'), '# leaf\n');
    expect(loadError('include l0.conf\n')).toMatch(/l\d+\.conf:\d+:1: 'include l\d+\.conf': more than 1000 files included in all \(an include loop or bomb\?\)/);
  });

  it('item 8: include /dev/zero and /dev/urandom are refused, not read until memory runs out', () => {
    expect(loadError('include /dev/zero\n')).toBe("k.conf:1:1: 'include /dev/zero': cannot read /dev/zero: a character device, not a regular file; expected a regular keepalived.conf file");
    expect(loadError('include /dev/urandom\n')).toMatch(/cannot read \/dev\/urandom: a character device/);
  });

  it('item 8: a FIFO is refused at once instead of blocking', () => {
    execFileSync('mkfifo', [join(dir, 'fifo.conf')]);
    expect(loadError('include fifo.conf\n')).toMatch(/^k\.conf:1:1: 'include fifo\.conf': cannot read .*fifo\.conf: a FIFO, not a regular file/);
    expect(() => readInputText(join(dir, 'fifo.conf'))).toThrow(/a FIFO/);
  });

  it('item 8: a file over the size limit is refused', () => {
    writeFileSync(join(dir, 'huge.conf'), Buffer.alloc(9 * 1024 * 1024, 0x23));
    expect(loadError('include huge.conf\n')).toMatch(/cannot read .*huge\.conf: 9437184 bytes, over the 8388608-byte input limit/);
  });

  it('item 8: a directory included stays "Unable to find", as before', () => {
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'k.conf'), `include d\n${VI}`);
    expect(loadKeepalivedNode('k.conf', dir).warnings.map((w) => w.message)).toContain("Unable to find config file(s) 'd'");
  });

  it('item 8: `vrrplab run /dev/zero` and `keepalived: /dev/zero` in a scenario are input errors', async () => {
    const io = bufferIo(dir);
    expect(await main(['run', '/dev/zero'], io)).toBe(2);
    expect(io.stderr()).toBe('vrrplab: /dev/zero: cannot read scenario: a character device, not a regular file; expected a readable YAML file\n');
    const sc = 'name: z\nduration: 5s\nnodes:\n  - name: a\n    address: 192.0.2.1\n    keepalived: /dev/zero\n';
    let err: unknown;
    try { loadScenarioText(sc, join(dir, 's.yaml')); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/cannot read keepalived configuration '\/dev\/zero' \(a character device, not a regular file\)/);
  });
});
