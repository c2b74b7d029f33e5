import { describe, expect, it } from 'vitest';
import { deriveBounds } from '../../../src/testing/bounds.js';
import { VRRP_SHUTDOWN_TIMER } from '../../../sim/host.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';

const text = (fault: string): string => `name: b
duration: 30s
nodes:
  - name: a
    address: 192.0.2.1
    keepalived: |
      vrrp_instance VI_1 {
        interface eth0
        virtual_router_id 51
        priority 150
        virtual_ipaddress {
          192.0.2.100
        }
      }
timeline:
  - at: 10s
    ${fault}: a
`;

describe('deriveBounds', () => {
  it('lets a restart settle after keepalived\'s 1 s shutdown timer as well', () => {
    const crash = deriveBounds(loadScenarioText(text('crash'), 'b.yaml').spec).convergence;
    const restart = deriveBounds(loadScenarioText(text('restart'), 'b.yaml').spec).convergence;
    expect(restart - crash).toBe(VRRP_SHUTDOWN_TIMER);
  });
});
