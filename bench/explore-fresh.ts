// Figure 3 in a fresh process: the first 1,000 two-minute schedules, JIT warm-up included,
// as a one-shot `vrrplab explore --runs 1000` pays for them (with the CLI's V8 flags). Prints
// one JSON line.
import { CLI_V8_FLAGS } from './cli-v8.js';

const { benchExplore } = await import('./explore.js');
process.stdout.write(`${JSON.stringify({ ...benchExplore(1000, 'two-minute', 42, false), v8Flags: CLI_V8_FLAGS })}\n`);
