// The scenario file format (YAML). This zod schema is the single source of truth: the loader
// validates with it and schema/scenario.schema.json is generated from it (npm run schema).
import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration.js';
import { ipfailoverSpecSchema } from '../../src/ipfailover/spec.js';
import { INVARIANTS } from '../../src/testing/invariants.js';
import { FailuresSchema } from './failures-schema.js';
import { ipv6Bytes, isLinkLocalIpv6 } from '../../src/vrrp/ipv6.js';

const IPV4_PATTERN = '^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$';

export const Duration = z
  .union([z.string().regex(new RegExp(DURATION_PATTERN), 'expected a duration like 10s, 1.5s, 250ms or 2m'), z.number().nonnegative()])
  // The pattern cannot say "a whole number of microseconds" (0.0000001s) or "not too long".
  .superRefine((v, ctx) => {
    const d = parseDuration(v);
    if (typeof d === 'string') ctx.addIssue({ code: 'custom', message: d });
  })
  .describe('A duration: 10s, 1.5s, 250ms, 100us, 2m, 1h, or a number of seconds');
export const Ipv4 = z.string().regex(new RegExp(IPV4_PATTERN), 'expected a dotted-quad IPv4 address').describe('IPv4 address');
/** Any RFC 4291 text form; the loader works on its RFC 5952 form (what keepalived prints). */
export const Ipv6 = z
  .string()
  .regex(/^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/, 'expected an IPv6 address like 2001:db8::1')
  .refine((a) => ipv6Bytes(a) !== undefined, 'expected an IPv6 address like 2001:db8::1')
  .describe('IPv6 address');
const LinkLocal = Ipv6
  .refine((a) => { const b = ipv6Bytes(a); return b !== undefined && isLinkLocalIpv6(b); }, 'expected a link-local IPv6 address (fe80::/10)')
  .describe('IPv6 link-local address (fe80::/10)');
export const IpAddress = z.union([Ipv4, Ipv6]).describe('IPv4 or IPv6 address');
const Name = z.string().min(1).regex(/^[A-Za-z0-9_.:-]+$/, 'expected a name of letters, digits, _ . : -');
/** 0.05, or "5%". */
export const Ratio = z
  .union([z.number().min(0).max(1), z.string().regex(/^\d+(\.\d+)?%$/, 'expected a ratio like 0.05 or 5%')])
  .describe('A ratio: 0..1, or a percentage like "5%"');

export const SegmentSchema = z
  .object({
    name: Name.describe('Referred to by nodes, probes and faults'),
    latency: Duration.default('100us').describe('One-way frame delay'),
    jitter: Duration.default(0).describe('Uniform extra delay in [0, jitter]'),
    loss: Ratio.default(0).describe('Probability that a frame is lost'),
    multicast: z.enum(['allowed', 'blocked']).default('allowed').describe('blocked: 224.0.0.18 and ff02::12 are not delivered (cloud / IGMP or MLD snooping); unicast still flows'),
  })
  .strict();

export const ServiceSchema = z
  .object({
    name: Name.describe('Referred to by service-down/up and script bindings'),
    port: z.number().int().min(1).max(65535).describe('TCP port it listens on'),
    process: z.union([z.string(), z.array(z.string())]).optional().describe('Process name(s) pidof / killall -0 match; default: the service name'),
    up: z.boolean().default(true).describe('Running at start'),
  })
  .strict();

export const ScriptBindingSchema = z
  .union([
    z.object({ service: Name.describe('ok while this service of the node runs') }).strict(),
    z.object({ tcp: z.string().regex(/^(?:[^:\s[\]]+|\[[0-9A-Fa-f:.]+\]):\d+$/, 'expected HOST:PORT or [IPV6]:PORT').describe('ok while HOST:PORT (an IPv6 address in brackets) accepts connections from the node') }).strict(),
    z.object({ ok: z.boolean().describe('constant result') }).strict(),
  ])
  .describe('What running a vrrp_script means in the simulation');

const LINK_LOCAL_TEXT = 'Its IPv6 link-local address: the source of IPv6 adverts and the address an equal-priority tie is broken on '
  + '(keepalived compares it as a 128-bit number, vrrp.c vrrp_saddr_cmp()). Default: fe80:: followed by the last 64 bits of address6, '
  + 'else of the IPv4 address (a real host derives it from its MAC, RFC 4291 appendix A, or per RFC 7217: declare it when ties matter)';

// Host facts: what the node's kernel has. keepalived 2.2.7 looks every interface a config names
// up at load time (if_get_by_ifname(), vrrp_if.c:194-226) and its VRRP process exits when one is
// missing, so the interfaces listed here are the ones that exist.
export const InterfaceSchema = z
  .object({
    name: Name.describe('Interface name as the kernel knows it (an interface not listed does not exist on the host)'),
    segment: Name.optional().describe('L2 segment it is plugged into (default: the first segment)'),
    address: Ipv4.optional().describe('Its primary IPv4 address; omit for an interface that has none'),
    prefix: z.number().int().min(8).max(32).default(24).describe('Prefix length of that address'),
    address6: Ipv6.optional().describe('Its global IPv6 address (unicast_peer / unicast_src_ip of IPv6 instances name it)'),
    linkLocal: LinkLocal.optional().describe(LINK_LOCAL_TEXT),
    up: z.boolean().default(true).describe('Carrier at start: false is a link that is down when keepalived starts (its instances start in FAULT)'),
    defaultRoute: z.boolean().optional().describe('The host\'s default route leaves through this interface (read by adapters that pick an interface the way `ip route` would)'),
  })
  .strict()
  .describe('One interface of the host');

export const NodeSchema = z
  .object({
    name: Name.describe('Host name, used in faults, expectations and reports'),
    address: Ipv4.optional().describe('Shorthand for one interface with this address'),
    interface: Name.default('eth0').describe('Name of that interface'),
    prefix: z.number().int().min(8).max(32).default(24).describe('Prefix length of that address'),
    address6: Ipv6.optional().describe('Shorthand: that interface\'s global IPv6 address'),
    linkLocal: LinkLocal.optional().describe(LINK_LOCAL_TEXT),
    segment: Name.optional().describe('Segment of that interface (default: the first segment)'),
    interfaces: z.array(InterfaceSchema).optional().describe('Several interfaces, instead of address/interface'),
    labels: z.record(z.string(), z.string()).default({}).describe('Kubernetes-style labels an ipfailover selector matches'),
    services: z.array(ServiceSchema).default([]).describe('Processes listening on ports (router pods, web servers)'),
    keepalived: z
      .string()
      .optional()
      .describe('keepalived.conf of this node: a path relative to the scenario file, or the configuration text itself (a YAML block)'),
    scripts: z.record(z.string(), ScriptBindingSchema).default({}).describe('vrrp_script name or command -> what it checks, for scripts vrrplab does not recognise'),
    scriptRuntime: Duration.default('10ms').describe('How long one script run takes'),
    shell: z
      .enum(['dash', 'bash'])
      .default('dash')
      .describe("What /bin/sh is on the host. keepalived runs a script whose command starts '</' through system(3), i.e. /bin/sh -c (check_script_secure(), notify.c:715; system_call_script(), notify.c:208): under dash (Debian, Ubuntu: the default) `</dev/tcp/HOST/PORT` cannot be opened and exits 2 every time; under bash (RHEL family) it is a TCP connect check"),
  })
  .strict();

export const ProbeSchema = z
  .object({
    name: Name.describe('Referred to by availability expectations and partitions'),
    target: IpAddress.describe('The VIP the client reaches (an IPv6 one is reached through neighbour discovery, RFC 4861)'),
    port: z.number().int().min(1).max(65535).describe('TCP port on the VIP'),
    every: Duration.default('100ms').describe('Interval between attempts (one connection at a time)'),
    timeout: Duration.default('1s').describe('A connection attempt fails after this'),
    segment: Name.optional().describe('Where the client sits (default: the first segment)'),
    address: IpAddress.optional().describe("The client's address, of the target's family (default: picked in the segment's subnet)"),
  })
  .strict();

const NodeRef = Name.describe('node name');
const SegmentSel = z.object({ segment: Name.optional() }).strict();
const NodeIface = z.union([NodeRef, z.object({ node: NodeRef, interface: Name.optional() }).strict()]);
const NodeService = z.union([
  NodeRef,
  z.object({ node: NodeRef, service: Name.optional(), port: z.number().int().min(1).max(65535).optional() }).strict(),
]);
const Groups = z.array(z.array(Name).min(1)).min(2);
const SegmentArg = z.union([z.null(), Name, SegmentSel]);

/** Each timeline entry is `{ at: T, <fault>: <arguments> }`; the fault names are the simulator's. */
export const FAULT_ARGS = {
  crash: NodeRef.describe('The host dies silently: no priority-0 advert, its VIPs and services vanish'),
  stop: NodeRef.describe('keepalived stops gracefully (SIGTERM): a MASTER sends one priority-0 advert'),
  start: NodeRef.describe('Boot a crashed host, or start a stopped keepalived (after the old one has exited)'),
  restart: NodeRef.describe('keepalived stop, then start once the old one has exited (its 1 s shutdown timer)'),
  freeze: NodeRef.describe('keepalived is paused (SIGSTOP): no adverts, VIPs stay'),
  thaw: NodeRef.describe('keepalived resumes (SIGCONT): queued adverts first, then overdue timers'),
  'link-down': NodeIface.describe('Carrier loss on the node\'s interface (all, or the one named): FAULT'),
  'link-up': NodeIface.describe('Carrier back'),
  'service-down': NodeService.describe('A service of the node stops (by name or port; all if neither): its checks fail'),
  'service-up': NodeService.describe('The service runs again'),
  partition: z
    .union([
      Groups,
      z.object({ groups: Groups, segment: Name.optional() }).strict(),
      z.object({ from: z.array(Name).min(1), to: z.array(Name).min(1), segment: Name.optional() }).strict(),
    ])
    .describe('Nodes/probes in different groups cannot reach each other (unnamed ones reach all); from/to: one-way, frames from -> to are dropped'),
  heal: SegmentArg.describe('Ends every partition (of the segment)'),
  'block-multicast': SegmentArg.describe('224.0.0.18 is no longer delivered (IGMP snooping, cloud networks); unicast flows'),
  'unblock-multicast': SegmentArg.describe('Multicast delivered again'),
  loss: z.union([Ratio, z.object({ rate: Ratio, segment: Name.optional() }).strict()]).describe('Frame loss ratio from now on'),
  latency: z.union([Duration, z.object({ latency: Duration, jitter: Duration.optional(), segment: Name.optional() }).strict()]).describe('One-way delay (and jitter) from now on'),
  'set-priority': z.object({ node: NodeRef, instance: Name, priority: z.number().int().min(1).max(255) }).strict().describe("Change an instance's priority in keepalived.conf and reload (SIGHUP)"),
} as const;

export type FaultName = keyof typeof FAULT_ARGS;

export const TimelineEntrySchema = z.union(
  (Object.keys(FAULT_ARGS) as FaultName[]).map((k) => z.object({ at: Duration, [k]: FAULT_ARGS[k] }).strict()),
);

export const EXPECT_ARGS = {
  master: z
    .object({ instance: Name, node: z.union([NodeRef, z.null(), z.array(NodeRef).min(2)]).describe('the one MASTER; null: none; a list: exactly these (split brain)') })
    .strict()
    .describe('At `at`, the MASTER of the vrrp_instance is this node (null: none; a list: exactly these)'),
  holder: z
    .object({ vip: IpAddress, node: z.union([NodeRef, z.null(), z.array(NodeRef).min(2)]).describe('the one holder; null: nobody; a list: exactly these (split brain)') })
    .strict()
    .describe('At `at`, the VIP is held by this node (null: nobody; a list: exactly these)'),
  longestOutage: z
    .object({ max: Duration, vip: IpAddress.optional().describe('default: every VIP') })
    .strict()
    .describe('No VIP (once first held) goes unheld longer than max'),
  dualMaster: z
    .object({
      longest: Duration.optional(),
      total: Duration.optional(),
      allowDuringFaults: z.boolean().default(true).describe('Do not count time while a partition, one-way partition, multicast block or freeze is active'),
    })
    .strict()
    .describe('Bounds on two nodes holding one VIP at once'),
  convergence: z
    .object({ within: Duration })
    .strict()
    .describe('After the last timeline event: exactly one holder per VIP and no more transitions, within this time'),
  availability: z
    .object({ probe: Name, min: Ratio, from: Duration.optional().describe('Start of the window measured (default: 0s, when keepalived starts); the time before the first success counts as an outage') })
    .strict()
    .describe('The probe succeeded at least this share of the time from `from` to the end of the run; a probe that never succeeds is 0%'),
  invariants: z
    .object({ only: z.array(z.enum(Object.keys(INVARIANTS) as [string, ...string[]])).min(1).optional().describe('default: all of them') })
    .strict()
    .describe("vrrplab/testing's VRRP invariants hold over the run (one MASTER after the last fault, the preferred MASTER, VIPs only on a MASTER, bounded dual mastership, no unheld VIP while a node is eligible)"),
} as const;

export type ExpectName = keyof typeof EXPECT_ARGS;

export const ExpectEntrySchema = z.union(
  (Object.keys(EXPECT_ARGS) as ExpectName[]).map((k) => z.object({ at: Duration.optional(), [k]: EXPECT_ARGS[k] }).strict()),
);

const Random = z.union([z.number().int().min(0).max(31), z.object({ seed: z.number().int().min(0).max(0x7ffffffe) }).strict()]);

/** One ipfailover deployment in a scenario: its fields, or the `oc adm`/`oadm` command that made it. */
export const IpfailoverBlockSchema = z.union([
  z.object({ command: z.string().min(1).describe('The `oc adm ipfailover ...` / `oadm ipfailover ...` command line'), random: Random.optional() }).strict(),
  ipfailoverSpecSchema.extend({ random: Random.optional().describe('$RANDOM % 32 of the pods (0..31), or { seed } for bash\'s sequence; default: from the scenario seed') }),
]);

export const IpfailoverSchema = z.union([IpfailoverBlockSchema, z.array(IpfailoverBlockSchema).min(1)]);

export const ArpSchema = z
  .object({
    reachableTime: Duration.default('30s').describe('How long a resolved entry is used without confirmation'),
    delayFirstProbe: Duration.default('5s').describe('After a failed connection to a stale entry, the delay before re-resolving'),
  })
  .strict();

// Linux's defaults (Documentation/networking/ip-sysctl.rst, neigh/default/*), which are RFC 4861
// §10's constants; sim/ndisc.ts LINUX_NEIGHBOUR_DEFAULTS holds the same numbers.
export const NeighbourSchema = z
  .object({
    baseReachableTime: Duration.default('30s').describe('base_reachable_time: an entry stays REACHABLE for a time drawn uniformly in [0.5, 1.5) × this after a confirmation (RFC 4861 §6.3.2)'),
    delayFirstProbe: Duration.default('5s').describe('delay_first_probe_time: how long a STALE entry that was used waits (DELAY) before unicast solicitations start'),
    retransTimer: Duration.default('1s').describe('retrans_time: between unicast neighbour solicitations (PROBE)'),
    ucastSolicit: z.number().int().min(1).max(255).default(3).describe('ucast_solicit: unanswered unicast solicitations before the entry fails and is resolved afresh by multicast'),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).describe('Shown in reports'),
    description: z.string().optional().describe('What the scenario shows'),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1).describe('Seeds every random choice (jitter, loss, simultaneous events); same seed, same output'),
    duration: Duration.refine((v) => parseDuration(v) !== 0, 'expected a duration longer than 0').describe('Virtual time the run covers'),
    segments: z.array(SegmentSchema).min(1).describe('L2 segments (default: one segment `lan`)').default([{ name: 'lan', latency: '100us', jitter: 0, loss: 0, multicast: 'allowed' }]),
    nodes: z.array(NodeSchema).min(1).describe('Hosts: their addresses, services and keepalived'),
    ipfailover: IpfailoverSchema.optional().describe('An OpenShift ipfailover deployment that generates the keepalived of the selected nodes'),
    probes: z.array(ProbeSchema).default([]).describe('Clients that reach VIP:port through an ARP cache (IPv6: a neighbour cache), as users do'),
    arp: ArpSchema.describe("The IPv4 clients' ARP behaviour").default({ reachableTime: '30s', delayFirstProbe: '5s' }),
    neighbour: NeighbourSchema.describe("The IPv6 clients' neighbour discovery (Linux's defaults)").default({ baseReachableTime: '30s', delayFirstProbe: '5s', retransTimer: '1s', ucastSolicit: 3 }),
    timeline: z.array(TimelineEntrySchema).default([]).describe('Faults, in time order'),
    failures: FailuresSchema.optional(),
    expect: z.array(ExpectEntrySchema).default([]).describe('What must hold; the run exits 1 when one does not'),
  })
  .strict();

export type ScenarioFile = z.output<typeof ScenarioSchema>;
