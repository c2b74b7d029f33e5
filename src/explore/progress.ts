// Progress on stderr: a redrawn bar when a person watches a terminal, otherwise a plain line
// every tenth of the runs, so CI logs stay readable.
import type { Progress } from './explore.js';

export function progressReporter(write: (s: string) => void, tty: boolean): { readonly update: (p: Progress) => void; readonly end: () => void } {
  let lastTenth = -1;
  let shrinkSaid = false;
  let drawn = false;
  return {
    update: (p) => {
      if (tty) {
        const width = 30;
        const filled = p.phase === 'run' ? Math.round((p.done / Math.max(1, p.total)) * width) : width;
        const label = p.phase === 'run' ? `${p.done}/${p.total} runs` : `failure found, shrinking (${p.done} tried)`;
        write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${label}\u001b[K`);
        drawn = true;
        return;
      }
      if (p.phase === 'shrink') {
        if (!shrinkSaid) write('explore: failure found, shrinking\n');
        shrinkSaid = true;
        return;
      }
      const tenth = Math.floor((p.done * 10) / Math.max(1, p.total));
      if (tenth > lastTenth && tenth > 0) {
        lastTenth = tenth;
        write(`explore: ${p.done}/${p.total} runs\n`);
      }
    },
    end: () => {
      if (tty && drawn) write('\r\u001b[K');
    },
  };
}
