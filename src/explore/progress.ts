// explore's progress through the shared meter (sim/report/progress.ts): a redrawn bar when a
// person watches a terminal, otherwise a plain line every tenth of the runs.
import { createMeter } from '../../sim/report/progress.js';
import type { Progress } from './explore.js';

export function progressReporter(write: (s: string) => void, tty: boolean): { readonly update: (p: Progress) => void; readonly end: () => void } {
  const meter = createMeter({ write, isTTY: tty }, 'explore');
  return {
    update: (p) => {
      if (p.phase === 'run') meter.update(p.done, p.total, `${p.done}/${p.total} runs`);
      else meter.phase('failure found, shrinking', `failure found, shrinking (${p.done} tried)`);
    },
    end: meter.end,
  };
}
