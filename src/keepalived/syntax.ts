// What keepalived 2.2.7 reads as one token, derived from its own reader (lib/parser.c at v2.2.7),
// so every renderer writes only text the daemon reads back as exactly the value it meant:
// - read_line() reads with fgets(buf, MAXBUF) and MAXBUF is 1024 (lib/parser.h), so a line is
//   read in pieces of 1023 bytes and the rest of a longer line is parsed as a new line.
// - decomment() strips leading blanks, starts a comment at `#` or `!` outside double quotes,
//   treats `\` as skipping the next byte, inside quotes too (so `"a\"` never closes its quote).
// - read_line() splits a line at the first `{` or `}` outside double quotes and parses the rest
//   as a line of its own; a line that starts with `@` is a config-id conditional, `$NAME=` a
//   definition, `~SEQ`/`~LST` a generator, `include[rmwba] ` an include (is_include()).
// - alloc_strvec_r() splits at " \t\f\n\r\v"; a token starting with `"` runs to the next `"`
//   (no escapes), and a `"` ends a bare token. A single quote is an ordinary byte.
// - the buffer is a C string: a NUL ends the line there.
import { scriptArgvProblem } from './script-argv.js';

/** fgets(buf, MAXBUF = 1024): the longest line (without its newline) keepalived reads whole. */
export const MAX_LINE_BYTES = 1023;

// keepalived's WHITE_SPACE_STR, which alloc_strvec_r() splits at.
const WHITE = /[ \t\f\n\r\v]/;
// Bytes that are syntax outside double quotes: quotes, braces, comments, the escape.
const SYNTAX = /["{}#!]/;
// C0 controls and DEL other than TAB: NUL ends the line, LF/CR end or split it; the others
// are kept by keepalived but no operator means them, and they reach logs and terminals raw.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const INCLUDE = /^include[rmwba]?$/;

export const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Why `value` cannot be written at all (neither bare nor double-quoted); undefined when it can. */
export function unwritable(value: string): string | undefined {
  if (value.length === 0) return 'is empty; expected a value';
  if (CONTROL.test(value)) return 'contains a newline, NUL or other control character, which keepalived reads as the end of the line or keeps raw';
  if (value.includes('"')) return 'contains a double quote: keepalived has no way to write one inside a value (no escapes, no single-quote quoting)';
  return undefined;
}

/** True when keepalived reads `value` written bare as exactly one token with that text. */
export function isBareToken(value: string, atLineStart: boolean): boolean {
  if (unwritable(value) !== undefined || WHITE.test(value) || SYNTAX.test(value)) return false;
  if (atLineStart && (/^[@$~]/.test(value) || INCLUDE.test(value))) return false;
  return true;
}

/**
 * The text to write for one token: bare when that is read back unchanged, else double-quoted
 * (quoting keeps blanks, braces, comment characters and a leading `@`/`$`/`~`/include word from
 * being syntax). Throws through `refuse` when neither is possible.
 */
export function tokenText(value: string, atLineStart: boolean, refuse: (why: string) => never): string {
  if (isBareToken(value, atLineStart)) return value;
  return quoted(value, refuse);
}

/** An unescaped backslash, then `c`, at the end. */
export const ENDS_WITH_CONTROL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\c$/;

/** A command line is always written as one double-quoted token (keepalived-config.md §6). */
export function quotedText(value: string, refuse: (why: string) => never): string {
  if (value.trim().length === 0) refuse('is empty; expected a command');
  // Script and notify lines are read again with escapes (alloc_strvec_quoted_escaped(),
  // lib/parser.c:1060-1063): a final `\c` takes the closing quote as its control character.
  const problem = scriptArgvProblem(value);
  if (problem !== undefined) refuse(`is a command keepalived cannot split into words and would drop (${problem})`);
  if (ENDS_WITH_CONTROL_ESCAPE.test(value)) refuse("ends with the escape '\\c', which keepalived's script reader completes with the closing quote (the command would end in a control character)");
  return quoted(value, refuse);
}

/** One double-quoted token. */
export function quoted(value: string, refuse: (why: string) => never): string {
  const why = unwritable(value);
  if (why !== undefined) refuse(why);
  if (value.endsWith('\\')) refuse("ends with '\\', which keepalived reads as escaping the closing quote (decomment() then reports an unterminated quote)");
  return `"${value}"`;
}

/** Why a whole rendered line is not read as one line; undefined when it is. */
export function lineProblem(line: string): string | undefined {
  const n = byteLength(line);
  if (n > MAX_LINE_BYTES) {
    return `would make a ${n}-byte line; keepalived 2.2.7 reads lines in ${MAX_LINE_BYTES}-byte pieces and parses the rest as a new line (expected at most ${MAX_LINE_BYTES} bytes)`;
  }
  return undefined;
}

/** A value shown in an error: escaped and cut, never 100 KB of it. */
export function shown(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max)}…(${byteLength(value)} bytes)` : value;
  return JSON.stringify(cut);
}
