// Bad input must reach the user as one line — `file:line:col: what is wrong, what is expected` —
// with exit code 2, never as a stack trace. Every parser and loader throws InputError; the CLI
// entry point is the only place that turns it into output.

export interface SourcePos {
  readonly file: string;
  /** 1-based; omitted when the input has no lines (a command-line argument). */
  readonly line?: number;
  readonly col?: number;
}

export class InputError extends Error {
  readonly pos: SourcePos | undefined;
  constructor(message: string, pos?: SourcePos) {
    super(message);
    this.name = 'InputError';
    this.pos = pos;
  }
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export function formatInputError(e: InputError): string {
  const p = e.pos;
  const where = p === undefined ? '' : p.line === undefined ? `${p.file}: ` : `${p.file}:${p.line}:${p.col ?? 1}: `;
  return `${where}${e.message.replace(/\s*\n\s*/g, ' ')}`;
}
