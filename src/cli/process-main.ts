// What every CLI entry point does with the process: the only place that touches process.exit.
import { processIo } from './io.js';
import { escapeControls } from './errors.js';
import type { Io } from './io.js';

export function runProcess(main: (argv: readonly string[], io: Io) => Promise<number>): void {
  // `vrrplab run ... | head`: a closed pipe is the reader's choice, not an error worth a trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }

  main(process.argv.slice(2), processIo()).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      // An unexpected error is a bug in vrrplab, not bad input: say so in one line, exit 70.
      const msg = e instanceof Error ? e.message : String(e);
      process.stderr.write(`vrrplab: internal error: ${escapeControls(msg.replace(/\s*\n\s*/g, ' '))} (set VRRPLAB_DEBUG=1 for a trace)\n`);
      if (process.env['VRRPLAB_DEBUG']) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
      process.exitCode = 70;
    },
  );
}
