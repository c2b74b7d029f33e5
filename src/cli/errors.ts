// Bad input must reach the user as one line — `file:line:col: what is wrong, what is expected` —
// with exit code 2, never as a stack trace. Every parser and loader throws InputError; the CLI
// entry point is the only place that turns it into output.

export interface SourcePos {
  readonly file: string;
  /** 1-based; omitted when the input has no lines (a command-line argument). */
  readonly line?: number;
  readonly col?: number;
}

/** `file:line:col` as every report names a place (text, JSON Lines, HTML, JUnit), 1 for a part not known. */
export function whereOf(p: { readonly file: string; readonly line?: number | undefined; readonly col?: number | undefined }): string {
  return `${p.file}:${p.line ?? 1}:${p.col ?? 1}`;
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

// Characters a terminal or log viewer acts on instead of showing: C0 and C1 controls (ESC starts
// colour and cursor sequences, CR overwrites the line, NUL truncates), DEL, the line and
// paragraph separators, and the bidirectional overrides that reorder what a reader sees.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** `text` with every unprintable character written as \xNN or \u{NNNN}, so an error stays one visible line. */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const n = c.codePointAt(0) ?? 0;
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
  });
}

// What JSON.stringify leaves raw but a terminal may still act on or reorder: DEL, the C1
// controls (U+009B is CSI), the line separators and bidi overrides. C0 it escapes itself.
// eslint-disable-next-line no-control-regex
const JSON_UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * JSON.stringify, with those characters written as \uXXXX as well: the same JSON value, so
 * every reader parses what it parsed before, and a terminal shown the text does nothing.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNPRINTABLE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

export function formatInputError(e: InputError): string {
  const p = e.pos;
  const where = p === undefined ? '' : p.line === undefined ? `${p.file}: ` : `${p.file}:${p.line}:${p.col ?? 1}: `;
  return escapeControls(`${where}${e.message.replace(/\s*\n\s*/g, ' ')}`);
}
