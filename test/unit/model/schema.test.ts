import { describe, expect, it } from 'vitest';
import { deploymentSchema, keepalivedConfigSchema } from '../../../src/model/schema.js';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';

describe('model schema', () => {
  it('fills the lists a scenario leaves out', () => {
    expect(keepalivedConfigSchema.parse({ instances: [{ name: 'VI_1', virtualRouterId: 5 }] }))
      .toEqual({ globalDefs: {}, scripts: [], instances: [{ name: 'VI_1', virtualRouterId: 5 }], syncGroups: [], unknown: [] });
  });

  it('rejects misspelt keys and wrong types', () => {
    expect(keepalivedConfigSchema.safeParse({ instances: [{ name: 'VI_1', virtualRouterID: 5 }] }).success).toBe(false);
    expect(keepalivedConfigSchema.safeParse({ instances: [{ name: 'VI_1', priority: 1.5 }] }).success).toBe(false);
    expect(keepalivedConfigSchema.safeParse({ instances: [{ name: 'VI_1', version: 4 }] }).success).toBe(false);
  });

  it('accepts what the parser produces', () => {
    const text = 'global_defs {\n router_id a\n foo bar\n}\nvrrp_script c {\n script "/bin/true"\n weight 5 reverse\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 5\n advert_int 0.5\n virtual_ipaddress {\n 192.0.2.1/24 dev eth0 no_track\n }\n track_script {\n c weight 3\n }\n}\n';
    const config = parseKeepalivedConf(text, 'k.conf').config;
    expect(deploymentSchema.parse({ nodes: [{ name: 'a', interfaces: [{ name: 'eth0', address: '192.0.2.2', prefix: 24 }], keepalived: config }] }).nodes[0]?.keepalived).toEqual(config);
  });
});
