// Issue 14 item 9: names that are also Object.prototype keys are ordinary names everywhere.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/cli/errors.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { createRouter } from '../../../src/vrrp/create.js';
import { step } from '../../../src/vrrp/router.js';
import { defaultInstanceConfig } from '../../../src/vrrp/defaults.js';
import { instanceAt } from '../../../src/vrrp/state.js';

const conf = (script: string): string => [
  `vrrp_script ${script} {`, '  script "/usr/local/bin/check_it"', '}',
  'vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51', '  priority 100',
  '  virtual_ipaddress {', '    192.0.2.100', '  }', '  track_script {', `    ${script}`, '  }', '}',
].join('\n');

const scenario = (script: string, bind = ''): string =>
  `name: p\nduration: 5s\nnodes:\n  - name: a\n    address: 192.0.2.1\n${bind}    keepalived: |\n${conf(script).split('\n').map((l) => `      ${l}`).join('\n')}\n`;

describe('prototype-named tables', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`a vrrp_script named ${name} must be bound like any other`, () => {
      expect(() => loadScenarioText(scenario(name), 's.yaml')).toThrow(InputError);
      expect(() => loadScenarioText(scenario(name), 's.yaml')).toThrow(new RegExp(`vrrp_script ${name} runs '/usr/local/bin/check_it'.*bind it`));
    });
  }

  it('a vrrp_script named constructor bound to ok: true is simulated as succeeding', () => {
    const s = loadScenarioText(scenario('constructor', '    scripts: { constructor: { ok: true } }\n'), 's.yaml');
    expect(s.spec.nodes[0]?.scripts.get('constructor')).toEqual({ kind: 'const', ok: true });
  });

  it('an interface named constructor is up unless reported down (core carrier table)', () => {
    const cfg = { ...defaultInstanceConfig({ iface: 'constructor' }) };
    const r = step(createRouter({ instances: [cfg], scripts: [], syncGroups: [] }), { type: 'start', ifaceUp: new Map() }, 0).router;
    const down = step(r, { type: 'interface', iface: 'constructor', up: false }, 1).router;
    expect(down.ifaces.get('constructor')).toBe(false);
    expect(instanceAt(down.instances, 0)?.state).toBe('FAULT');
  });
});
