import { describe, expect, it } from 'vitest';
import { originalConfText, withPriority } from '../../../src/conformance/original-conf.js';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';

const CONF = "vrrp_instance VI_1 {\n    interface eth0\n    priority 150 # main\n    virtual_router_id 51\n}\nvrrp_instance VI_2\n{\n    interface eth0\n    virtual_router_id 52\n}\n";

describe('the original keepalived.conf in a conformance run', () => {
  it('only appends the notify FIFO the harness observes through', () => {
    const t = originalConfText(CONF, '/run/x.fifo', false);
    expect(t.startsWith(CONF)).toBe(true);
    expect(parseKeepalivedConf(t, 'k').config.globalDefs.unknown).toEqual([{ words: ['vrrp_notify_fifo', '/run/x.fifo'] }]);
  });
  it("set-priority edits the instance's priority line, or adds one, and nothing else", () => {
    const a = withPriority(CONF, 'VI_1', 250);
    expect(a.split('\n')[2]).toBe('    priority 250 # main');
    expect(a.split('\n').filter((l, i) => l !== CONF.split('\n')[i])).toHaveLength(1);
    const b = withPriority(CONF, 'VI_2', 90);
    expect(parseKeepalivedConf(b, 'k').config.instances.map((i) => i.priority)).toEqual([150, 90]);
  });
});
