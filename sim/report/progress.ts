// Progress on stderr, the one renderer every command uses: items (folder runs, conformance) and a
// meter over a fraction of the work (explore's runs, one long run's virtual time). On a terminal it redraws one line in place and erases it when done; anywhere
// else (CI logs, pipes) it writes at most one line per finished item, and only once the work has
// already taken a second, so quick runs and their logs stay quiet. It never writes to stdout.

export interface ProgressSink {
  readonly write: (text: string) => void;
  /** Redraw in place (carriage return + erase line) instead of one line per item. */
  readonly isTTY: boolean;
  /** Terminal width, to keep the redrawn line on one row. */
  readonly columns?: number;
}

export interface Progress {
  /** An item begins (drawn on a terminal). */
  readonly start: (item: string) => void;
  /** An item ended with a short outcome such as PASS or FAIL. */
  readonly finish: (item: string, outcome: string) => void;
  /** All done: erase the terminal line. */
  readonly done: () => void;
}

export interface ProgressOptions {
  /** Milliseconds since some origin; injected so tests need no real clock. */
  readonly now?: () => number;
  /** Non-terminal sinks stay silent until the work has taken this long (ms). */
  readonly quietFor?: number;
}

/** What `process.stderr` offers, for `vrrplab` commands that run in a real process. */
export function stderrSink(write: (text: string) => void, stream: { readonly isTTY?: boolean; readonly columns?: number } = process.stderr): ProgressSink {
  const tty = stream.isTTY === true;
  return stream.columns !== undefined && stream.columns > 0 ? { write, isTTY: tty, columns: stream.columns } : { write, isTTY: tty };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

export function createProgress(sink: ProgressSink, total: number, opts: ProgressOptions = {}): Progress {
  const now = opts.now ?? Date.now;
  const quietFor = opts.quietFor ?? 1000;
  const began = now();
  let count = 0;
  let drawn = false;
  let itemBegan = began;
  const counter = (): string => `[${count}/${total}]`;
  // On a narrow terminal the item's path loses its beginning: the file name is what matters.
  const draw = (head: string, item: string, tail: string): void => {
    const width = Math.max(20, (sink.columns !== undefined && sink.columns > 0 ? sink.columns : 80) - 1);
    const room = width - head.length - tail.length;
    const shown = item.length <= room ? item : `…${item.slice(item.length - Math.max(1, room - 1))}`;
    sink.write(`\r\u001b[2K${`${head}${shown}${tail}`.slice(0, width)}`);
    drawn = true;
  };
  return {
    start: (item) => {
      itemBegan = now();
      if (sink.isTTY) draw(`vrrplab: [${count + 1}/${total}] `, item, `  (${seconds(itemBegan - began)})`);
    },
    finish: (item, outcome) => {
      count += 1;
      const t = now();
      if (sink.isTTY) draw(`vrrplab: ${counter()} `, item, `: ${outcome}  (${seconds(t - began)})`);
      else if (t - began >= quietFor) sink.write(`vrrplab: ${counter()} ${item}: ${outcome} (${seconds(t - itemBegan)})\n`);
    },
    done: () => {
      if (sink.isTTY && drawn) sink.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

/**
 * A bar over a fraction of the work: on a terminal one redrawn `[####    ] label` line, erased at
 * the end; elsewhere a `prefix: label` line each time another tenth is done (once the work has
 * taken `quietFor`, default at once), so CI logs stay readable.
 */
export interface Meter {
  readonly update: (done: number, total: number, label: string) => void;
  /** A phase the bar cannot measure: drawn full on a terminal (`ttyLabel`), said once elsewhere (`label`). */
  readonly phase: (label: string, ttyLabel: string) => void;
  readonly end: () => void;
}

export function createMeter(sink: ProgressSink, prefix: string, opts: ProgressOptions = {}): Meter {
  const now = opts.now ?? Date.now;
  const quietFor = opts.quietFor ?? 0;
  const began = now();
  const width = 30;
  let lastTenth = -1;
  let said = new Set<string>();
  let drawn = false;
  const bar = (filled: number, label: string): void => {
    sink.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${label}\u001b[K`);
    drawn = true;
  };
  return {
    update: (done, total, label) => {
      if (sink.isTTY) return bar(Math.round((done / Math.max(1, total)) * width), label);
      const tenth = Math.floor((done * 10) / Math.max(1, total));
      if (tenth > lastTenth && tenth > 0 && now() - began >= quietFor) {
        lastTenth = tenth;
        sink.write(`${prefix}: ${label}\n`);
      }
    },
    phase: (label, ttyLabel) => {
      if (sink.isTTY) return bar(width, ttyLabel);
      if (!said.has(label)) sink.write(`${prefix}: ${label}\n`);
      said = new Set([...said, label]);
    },
    end: () => {
      if (sink.isTTY && drawn) sink.write('\r\u001b[K');
      drawn = false;
    },
  };
}
