// Commands write through an Io so tests can run the CLI in-process and read what it printed.

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Working directory relative paths are resolved against. */
  readonly cwd: string;
}

export function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    cwd: process.cwd(),
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
    stdout: () => o,
    stderr: () => e,
  };
}
