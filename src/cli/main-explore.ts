// Entry point of a bundle that carries `vrrplab explore` alone (scripts/bundle.mjs), as
// main-run.ts does for `vrrplab run`.
import { mainWith } from './dispatch.js';
import { runProcess } from './process-main.js';

runProcess((argv, io) => mainWith({ explore: () => import('./explore.js') }, argv, io));
