// Entry point of a bundle that carries `vrrplab run` alone (scripts/bundle.mjs): bin/vrrplab.js
// starts it for `vrrplab run ...`, whose cold start then reads and deserialises only the code
// that command can reach (no fast-check, conformance, live or netns code).
import { mainWith } from './dispatch.js';
import { runProcess } from './process-main.js';

runProcess((argv, io) => mainWith({ run: () => import('./run.js') }, argv, io));
