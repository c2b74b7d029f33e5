import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// vrrp_script commands are exec'd the way keepalived 2.2.7 splits them (no shell), and a run
// that fails, cannot start or outlives its timeout is a failure.
import { describe, expect, it } from 'vitest';
import { runScriptCommand } from '../../../src/live/scripts.js';
import { scriptArgv } from '../../../src/keepalived/script-argv.js';

describe('scriptArgv (keepalived alloc_strvec_quoted_escaped rules)', () => {
  it('splits on whitespace and groups quotes of either kind', () => {
    expect(scriptArgv(`/bin/bash -c '</dev/tcp/127.0.0.1/80'`)).toEqual(['/bin/bash', '-c', '</dev/tcp/127.0.0.1/80']);
    expect(scriptArgv(`  /usr/bin/killall   -0 "ha proxy" `)).toEqual(['/usr/bin/killall', '-0', 'ha proxy']);
    expect(scriptArgv(`a"b c"d`)).toEqual(['ab cd']);
  });

  it('decodes backslash escapes, inside quotes too', () => {
    expect(scriptArgv('a\\tb')).toEqual(['a\tb']);
    expect(scriptArgv(`'x\\'y'`)).toEqual([`x'y`]);
    expect(scriptArgv('\\x41\\101\\cA z\\ y')).toEqual(['AA\x01', 'z y']);
  });

  it('refuses what keepalived refuses: unmatched quotes, a trailing backslash, nothing at all', () => {
    expect(scriptArgv(`/bin/echo "open`)).toBeUndefined();
    expect(scriptArgv('/bin/echo \\')).toBeUndefined();
    expect(scriptArgv('   ')).toBeUndefined();
  });
});

describe('runScriptCommand', () => {
  it('is ok only for exit 0', async () => {
    expect(await runScriptCommand('/bin/true', 2_000_000)).toBe(true);
    expect(await runScriptCommand('/bin/false', 2_000_000)).toBe(false);
    expect(await runScriptCommand(`/bin/sh -c 'exit 3'`, 2_000_000)).toBe(false);
  });

  it('fails a script that cannot start, or that outlives its timeout', async () => {
    expect(await runScriptCommand('/nonexistent/check', 2_000_000)).toBe(false);
    const t = Date.now();
    expect(await runScriptCommand('/bin/sleep 5', 200_000)).toBe(false);
    expect(Date.now() - t).toBeLessThan(3_000);
  });

  it("runs a script starting '</' through /bin/sh -c, as keepalived's system() does (notify.c:712-716)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrplab-sys-'));
    try {
      writeFileSync(join(dir, 'exists'), '');
      // A redirection is not a program: exec'd directly it could never succeed.
      expect(await runScriptCommand(`</${join(dir, 'exists').slice(1)}`, 2_000_000)).toBe(true);
      expect(await runScriptCommand(`< ${join(dir, 'missing')}`, 2_000_000)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

