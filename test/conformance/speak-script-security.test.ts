// Issue 14 item 13 against the real keepalived 2.2.7: a world-writable vrrp_script run as root is
// disabled with enable_script_security and only warned about without it (lib/notify.c
// check_security(), vrrp.c check_track_script_secure()/check_vrrp_script_security()). keepalived
// logs these at start-up, not under -t, so both keepalived and `vrrplab speak` really start,
// each alone in a namespace of our own, and say the same lines about the same file.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { KEEPALIVED, keepalivedMissing, realKeepalivedSuite, suiteNamespace } from '../support/keepalived-ns.js';

const NS = `vrrplab-f14-${process.pid}`;
const CLI = join(import.meta.dirname, '../../src/cli/main.ts');

const why = keepalivedMissing();
const suite = realKeepalivedSuite(why, 'speak script security conformance tests');

/**
 * Runs argv in the namespace until it exits, prints a line matching `until` or `seconds` pass,
 * then SIGTERM; everything it printed.
 */
function runUntil(seconds: number, argv: string[], until?: RegExp): Promise<string> {
  const child = spawn('ip', ['netns', 'exec', NS, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const stop = (): void => { child.kill('SIGTERM'); };
  const timer = setTimeout(stop, seconds * 1000);
  const take = (d: Buffer): void => {
    out += d.toString();
    if (until?.test(out) === true) stop();
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((resolve) => child.on('close', () => { clearTimeout(timer); resolve(out); }));
}

// keepalived reports a script's security while it reads its configuration, before its first
// instance enters a state; once one has, nothing more about security will come.
const STARTED = /Entering (BACKUP|MASTER|FAULT) STATE/;

const SECURITY = /Unsafe permissions|Disabling track script|SECURITY VIOLATION|Script user|Unable to set default user|track script .* not found/;

const conf = (script: string, security: boolean, scriptUser = true): string => `global_defs {
  router_id f14
${scriptUser ? '  script_user root\n' : ''}${security ? '  enable_script_security\n' : ''}}
vrrp_script chk {
  script "${script}"
  interval 1
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 100
  advert_int 1
  virtual_ipaddress {
    192.0.2.100/24
  }
  track_script {
    chk
  }
}
`;

suite('speak refuses insecure scripts as keepalived does', () => {
  const scratch = suiteNamespace(NS, [{ name: 'eth0', addresses: ['192.0.2.1/24'] }], why);
  let dir = '';
  let script = '';
  beforeAll(() => {
    dir = scratch.dir();
    chmodSync(dir, 0o755);
    script = join(dir, 'check.sh');
    writeFileSync(script, '#!/bin/sh\nexit 0\n');
    chmodSync(script, 0o777);
  });

  it('has its prerequisites (fails on CI when missing)', () => {
    expect(why).toBeUndefined();
  });

  async function both(security: boolean, scriptUser = true): Promise<{ keepalived: string[]; speak: string[] }> {
    const file = join(dir, `k-${String(security)}-${String(scriptUser)}.conf`);
    writeFileSync(file, conf(script, security, scriptUser));
    const ka = await runUntil(10, [KEEPALIVED, '-n', '-l', '-D', '-P', '-f', file, '-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid')], STARTED);
    const sp = await runUntil(20, [process.execPath, '--import', 'tsx', CLI, 'speak', '--interface', 'eth0', '--config', file, '--duration', '1s']);
    return {
      // keepalived's console log puts a timestamp first: "Fri Dec  4 21:48:47 2026: ..."
      keepalived: ka.split('\n').filter((l) => SECURITY.test(l)).map((l) => l.replace(/^.*? \d{4}: /, '').replace(/^\(.*: Line \d+\) /, '')),
      speak: sp.split('\n').filter((l) => l.startsWith('keepalived: ')).map((l) => l.slice('keepalived: '.length)),
    };
  }

  it('with enable_script_security the script is disabled', async () => {
    const r = await both(true);
    expect(r.keepalived).toEqual([`Unsafe permissions found for script '${script}' - disabling.`, 'Disabling track script chk due to insecure']);
    expect(r.speak).toEqual(r.keepalived);
  }, 60_000);

  it('without it keepalived warns and runs the script', async () => {
    const r = await both(false);
    expect(r.keepalived).toEqual([`Unsafe permissions found for script '${script}'.`, 'SECURITY VIOLATION - scripts are being executed but script_security not enabled. There are insecure scripts.']);
    expect(r.speak).toEqual(r.keepalived);
  }, 60_000);

  it('with enable_script_security and no script user, the missing keepalived_script user removes the script', async () => {
    let defaultUser = true;
    try { execFileSync('id', ['-u', 'keepalived_script'], { stdio: 'pipe' }); } catch { defaultUser = false; }
    expect(defaultUser, 'this host has a keepalived_script user; the removal cannot be seen').toBe(false);
    const r = await both(true, false);
    expect(r.keepalived).toEqual([
      "Script user 'keepalived_script' does not exist",
      'Unable to set default user keepalived_script for script',
      'Unable to set default user for vrrp script chk - removing',
      '(VI_1) track script chk not found, ignoring...',
    ]);
    expect(r.speak).toEqual(r.keepalived);
  }, 60_000);
});
