// Issue 14 item 13 (script user): speak runs scripts as keepalived would, not always as root.
import { describe, expect, it } from 'vitest';
import { scriptRunAs } from '../../../src/live/script-user.js';
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
