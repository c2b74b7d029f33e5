// Progress of a study on stderr: on a terminal a redrawn bar with the runs done and an ETA from
// the mean time per run so far; elsewhere (CI logs) one line per tenth once a second has passed. The clock is injected,
// and nothing of it reaches the results.

export interface StudyProgress {
  readonly update: (done: number, total: number) => void;
  readonly end: () => void;
}

const clock = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
};

export function studyProgress(write: (s: string) => void, tty: boolean, now: () => number = Date.now): StudyProgress {
  const began = now();
  let lastTenth = 0;
  let drawn = false;
  return {
    update: (done, total) => {
      const spent = now() - began;
      const eta = done > 0 ? (spent / done) * (total - done) : 0;
      if (tty) {
        const width = 30;
        const filled = Math.round((done / Math.max(1, total)) * width);
        write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} runs  ${clock(spent)} elapsed, ETA ${clock(eta)}\u001b[K`);
        drawn = true;
        return;
      }
      const tenth = Math.floor((done * 10) / Math.max(1, total));
      // A quick study says nothing in a log; a long one a line per tenth.
      if (tenth > lastTenth && spent >= 1000) {
        lastTenth = tenth;
        write(`availability: ${done}/${total} runs, ${clock(spent)} elapsed, ETA ${clock(eta)}\n`);
      }
    },
    end: () => {
      if (tty && drawn) write('\r\u001b[K');
    },
  };
}
