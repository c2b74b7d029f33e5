// zod schemas for the deployment model, so a scenario file can carry keepalived configuration
// inline. They check shape and types only: ranges are keepalived's business and are reported,
// the way keepalived reports them, by buildRouterConfig. Objects are strict so a misspelt key
// is an error instead of a silently ignored setting.
import { z } from 'zod';
import type {
  Deployment, KeepalivedConfig, NodeModel, UnknownEntry, VrrpInstanceModel, VrrpScriptModel,
  VrrpSyncGroupModel, GlobalDefsModel, VipModel,
} from './types.js';

const int = z.number().int();
const word = z.string().min(1);
const opt = <T extends z.ZodType>(t: T) => t.exactOptional();

export const unknownEntrySchema: z.ZodType<UnknownEntry> = z.lazy(() =>
  z.strictObject({
    words: z.array(word).min(1),
    block: opt(z.array(unknownEntrySchema)),
  }),
);

const unknownList = opt(z.array(unknownEntrySchema));

export const vipSchema = z.strictObject({
  address: word,
  prefix: opt(int),
  dev: opt(word),
  brd: opt(word),
  scope: opt(word),
  label: opt(word),
  options: opt(z.array(word)),
}) satisfies z.ZodType<VipModel>;

const trackRef = z.strictObject({ name: word, weight: opt(int), reverse: opt(z.boolean()) });
const notify = z.strictObject({ command: word, user: opt(word), group: opt(word) });
const notifyKeywords = {
  notify: opt(notify),
  notifyMaster: opt(notify),
  notifyBackup: opt(notify),
  notifyFault: opt(notify),
  notifyStop: opt(notify),
};

export const vrrpInstanceSchema = z.strictObject({
  name: word,
  state: opt(z.enum(['MASTER', 'BACKUP'])),
  interface: opt(word),
  virtualRouterId: opt(int),
  priority: opt(int),
  advertInt: opt(z.number()),
  version: opt(z.union([z.literal(2), z.literal(3)])),
  nativeIpv6: opt(z.boolean()),
  nopreempt: opt(z.boolean()),
  preemptDelay: opt(z.number()),
  unicastSrcIp: opt(word),
  mcastSrcIp: opt(word),
  unicastPeer: opt(z.array(z.strictObject({ address: word, minTtl: opt(int), maxTtl: opt(int) }))),
  unicastTtl: opt(int),
  authentication: opt(z.strictObject({ authType: opt(z.enum(['PASS', 'AH'])), authPass: opt(word) })),
  virtualIpaddress: opt(z.array(vipSchema)),
  virtualIpaddressExcluded: opt(z.array(vipSchema)),
  trackScript: opt(z.array(trackRef)),
  trackInterface: opt(z.array(trackRef)),
  ...notifyKeywords,
  garpMasterDelay: opt(int),
  garpMasterRepeat: opt(int),
  garpMasterRefresh: opt(int),
  garpMasterRefreshRepeat: opt(int),
  garpLowerPrioDelay: opt(int),
  garpLowerPrioRepeat: opt(int),
  lowerPrioNoAdvert: opt(z.boolean()),
  higherPrioSendAdvert: opt(z.boolean()),
  downTimerAdverts: opt(int),
  dontTrackPrimary: opt(z.boolean()),
  skipCheckAdvAddr: opt(z.boolean()),
  checkUnicastSrc: opt(z.boolean()),
  useVmac: opt(z.strictObject({ name: opt(word) })),
  vmacXmitBase: opt(z.boolean()),
  accept: opt(z.boolean()),
  strictMode: opt(z.boolean()),
  unknown: unknownList,
}) satisfies z.ZodType<VrrpInstanceModel>;

export const vrrpScriptSchema = z.strictObject({
  name: word,
  script: opt(word),
  interval: opt(int),
  timeout: opt(int),
  weight: opt(int),
  reverse: opt(z.boolean()),
  rise: opt(int),
  fall: opt(int),
  user: opt(word),
  group: opt(word),
  initFail: opt(z.boolean()),
  unknown: unknownList,
}) satisfies z.ZodType<VrrpScriptModel>;

export const vrrpSyncGroupSchema = z.strictObject({
  name: word,
  group: z.array(word),
  trackScript: opt(z.array(trackRef)),
  trackInterface: opt(z.array(trackRef)),
  syncGroupTrackingWeight: opt(z.boolean()),
  ...notifyKeywords,
  unknown: unknownList,
}) satisfies z.ZodType<VrrpSyncGroupModel>;

export const globalDefsSchema = z.strictObject({
  routerId: opt(word),
  vrrpVersion: opt(z.union([z.literal(2), z.literal(3)])),
  vrrpMcastGroup4: opt(word),
  vrrpGarpMasterDelay: opt(int),
  vrrpGarpMasterRepeat: opt(int),
  vrrpGarpMasterRefresh: opt(int),
  vrrpGarpMasterRefreshRepeat: opt(int),
  vrrpGarpLowerPrioDelay: opt(int),
  vrrpGarpLowerPrioRepeat: opt(int),
  vrrpMinGarp: opt(z.boolean()),
  vrrpDownTimerAdverts: opt(int),
  vrrpLowerPrioNoAdvert: opt(z.boolean()),
  vrrpHigherPrioSendAdvert: opt(z.boolean()),
  vrrpStrict: opt(z.boolean()),
  vrrpSkipCheckAdvAddr: opt(z.boolean()),
  vrrpCheckUnicastSrc: opt(z.boolean()),
  enableScriptSecurity: opt(z.boolean()),
  vrrpStartupDelay: opt(z.number()),
  scriptUser: opt(z.strictObject({ user: word, group: opt(word) })),
  unknown: unknownList,
}) satisfies z.ZodType<GlobalDefsModel>;

/** Every list defaults to empty so a scenario can give only what it needs. */
export const keepalivedConfigSchema = z.strictObject({
  globalDefs: globalDefsSchema.default({}),
  scripts: z.array(vrrpScriptSchema).default([]),
  instances: z.array(vrrpInstanceSchema).default([]),
  syncGroups: z.array(vrrpSyncGroupSchema).default([]),
  unknown: z.array(unknownEntrySchema).default([]),
}) satisfies z.ZodType<KeepalivedConfig, unknown>;

export const nodeModelSchema = z.strictObject({
  name: word,
  interfaces: z.array(z.strictObject({ name: word, address: word, prefix: int })),
  keepalived: keepalivedConfigSchema,
}) satisfies z.ZodType<NodeModel, unknown>;

export const deploymentSchema = z.strictObject({
  nodes: z.array(nodeModelSchema),
}) satisfies z.ZodType<Deployment, unknown>;
