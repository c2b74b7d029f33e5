// Model arbitraries. `anyKeepalivedConfig` covers everything the model can say (out-of-range
// numbers included: the model is faithful, keepalived's ranges are the builder's business), in
// forms the file syntax can express (flag keywords only as `true`). `cleanKeepalivedConfig`
// produces configurations keepalived 2.2.7 accepts without a single warning, on interfaces
// from `CLEAN_INTERFACES` that the conformance test creates.
import fc from 'fast-check';
import { ENDS_WITH_CONTROL_ESCAPE } from '../../src/keepalived/syntax.js';
import { scriptArgvProblem } from '../../src/keepalived/script-argv.js';
import type {
  GlobalDefsModel, KeepalivedConfig, NotifyModel, TrackInterfaceRef, TrackScriptRef, UnknownEntry,
  VipModel, VrrpInstanceModel, VrrpScriptModel, VrrpSyncGroupModel,
} from '../../src/model/types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const WORD_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:@%+=,';
const word = fc.string({ unit: fc.constantFrom(...WORD_CHARS), minLength: 1, maxLength: 12 })
  .filter((w) => !/^[@~]/.test(w) && !w.startsWith('include'));
const ident = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_'), minLength: 1, maxLength: 10 });
const ipv4 = fc.tuple(fc.constantFrom('192.0.2', '198.51.100'), fc.integer({ min: 1, max: 254 })).map(([n, h]) => `${n}.${h}`);
// A backslash escapes the next character on a keepalived line (decomment(), parser.c:2188-2200),
// so one before the closing quote makes the line unreadable: commands end without one.
const command = fc.string({ unit: fc.constantFrom(...`${WORD_CHARS} '<>|&;()*?$\\`), minLength: 1, maxLength: 30 })
  // A final backslash escapes the closing quote in keepalived's decomment(): the renderer refuses it.
  .filter((c) => c.trim().length > 0 && !c.endsWith('\\') && !ENDS_WITH_CONTROL_ESCAPE.test(c) && scriptArgvProblem(c) === undefined);
/** Seconds with at most 6 decimals, as the file can carry them. */
const seconds = (maxUs: number) => fc.integer({ min: 0, max: maxUs }).map((us) => us / 1_000_000);

/** Only set keys the generator chose, as exactOptionalPropertyTypes wants. */
function rec<T extends object>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(shape, { requiredKeys: [] }) as unknown as fc.Arbitrary<T>;
}

const unknownEntry: fc.Arbitrary<UnknownEntry> = fc.letrec<{ e: UnknownEntry }>((tie) => ({
  e: fc.record({
    words: fc.tuple(ident.map((w) => `x_${w}`), fc.array(fc.oneof(word, command.map((c) => `"${c.replace(/["{}#!]/g, '')}"`).filter((q) => q.length > 2 && q.trim() === q)), { maxLength: 3 }))
      .map(([k, rest]) => [k, ...rest]),
    block: fc.option(fc.array(tie('e'), { maxLength: 2 }), { nil: undefined, depthSize: 'small' }),
  }).map(({ words, block }) => (block === undefined ? { words } : { words, block })),
})).e;
const unknownList = fc.array(unknownEntry, { minLength: 1, maxLength: 2 });

const notify: fc.Arbitrary<NotifyModel> = fc.oneof(
  command.map((c) => ({ command: c })),
  fc.tuple(command, word).map(([c, u]) => ({ command: c, user: u })),
  fc.tuple(command, word, word).map(([c, u, g]) => ({ command: c, user: u, group: g })),
);
const trackRef = (names: fc.Arbitrary<string>): fc.Arbitrary<TrackScriptRef & TrackInterfaceRef> =>
  fc.tuple(names, rec<Omit<TrackScriptRef, 'name'>>({ weight: fc.integer({ min: -300, max: 300 }), reverse: fc.boolean() }))
    .map(([name, r]) => ({ name, ...r }));

const VIP_FLAGS = ['home', '-nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'no_track'];
const vip: fc.Arbitrary<VipModel> = fc.tuple(ipv4, rec<Omit<VipModel, 'address'>>({
  prefix: fc.integer({ min: 0, max: 32 }),
  dev: word,
  brd: fc.oneof(ipv4, fc.constantFrom('+', '-')),
  scope: fc.constantFrom('global', 'site', 'link', 'host'),
  label: word,
  options: fc.uniqueArray(fc.constantFrom(...VIP_FLAGS), { minLength: 1, maxLength: 3 }),
})).map(([address, rest]) => ({ address, ...rest }));

// keepalived reads these with read_unsigned_strvec(), which refuses a negative number (the parser
// then keeps the handler's default), so a model read from text never holds one; out-of-range
// values it does read stay in the model for the builder to report.
const anyUnsigned = fc.integer({ min: 0, max: 300 });
const trueFlag = fc.constant(true as const);

const instanceBody = rec<Omit<VrrpInstanceModel, 'name'>>({
  state: fc.constantFrom('MASTER', 'BACKUP'),
  interface: word,
  virtualRouterId: anyUnsigned,
  priority: anyUnsigned,
  advertInt: seconds(300_000_000),
  version: fc.constantFrom(2, 3),
  nopreempt: fc.boolean(),
  preemptDelay: seconds(2_000_000_000),
  unicastSrcIp: ipv4,
  mcastSrcIp: ipv4,
  unicastPeer: fc.array(fc.tuple(ipv4, rec<{ minTtl: number; maxTtl: number }>({ minTtl: fc.integer({ min: 0, max: 255 }), maxTtl: fc.integer({ min: 0, max: 255 }) }))
    .map(([address, t]) => ({ address, ...t })), { maxLength: 3 }),
  unicastTtl: anyUnsigned,
  authentication: rec({ authType: fc.constantFrom('PASS', 'AH'), authPass: word }),
  virtualIpaddress: fc.array(vip, { maxLength: 3 }),
  virtualIpaddressExcluded: fc.array(vip, { maxLength: 2 }),
  trackScript: fc.array(trackRef(ident), { maxLength: 3 }),
  trackInterface: fc.array(trackRef(word), { maxLength: 3 }),
  notify, notifyMaster: notify, notifyBackup: notify, notifyFault: notify, notifyStop: notify,
  garpMasterDelay: fc.nat({ max: 4294 }), garpMasterRepeat: anyUnsigned, garpMasterRefresh: anyUnsigned,
  garpMasterRefreshRepeat: anyUnsigned, garpLowerPrioDelay: anyUnsigned, garpLowerPrioRepeat: anyUnsigned,
  lowerPrioNoAdvert: fc.boolean(), higherPrioSendAdvert: fc.boolean(),
  downTimerAdverts: anyUnsigned,
  dontTrackPrimary: trueFlag,
  skipCheckAdvAddr: fc.boolean(),
  checkUnicastSrc: trueFlag,
  useVmac: fc.oneof(fc.constant({}), word.map((name) => ({ name }))),
  vmacXmitBase: trueFlag,
  accept: fc.boolean(),
  strictMode: fc.boolean(),
  unknown: unknownList,
});

const scriptBody = rec<Omit<VrrpScriptModel, 'name'>>({
  script: command, interval: anyUnsigned, timeout: anyUnsigned, weight: fc.integer({ min: -300, max: 300 }),
  reverse: fc.constant(true), rise: anyUnsigned, fall: anyUnsigned, user: word, group: word,
  initFail: trueFlag, unknown: unknownList,
}).map((s) => {
  const out: Mutable<Omit<VrrpScriptModel, 'name'>> = { ...s };
  if (out.weight === undefined) delete out.reverse;
  if (out.user === undefined) delete out.group;
  return out;
});

const syncGroupBody = rec<Omit<VrrpSyncGroupModel, 'name' | 'group'>>({
  trackScript: fc.array(trackRef(ident), { maxLength: 2 }),
  trackInterface: fc.array(trackRef(word), { maxLength: 2 }),
  syncGroupTrackingWeight: trueFlag,
  notify, notifyMaster: notify, notifyBackup: notify, notifyFault: notify, notifyStop: notify,
  unknown: unknownList,
});

const globalDefs = rec<GlobalDefsModel>({
  routerId: word, vrrpVersion: fc.constantFrom(2, 3), vrrpMcastGroup4: ipv4,
  vrrpGarpMasterDelay: anyUnsigned, vrrpGarpMasterRepeat: anyUnsigned, vrrpGarpMasterRefresh: anyUnsigned,
  vrrpGarpMasterRefreshRepeat: anyUnsigned, vrrpGarpLowerPrioDelay: anyUnsigned, vrrpGarpLowerPrioRepeat: anyUnsigned,
  vrrpMinGarp: fc.boolean(), vrrpDownTimerAdverts: anyUnsigned, vrrpLowerPrioNoAdvert: fc.boolean(),
  vrrpHigherPrioSendAdvert: fc.boolean(), vrrpStrict: trueFlag, vrrpSkipCheckAdvAddr: trueFlag,
  vrrpCheckUnicastSrc: trueFlag, enableScriptSecurity: trueFlag, vrrpStartupDelay: seconds(10_000_000).filter((v) => v >= 0.001), // TIMER_HZ / 1000 at least
  scriptUser: fc.oneof(word.map((user) => ({ user })), fc.tuple(word, word).map(([user, group]) => ({ user, group }))),
  unknown: unknownList,
});

export const anyKeepalivedConfig: fc.Arbitrary<KeepalivedConfig> = fc.record({
  globalDefs,
  scripts: fc.uniqueArray(fc.tuple(ident, scriptBody), { selector: ([n]) => n, maxLength: 3 })
    .map((xs) => xs.map(([name, b]) => ({ name, ...b }))),
  instances: fc.uniqueArray(fc.tuple(ident, instanceBody), { selector: ([n]) => n, maxLength: 3 })
    .map((xs) => xs.map(([name, b]) => ({ name, ...b }))),
  syncGroups: fc.uniqueArray(fc.tuple(ident, fc.array(ident, { maxLength: 3 }), syncGroupBody), { selector: ([n]) => n, maxLength: 2 })
    .map((xs) => xs.map(([name, group, b]) => ({ name, group, ...b }))),
  unknown: fc.array(unknownEntry, { maxLength: 2 }),
}).map((c) => {
  // keepalived only finds scripts defined before the instance; the renderer puts them first,
  // so refer to existing ones (a dangling name is dropped by the parser, as keepalived does).
  const names = c.scripts.map((s) => s.name);
  const instances = c.instances.map((i) => (i.trackScript === undefined ? i
    : { ...i, trackScript: i.trackScript.map((t, k) => ({ ...t, name: names[k % Math.max(1, names.length)] ?? t.name })).filter((t) => names.includes(t.name)) }));
  return { ...c, instances };
});

// ---------- clean configurations ----------

/** Interfaces a clean configuration may use, with the address each has. */
export const CLEAN_INTERFACES: readonly { readonly name: string; readonly address: string }[] = [
  { name: 'vk0', address: '192.0.2.1' },
  { name: 'vk1', address: '192.0.2.65' },
  { name: 'vk2', address: '198.51.100.1' },
  { name: 'vk3', address: '198.51.100.65' },
];
/** Commands that exist, are root-owned and not writable by others on any Debian system. */
const CLEAN_COMMANDS = ['/bin/true', '/usr/bin/test -e /etc/hostname', "/bin/sh -c 'exit 0'", '/bin/false'];

interface CleanInstancePlan {
  readonly iface: number;
  readonly owner: boolean;
  readonly version: 2 | 3;
  readonly body: Mutable<Partial<VrrpInstanceModel>>;
}

const cleanInstancePlan: fc.Arbitrary<CleanInstancePlan> = fc.record({
  iface: fc.integer({ min: 0, max: CLEAN_INTERFACES.length - 1 }),
  version: fc.constantFrom(2 as const, 3 as const),
  ownerRoll: fc.integer({ min: 0, max: 9 }),
  priority: fc.integer({ min: 1, max: 254 }),
  advertV2: fc.integer({ min: 1, max: 10 }),
  advertV3: fc.integer({ min: 1, max: 4095 }),
  stateBackup: fc.boolean(),
  preempt: fc.constantFrom<'nopreempt' | 'preempt' | 'delay' | 'none'>('nopreempt', 'preempt', 'delay', 'none'),
  preemptDelay: fc.integer({ min: 0, max: 1000_000 }).map((ms) => ms / 1000),
  unicast: fc.boolean(),
  peers: fc.uniqueArray(ipv4, { minLength: 1, maxLength: 3 }),
  unicastTtl: fc.option(fc.integer({ min: 1, max: 255 }), { nil: undefined }),
  auth: fc.option(fc.string({ unit: fc.constantFrom(...'abcdefgh12345678'), minLength: 1, maxLength: 8 }), { nil: undefined }),
  vips: fc.uniqueArray(ipv4, { minLength: 1, maxLength: 4 }),
  vipDev: fc.boolean(),
  evips: fc.uniqueArray(ipv4, { maxLength: 2 }),
  garp: rec<Partial<VrrpInstanceModel>>({
    garpMasterDelay: fc.integer({ min: 0, max: 30 }), garpMasterRepeat: fc.integer({ min: 1, max: 10 }),
    garpMasterRefresh: fc.integer({ min: 0, max: 60 }), garpMasterRefreshRepeat: fc.integer({ min: 1, max: 5 }),
    garpLowerPrioDelay: fc.integer({ min: 0, max: 30 }), garpLowerPrioRepeat: fc.integer({ min: 0, max: 10 }),
    lowerPrioNoAdvert: fc.boolean(), higherPrioSendAdvert: fc.boolean(),
    downTimerAdverts: fc.integer({ min: 1, max: 100 }), dontTrackPrimary: trueFlag,
    skipCheckAdvAddr: fc.boolean(), accept: fc.constant(true), strictMode: fc.constant(false),
    notifyMaster: fc.constantFrom(...CLEAN_COMMANDS).map((command) => ({ command })),
    notify: fc.constantFrom(...CLEAN_COMMANDS).map((command) => ({ command, user: 'root' })),
  }),
  trackIf: fc.option(fc.tuple(fc.integer({ min: 0, max: CLEAN_INTERFACES.length - 1 }), fc.integer({ min: -253, max: 253 }), fc.boolean()), { nil: undefined }),
}).map((p): CleanInstancePlan => {
  const owner = p.ownerRoll === 0;
  const body: Mutable<Partial<VrrpInstanceModel>> = { ...p.garp };
  const ifc = CLEAN_INTERFACES[p.iface] ?? CLEAN_INTERFACES[0];
  const ifName = ifc?.name ?? 'vk0';
  body.interface = ifName;
  body.version = p.version;
  if (owner) { body.state = 'MASTER'; body.priority = 255; } else {
    if (p.stateBackup) body.state = 'BACKUP';
    body.priority = p.priority;
    if (p.preempt === 'nopreempt') body.nopreempt = true;
    if (p.preempt === 'preempt') body.nopreempt = false;
    if (p.preempt === 'delay') body.preemptDelay = p.preemptDelay;
  }
  body.advertInt = p.version === 2 ? p.advertV2 : p.advertV3 / 100;
  if (p.unicast) {
    body.unicastSrcIp = ifc?.address ?? '192.0.2.1';
    body.unicastPeer = p.peers.filter((a) => a !== body.unicastSrcIp).map((address) => ({ address }));
    if (body.unicastPeer.length === 0) body.unicastPeer = [{ address: '192.0.2.200' }];
    if (p.unicastTtl !== undefined) body.unicastTtl = p.unicastTtl;
  }
  if (p.version === 2 && p.auth !== undefined) body.authentication = { authType: 'PASS', authPass: p.auth };
  body.virtualIpaddress = p.vips.map((address) => (p.vipDev ? { address, prefix: 32, dev: ifName } : { address }));
  const evips = p.evips.filter((a) => !p.vips.includes(a));
  if (evips.length > 0) body.virtualIpaddressExcluded = evips.map((address) => ({ address }));
  if (p.trackIf !== undefined && p.trackIf[0] !== p.iface && !owner) {
    const [i, weight, reverse] = p.trackIf;
    body.trackInterface = [{ name: CLEAN_INTERFACES[i]?.name ?? 'vk0', weight, ...(reverse ? { reverse } : {}) }];
  }
  return { iface: p.iface, owner, version: p.version, body };
});

/**
 * A configuration `keepalived -t` accepts silently: distinct VRIDs, scripts all used and
 * defined with existing commands, sync groups of two or more without weighted tracking.
 */
export const cleanKeepalivedConfig: fc.Arbitrary<KeepalivedConfig> = fc.record({
  plans: fc.array(cleanInstancePlan, { minLength: 1, maxLength: 4 }),
  vrids: fc.uniqueArray(fc.integer({ min: 1, max: 255 }), { minLength: 4, maxLength: 4 }),
  scripts: fc.array(fc.record({
    command: fc.constantFrom(...CLEAN_COMMANDS),
    extra: rec<Partial<VrrpScriptModel>>({
      interval: fc.integer({ min: 1, max: 10 }), timeout: fc.integer({ min: 1, max: 10 }),
      weight: fc.integer({ min: -253, max: 253 }), rise: fc.integer({ min: 1, max: 5 }),
      fall: fc.integer({ min: 1, max: 5 }), initFail: trueFlag,
    }),
  }), { maxLength: 3 }),
  syncFirstTwo: fc.boolean(),
  globals: rec<GlobalDefsModel>({
    routerId: ident, vrrpGarpMasterDelay: fc.integer({ min: 0, max: 10 }),
    vrrpGarpMasterRepeat: fc.integer({ min: 1, max: 10 }), vrrpDownTimerAdverts: fc.integer({ min: 1, max: 100 }),
    vrrpLowerPrioNoAdvert: fc.boolean(), vrrpHigherPrioSendAdvert: fc.boolean(),
    vrrpMcastGroup4: fc.integer({ min: 18, max: 250 }).map((h) => `224.0.0.${h}`),
  }),
}).map(({ plans, vrids, scripts, syncFirstTwo, globals }) => {
  // keepalived rejects sync groups that mix address owners and non-owners.
  const inSync = syncFirstTwo && plans.length >= 2 && plans[0]?.owner === plans[1]?.owner;
  const instances: VrrpInstanceModel[] = plans.map((p, idx) => ({
    name: `VI_${idx + 1}`,
    virtualRouterId: vrids[idx] ?? idx + 1,
    ...p.body,
  }));
  const scriptModels: VrrpScriptModel[] = scripts.map((s, idx) => {
    const m: Mutable<VrrpScriptModel> = { name: `chk_${idx + 1}`, script: s.command, ...s.extra };
    if (m.interval !== undefined && m.timeout !== undefined && m.timeout > m.interval) m.timeout = m.interval;
    return m;
  });
  // Every script is tracked somewhere (unused scripts are a keepalived warning); weights are
  // dropped where keepalived would refuse them (owners, sync-group members).
  scriptModels.forEach((s, idx) => {
    const target = idx % instances.length;
    const inst = instances[target];
    const plan = plans[target];
    if (inst === undefined || plan === undefined) return;
    const noWeights = plan.owner || (inSync && target < 2);
    const ref: TrackScriptRef = noWeights ? { name: s.name, weight: 0 } : { name: s.name };
    instances[target] = { ...inst, trackScript: [...(inst.trackScript ?? []), ref] };
  });
  const fixed = instances.map((inst, idx) => {
    if (!(inSync && idx < 2) || inst.trackInterface === undefined) return inst;
    const { trackInterface, ...rest } = inst;
    return { ...rest, trackInterface: trackInterface.map((t) => ({ name: t.name, weight: 0 })) };
  });
  const syncGroups: VrrpSyncGroupModel[] = inSync ? [{ name: 'G1', group: ['VI_1', 'VI_2'] }] : [];
  return { globalDefs: globals, scripts: scriptModels, instances: fixed, syncGroups, unknown: [] };
});
