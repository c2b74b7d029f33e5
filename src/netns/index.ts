// Network namespace topologies for conformance runs and live mode.
export * from './topology.js';
export * from './faults.js';
export { cleanupStale, listNamespaces } from './stale.js';
export { newRunPrefix, isAllowedAddress, isAllowedAddress6, isLinkLocal6, ALLOWED_RANGES, ALLOWED_RANGES6, NETNS_ROOT_PREFIX } from './names.js';
export { run, ipIn, nsExec, CommandError } from './exec.js';
export { startExecutor, type Executor, type Runner } from './executor.js';
