// The V8 flags the CLI sets before it compiles (bin/code-cache.js), for the figures that stand
// for a one-shot command in a fresh process: a bench that left them out would measure a process
// the CLI never is. Import this first and load the measured code afterwards (dynamic import), so
// the flags are in force before any of it runs.
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';

const { V8_FLAGS } = createRequire(import.meta.url)('../bin/code-cache.js') as { V8_FLAGS: string };
setFlagsFromString(V8_FLAGS);

export const CLI_V8_FLAGS = V8_FLAGS;
