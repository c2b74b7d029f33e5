// The `failures:` block: random failure processes (MTBF/MTTR) and scheduled maintenance that
// `vrrplab availability` samples into timelines. `vrrplab run` ignores it (a run has a timeline).
import { z } from 'zod';

// schema.ts imports this file, so its Ratio is not imported back (the cycle would leave it undefined).
const Ratio = z
  .union([z.number().min(0).max(1), z.string().regex(/^\d+(\.\d+)?%$/, 'expected a ratio like 0.05 or 5%')])
  .describe('A ratio: 0..1, or a percentage like "5%"');
const Name = z.string().min(1).regex(/^[A-Za-z0-9_.:-]+$/, 'expected a name of letters, digits, _ . : -');

/** Times here span months and years, so they take d, w and y (365.25 d) besides the scenario's units. */
export const LONG_DURATION_PATTERN = '^\\d+(\\.\\d+)?(us|ms|s|m|h|d|w|y)$';
export const LongDuration = z
  .string()
  .regex(new RegExp(LONG_DURATION_PATTERN), 'expected a duration like 90d, 2w, 1.5y, 30m or 45s')
  .describe('A duration with a unit: us, ms, s, m, h, d, w, y (a year is 365.25 days)');

export const DistSchema = z
  .union([
    LongDuration.describe('Exponential with this mean (memoryless: the usual hardware-failure model)'),
    z.object({ exponential: LongDuration.describe('mean') }).strict(),
    z.object({ fixed: LongDuration.describe('always exactly this long') }).strict(),
    z
      .object({
        lognormal: z
          .object({
            median: LongDuration.describe('e^mu: half of the draws are shorter'),
            sigma: z.number().positive().max(10).describe('standard deviation of the log; 1 gives a long tail (repair times)'),
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        weibull: z
          .object({
            scale: LongDuration.describe('lambda: 63% of the draws are shorter'),
            shape: z.number().positive().max(20).describe('k < 1: infant mortality, 1: exponential, > 1: wear-out'),
          })
          .strict(),
      })
      .strict(),
  ])
  .describe('A distribution of times: a duration (exponential with that mean), { exponential }, { fixed }, { lognormal: { median, sigma } } or { weibull: { scale, shape } }');

const NodeList = z.union([Name, z.array(Name).min(1)]).describe('a node, or several (each fails independently)');
const Groups = z.array(z.array(Name).min(1)).min(2);
const SegmentArg = z.union([z.null(), Name, z.object({ segment: Name.optional() }).strict()]);

/** The disruptions a failure process may cause; each is undone by its recovery when the repair ends. */
export const FAILURE_TARGETS = {
  crash: NodeList.describe('The host dies (power, kernel panic); repaired by booting it (start)'),
  stop: NodeList.describe('keepalived stops (SIGTERM, OOM-kill of the pod); repaired by start'),
  freeze: NodeList.describe('keepalived is paused (SIGSTOP, a stalled VM); repaired by thaw'),
  'link-down': z
    .union([NodeList, z.object({ node: NodeList, interface: Name.optional() }).strict()])
    .describe('Carrier loss (a cable, a switch port, a NIC); repaired by link-up'),
  'service-down': z
    .union([NodeList, z.object({ node: NodeList, service: Name.optional(), port: z.number().int().min(1).max(65535).optional() }).strict()])
    .describe('A service of the node stops (router pod crash); repaired by service-up'),
  partition: z
    .union([Groups, z.object({ groups: Groups, segment: Name.optional() }).strict()])
    .describe('Nodes/probes in different groups cannot reach each other; repaired by heal'),
  'block-multicast': SegmentArg.describe('224.0.0.18 is dropped (an IGMP-snooping switch change); repaired by unblock-multicast'),
  loss: z
    .union([Ratio, z.object({ rate: Ratio, segment: Name.optional() }).strict()])
    .describe("A loss burst at this frame-loss ratio; repaired by going back to the segment's own loss"),
} as const;

export type FailureTarget = keyof typeof FAILURE_TARGETS;

const processFields = {
  mtbf: DistSchema.describe('Up time from a repair to the next failure (mean time between failures, counted while up)'),
  mttr: DistSchema.describe('How long a failure lasts before its repair (mean time to repair)'),
  name: z.string().min(1).optional().describe('Label in attribution (default: the fault kind)'),
};

const processEntries = (Object.keys(FAILURE_TARGETS) as FailureTarget[]).map((k) => z.object({ [k]: FAILURE_TARGETS[k], ...processFields }).strict());

export const FailureProcessSchema = z.union(processEntries);

export const MaintenanceSchema = z
  .object({
    rolling: z
      .enum(['restart', 'reboot', 'reload'])
      .describe('restart: keepalived restart (SIGTERM, start); reboot: the host goes down for `down`; reload: SIGHUP with the same configuration'),
    nodes: z.array(Name).min(1).describe('In this order, one after another'),
    every: LongDuration.describe('Time between two waves'),
    gap: LongDuration.default('10m').describe('Time between two nodes of one wave'),
    down: LongDuration.default('3m').describe('reboot only: how long the host is down'),
    first: LongDuration.optional().describe('When the first wave starts (default: `every`)'),
    name: z.string().min(1).optional().describe('Label in attribution (default: maintenance:<rolling>)'),
  })
  .strict()
  .describe('Scheduled maintenance: a rolling restart, reboot or reload of the nodes every `every`');

// One flat union (not a union of unions) so the generated reference lists every entry kind.
export const FailureEntrySchema = z
  .union([...processEntries, MaintenanceSchema])
  .describe('A failure process ({ <fault>: target, mtbf, mttr }) or scheduled maintenance ({ rolling, nodes, every })');

export const FailuresSchema = z
  .array(FailureEntrySchema)
  .describe('What fails how often, for `vrrplab availability` (which replaces the timeline with histories sampled from this); `vrrplab run` ignores it');

export type FailuresFile = z.output<typeof FailuresSchema>;
