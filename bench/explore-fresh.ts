// Figure 3 in a fresh process: the first 1,000 two-minute schedules, JIT warm-up included,
// as a one-shot `vrrplab explore --runs 1000` pays for them. Prints one JSON line.
import { benchExplore } from './explore.js';

process.stdout.write(`${JSON.stringify(benchExplore(1000, 'two-minute', 42, false))}\n`);
