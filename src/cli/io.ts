// Commands write through an Io so tests can run the CLI in-process and read what it printed.

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Working directory relative paths are resolved against. */
  readonly cwd: string;
  /** A person watches stderr: progress may redraw one line in place. */
  readonly errIsTTY: boolean;
  /** Terminal width of stderr, when it is a terminal. */
  readonly errColumns?: number;
}

export function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    errIsTTY: process.stderr.isTTY === true,
    ...(process.stderr.columns !== undefined ? { errColumns: process.stderr.columns } : {}),
  };
}

/** An Io that collects output, for tests. */
export function bufferIo(cwd: string = process.cwd()): Io & { readonly stdout: () => string; readonly stderr: () => string } {
  let o = '';
  let e = '';
  return {
    out: (t) => { o += t; },
    err: (t) => { e += t; },
    cwd,
    errIsTTY: false,
    stdout: () => o,
    stderr: () => e,
  };
}
