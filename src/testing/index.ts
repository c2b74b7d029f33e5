// vrrplab/testing: property-test your keepalived deployment with fast-check. Generate
// topologies and fault schedules, simulate them deterministically, judge the runs with
// invariants derived from the configuration, and shrink any failure to a minimal schedule.
export { arbTopology, arbTopologyChoice, topologySpec, nodeName, nodeAddress, VIP, VRID, SEC } from './topology.js';
export type { TopologyOptions, TopologyChoice, NodeChoice, PreemptMode } from './topology.js';
export { arbFaultSchedule, buildSchedule, faultArbitraries, recoveryFaults, undo, withSchedule, faultCount, DISRUPTIONS, RECOVERIES } from './schedule.js';
export type { Disruption, FaultSchedule, FaultStep, ScheduleOptions } from './schedule.js';
export {
  checkInvariants, runWithInvariants, formatReport, lastFaultTime, dualAllowance, INVARIANTS,
  oneMasterAfterHeal, preferredMaster, vipsOnlyOnMaster, boundedDualMastership, vipHeldWhileEligible,
} from './invariants.js';
export type { Invariant, InvariantVerdict, NamedVerdict, InvariantReport } from './invariants.js';
export { deriveBounds } from './bounds.js';
export type { Bounds } from './bounds.js';
export { fromKeepalivedConfs } from './from-conf.js';
export type { ConfNode, ConfOptions, Duration } from './from-conf.js';
export { simulate } from '../../sim/simulate.js';
export type { SimSpec, Fault, FaultKind, TimelineEvent, NodeSpec } from '../../sim/spec.js';
export type { SimResult, TraceEvent } from '../../sim/trace.js';
export { asIpv6World, globalIpv6Of, linkLocalOf } from './ipv6.js';
