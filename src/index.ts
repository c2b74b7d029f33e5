// Public library entry point.
export * from './vrrp/types.js';
