// vrrplab as a library: the sans-IO core, the wire codec, the keepalived adapter, and the
// simulator with its scenario loader. `vrrplab/testing` adds the fast-check harness.
export * from './vrrp/types.js';
export * from './vrrp/core.js';
export { encodeAdvert, encodeIpv4Packet, decodeAdvert, decodeIpv4Packet, toHex, fromHex } from './vrrp/codec.js';
export type { Decoded, DecodeFailure } from './vrrp/codec.js';
export { pcapFile } from './vrrp/pcap.js';
export { parseKeepalivedConf } from './keepalived/parse.js';
export { renderKeepalivedConf } from './keepalived/render.js';
export { buildRouterConfig } from './model/build.js';
export type * from './model/types.js';
export { InputError, formatInputError } from './cli/errors.js';
export { simulate, createSim, runUntil, applyFault, vipHolders, masters, instanceStates } from '../sim/simulate.js';
export type * from '../sim/spec.js';
export type * from '../sim/trace.js';
export { loadScenario, loadScenarioText } from '../sim/scenario/load.js';
export type { LoadedScenario } from '../sim/scenario/load.js';
export { runLoaded, runScenarioFile } from '../sim/scenario/run.js';
export type { ScenarioRun } from '../sim/scenario/run.js';
export { evaluate } from '../sim/scenario/evaluate.js';
export type { Expectation, Verdict } from '../sim/scenario/expectations.js';
