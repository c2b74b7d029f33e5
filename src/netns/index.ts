// Network namespace topologies for conformance runs and live mode.
export * from './topology.js';
export * from './faults.js';
export { cleanupStale, listNamespaces } from './stale.js';
export { newRunPrefix, isAllowedAddress, ALLOWED_RANGES, NETNS_ROOT_PREFIX } from './names.js';
export { run, ipIn, nsExec, CommandError } from './exec.js';
export { startExecutor, type Executor, type Runner } from './executor.js';
