// Issue 14 item 13 (script security): before speak runs a vrrp_script it checks the script's path
// as keepalived 2.2.7's lib/notify.c check_script_secure()/check_security() do, on real files.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SC_EXECUTABLE, SC_INHIBIT, SC_INSECURE, SC_ISSCRIPT, SC_NOTFOUND, checkScriptSecure, secureRouter,
} from '../../../src/live/script-security.js';
import { defaultInstanceConfig, defaultScriptConfig } from '../../../src/vrrp/defaults.js';
import type { RouterConfig } from '../../../src/vrrp/types.js';

const ROOT = { uid: 0, gid: 0 };
const NOBODY = 65534;
// Ownership is the rule's heart: files a non-root runner creates are never root's, so every
// check below would say "unsafe". Said loudly, and a failure on CI.
const isRoot = process.getuid?.() === 0;
const onCi = process.env['CI'] === 'true';
if (!isRoot && !onCi) console.warn('SKIPPING script security tests: they create root-owned files and need root');

const router = (): RouterConfig => ({
  instances: [defaultInstanceConfig({ name: 'VI_1', track: [{ kind: 'script', name: 'chk', weight: 0, reverse: false }, { kind: 'interface', name: 'eth0', weight: 0, reverse: false }] })],
  scripts: [defaultScriptConfig({ name: 'chk', script: '/bin/true' })],
  syncGroups: [],
});

describe.skipIf(!isRoot && !onCi)('keepalived script security', () => {
  let dir = '';
  let script = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vrrplab-sec-'));
    chmodSync(dir, 0o755);
    script = join(dir, 'check.sh');
    writeFileSync(script, '#!/bin/sh\nexit 0\n');
    chmodSync(script, 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs as root', () => {
    expect(isRoot, 'these tests need root').toBe(true);
  });

  it('a root-owned script in root-owned directories is safe', () => {
    expect(checkScriptSecure(script, ROOT, true)).toEqual({ flags: SC_ISSCRIPT | SC_EXECUTABLE, lines: [] });
  });

  it('a world-writable script run as root is disabled with enable_script_security', () => {
    chmodSync(script, 0o777);
    const r = checkScriptSecure(`${script} arg`, ROOT, true);
    expect(r.lines).toEqual([`Unsafe permissions found for script '${script}' - disabling.`]);
    expect(r.flags & (SC_INSECURE | SC_INHIBIT)).toBe(SC_INSECURE | SC_INHIBIT);
    const s = secureRouter({ ...router(), scripts: [defaultScriptConfig({ name: 'chk', script })] }, new Map([['chk', r]]), true);
    expect(s.lines).toEqual([...r.lines, 'Disabling track script chk due to insecure']);
    expect(s.router.scripts).toEqual([]);
    expect(s.router.instances[0]?.track).toEqual([{ kind: 'interface', name: 'eth0', weight: 0, reverse: false }]);
  });

  it('without enable_script_security it is only a warning, and the script still runs', () => {
    chmodSync(script, 0o777);
    const r = checkScriptSecure(script, ROOT, false);
    expect(r.lines).toEqual([`Unsafe permissions found for script '${script}'.`]);
    expect(r.flags & SC_INHIBIT).toBe(0);
    const s = secureRouter(router(), new Map([['chk', r]]), false);
    expect(s.lines).toEqual([...r.lines, 'SECURITY VIOLATION - scripts are being executed but script_security not enabled. There are insecure scripts.']);
    expect(s.router).toEqual(router());
  });

  it('a safe script without enable_script_security still draws the SECURITY VIOLATION line', () => {
    const s = secureRouter(router(), new Map([['chk', checkScriptSecure(script, ROOT, false)]]), false);
    expect(s.lines).toEqual(['SECURITY VIOLATION - scripts are being executed but script_security not enabled.']);
  });

  it('a world-writable directory of the path is unsafe; the sticky bit makes it safe', () => {
    chmodSync(dir, 0o777);
    expect(checkScriptSecure(script, ROOT, true).lines).toEqual([`Unsafe permissions found for script '${script}' - disabling.`]);
    chmodSync(dir, 0o1777);
    expect(checkScriptSecure(script, ROOT, true).lines).toEqual([]);
  });

  it('group write is unsafe only for a non-root group; a non-root owner is always unsafe', () => {
    chmodSync(script, 0o775);
    expect(checkScriptSecure(script, ROOT, true).lines).toEqual([]);
    chownSync(script, 0, NOBODY);
    expect(checkScriptSecure(script, ROOT, true).lines).toEqual([`Unsafe permissions found for script '${script}' - disabling.`]);
    chownSync(script, NOBODY, 0);
    chmodSync(script, 0o755);
    expect(checkScriptSecure(script, ROOT, true).lines).toEqual([`Unsafe permissions found for script '${script}' - disabling.`]);
  });

  it('the path is not checked for a script that runs without root powers, but is for group root', () => {
    chmodSync(script, 0o777);
    expect(checkScriptSecure(script, { uid: NOBODY, gid: NOBODY }, true).lines).toEqual([]);
    expect(checkScriptSecure(script, { uid: NOBODY, gid: 0 }, true).flags & SC_INHIBIT).toBe(SC_INHIBIT);
  });

  it('a symlinked directory is checked where it really is', () => {
    const real = join(dir, 'real');
    mkdirSync(real);
    chmodSync(real, 0o777);
    writeFileSync(join(real, 'c.sh'), '#!/bin/sh\n', { mode: 0o755 });
    symlinkSync(real, join(dir, 'link'));
    // realpath() replaces the command's name, so keepalived names the real path.
    expect(checkScriptSecure(join(dir, 'link', 'c.sh'), ROOT, true).lines).toEqual([`Unsafe permissions found for script '${join(real, 'c.sh')}' - disabling.`]);
  });

  it('a script that is not executable, or missing, is dropped in keepalived\'s words', () => {
    chmodSync(script, 0o644);
    const notExec = checkScriptSecure(script, { uid: NOBODY, gid: NOBODY }, true);
    expect(notExec.lines).toEqual([`WARNING - script '${script}' is not executable for uid:gid ${NOBODY}:${NOBODY} - disabling.`]);
    const missing = checkScriptSecure(join(dir, 'nope.sh'), ROOT, true);
    expect(missing).toEqual({ flags: SC_NOTFOUND, lines: [`Script ${join(dir, 'nope.sh')} cannot be accessed - No such file or directory`] });
    const s = secureRouter(router(), new Map([['chk', missing]]), true);
    expect(s.lines).toEqual([...missing.lines, 'Disabling track script chk since not found/accessible']);
    expect(s.router.scripts).toEqual([]);
    expect(secureRouter(router(), new Map([['chk', notExec]]), true).router.scripts).toEqual([]);
  });

  it('a bare name is found in PATH first', () => {
    chmodSync(script, 0o777);
    expect(checkScriptSecure('check.sh', ROOT, true, dir).lines).toEqual([`Unsafe permissions found for script '${script}' - disabling.`]);
    expect(checkScriptSecure('nosuch', ROOT, true, dir).lines).toEqual(['Cannot find script nosuch in path - disabling']);
  });
});
