// The routers' configs as the simulator hands them to the core, with equal VIP lists and auth
// blocks shared between nodes. A backup checks every advert it hears against its own VIPs and
// auth (validate.ts advertRejection()), and an advert carries its sender's list and auth: when
// both are the one interned object the check is a pointer comparison, and the receiver's own
// strings (one set per node and instance, cold at 255 instances) are not read at all.
// Equal content, so the core behaves the same (bench/identity.ts); the table is per simulation.
import type { InstanceConfig, IpAddress, RouterConfig, VrrpAuth } from '../src/vrrp/types.js';

export interface InternTable {
  readonly addrs: Map<string, IpAddress>;
  readonly lists: Map<string, readonly IpAddress[]>;
  readonly auths: Map<string, VrrpAuth>;
}

export function createInternTable(): InternTable {
  return { addrs: new Map(), lists: new Map(), auths: new Map() };
}

export function internConfig(t: InternTable, config: RouterConfig | null): RouterConfig | null {
  if (config === null) return null;
  return { ...config, instances: config.instances.map((c) => internInstance(t, c)) };
}

function internInstance(t: InternTable, c: InstanceConfig): InstanceConfig {
  return { ...c, vips: internList(t, c.vips), auth: internAuth(t, c.auth) };
}

function internList(t: InternTable, list: readonly IpAddress[]): readonly IpAddress[] {
  // Addresses hold no space, so the joined text names the list.
  const key = list.join(' ');
  let out = t.lists.get(key);
  if (out === undefined) {
    out = list.map((a) => internAddr(t, a));
    t.lists.set(key, out);
  }
  return out;
}

function internAddr(t: InternTable, a: IpAddress): IpAddress {
  const known = t.addrs.get(a);
  if (known !== undefined) return known;
  t.addrs.set(a, a);
  return a;
}

function internAuth(t: InternTable, auth: VrrpAuth): VrrpAuth {
  const key = auth.type === 'PASS' ? `PASS\0${auth.pass}` : auth.type;
  const known = t.auths.get(key);
  if (known !== undefined) return known;
  t.auths.set(key, auth);
  return auth;
}
