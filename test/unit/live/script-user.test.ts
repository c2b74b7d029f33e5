// Issue 14 item 13 (script user): speak runs scripts as keepalived would, not always as root.
import { describe, expect, it } from 'vitest';
import { defaultUserRemovals, scriptRunAs } from '../../../src/live/script-user.js';
import { emptyKeepalivedConfig, type KeepalivedConfig } from '../../../src/model/types.js';

const conf = (over: Partial<KeepalivedConfig>): KeepalivedConfig => ({ ...emptyKeepalivedConfig(), ...over });

describe('scriptRunAs', () => {
  it('the script\'s own user wins', () => {
    const c = conf({ scripts: [{ name: 'chk', script: '/bin/true', user: 'nobody', group: 'nogroup' }], globalDefs: { scriptUser: { user: 'ka' } } });
    expect(scriptRunAs(c, 'chk', () => true)).toEqual({ user: 'nobody', group: 'nogroup' });
  });
  it('then global_defs script_user', () => {
    const c = conf({ scripts: [{ name: 'chk', script: '/bin/true' }], globalDefs: { scriptUser: { user: 'ka' } } });
    expect(scriptRunAs(c, 'chk', () => true)).toEqual({ user: 'ka' });
  });
  it('then keepalived_script when it exists, else root', () => {
    const c = conf({ scripts: [{ name: 'chk', script: '/bin/true' }] });
    expect(scriptRunAs(c, 'chk', (u) => u === 'keepalived_script')).toEqual({ user: 'keepalived_script' });
    expect(scriptRunAs(c, 'chk', () => false)).toEqual({ user: 'root' });
  });
});

describe('defaultUserRemovals (enable_script_security, no keepalived_script user)', () => {
  const inst = { name: 'VI_1', trackScript: [{ name: 'chk' }, { name: 'own' }] } as const;
  const c = (security: boolean, scriptUser?: { user: string }): KeepalivedConfig => conf({
    scripts: [{ name: 'chk', script: '/bin/true' }, { name: 'own', script: '/bin/true', user: 'root' }],
    instances: [inst],
    globalDefs: { enableScriptSecurity: security, ...(scriptUser === undefined ? {} : { scriptUser }) },
  });
  it('removes the scripts that would run as the missing default user, in keepalived\'s words', () => {
    const r = defaultUserRemovals(c(true), () => false);
    expect([...r.scripts]).toEqual(['chk']);
    expect(r.lines).toEqual([
      "Script user 'keepalived_script' does not exist",
      'Unable to set default user keepalived_script for script',
      'Unable to set default user for vrrp script chk - removing',
      '(VI_1) track script chk not found, ignoring...',
    ]);
  });
  it('removes nothing without enable_script_security, with script_user, or when the user exists', () => {
    expect(defaultUserRemovals(c(false), () => false).lines).toEqual([]);
    expect(defaultUserRemovals(c(true, { user: 'root' }), () => false).lines).toEqual([]);
    expect(defaultUserRemovals(c(true), (u) => u === 'keepalived_script').lines).toEqual([]);
  });
});
