// Reading a keepalived.conf with its includes into token lines. keepalived expands `include`
// before it parses keywords, relative to the including file's directory, with globs; a plain
// include that matches nothing is only a message, `includea` (all must exist) is fatal.
import { InputError, type SourcePos } from '../cli/errors.js';
import type { Warning } from '../model/types.js';
import { LINE_PIECE_BYTES, lexLine, linePieces, type Token } from './lex.js';
import { UnreadableInput } from '../cli/read-input.js';

export type ReadFile = (path: string) => string;
/** Expands an absolute pattern to the matching paths, sorted; a pattern without wildcards may
 *  come back as itself whether or not it exists. */
export type Glob = (pattern: string) => string[];

export const INCLUDES: ReadonlySet<string> = new Set(['include', 'includer', 'includem', 'includew', 'includeb', 'includea']);
const MAX_DEPTH = 16;
/** Total work over one configuration and all it includes: an include bomb (a file including
 *  itself or a wide glob, repeatedly) ends with an error instead of running for hours. */
export const MAX_INCLUDED_FILES = 1000;
export const MAX_TOTAL_LINES = 1_000_000;
/** Blocks nested deeper than this are refused: keepalived's own parser recurses per block too,
 *  and no configuration means 100 levels. */
export const MAX_BLOCK_DEPTH = 100;

interface Budget { files: number; lines: number }

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : path.slice(0, i);
}

export function joinPath(dir: string, rel: string): string {
  if (rel.startsWith('/')) return rel;
  return dir === '.' ? rel : `${dir.replace(/\/$/, '')}/${rel}`;
}

export interface ReadResult {
  readonly lines: Token[][];
  readonly eofPos: SourcePos;
}

export function readConfLines(
  text: string, file: string, warnings: Warning[], readFile?: ReadFile, glob?: Glob,
): ReadResult {
  const r = readInto(text, file, warnings, readFile, glob, 0, { files: 0, lines: 0 });
  checkNesting(r.lines);
  return r;
}

function readInto(
  text: string, file: string, warnings: Warning[], readFile: ReadFile | undefined, glob: Glob | undefined, depth: number, budget: Budget,
): ReadResult {
  const out: Token[][] = [];
  const src = text.split('\n');
  budget.lines += src.length;
  if (budget.lines > MAX_TOTAL_LINES) {
    throw new InputError(`the configuration and its includes pass ${MAX_TOTAL_LINES} lines (an include loop or bomb?); expected a smaller configuration`, { file });
  }
  const lines = src.flatMap((line, idx) => {
    const pieces = linePieces(line);
    if (pieces.length > 1) {
      warnings.push({
        severity: 'warning',
        message: `line is ${Buffer.byteLength(line, 'utf8')} bytes long: keepalived reads lines in ${LINE_PIECE_BYTES}-byte pieces and parses each piece as a line of its own (fgets() into MAXBUF, lib/parser.c:2601)`,
        pos: { file, line: idx + 1, col: (pieces[1]?.col ?? 1) },
      });
    }
    return pieces.map((p) => ({ tokens: lexLine(p.text, file, idx + 1, p.col) }));
  });
  lines.forEach(({ tokens }) => {
    const first = tokens[0];
    if (first === undefined) return;
    if (first.raw.startsWith('$') || first.raw.startsWith('@')) {
      warnings.push({
        severity: 'warning',
        message: `'${first.text}': keepalived's $-definitions and @-conditional lines are not interpreted by vrrplab; line ignored`,
        pos: first.pos,
      });
      return;
    }
    if (!first.quoted && INCLUDES.has(first.text)) {
      const arg = tokens[1];
      if (arg === undefined) throw new InputError(`'${first.text}' is missing its parameter; expected a file name or glob`, first.pos);
      if (depth >= MAX_DEPTH) throw new InputError(`includes nested more than ${MAX_DEPTH} deep (an include loop?)`, first.pos);
      if (readFile === undefined) {
        throw new InputError(`'${first.text} ${arg.text}': includes cannot be read here; expected a self-contained configuration`, first.pos);
      }
      const pattern = joinPath(dirname(file), arg.text);
      const paths = glob !== undefined ? glob(pattern) : [pattern];
      let found = 0;
      for (const p of paths) {
        let content: string;
        try { content = readFile(p); } catch (e) {
          // A missing file is keepalived's "Unable to find"; a device, FIFO or huge file is refused.
          if (e instanceof UnreadableInput) throw new InputError(`'${first.text} ${arg.text}': cannot read ${p}: ${e.code}; expected a regular keepalived.conf file`, first.pos);
          continue;
        }
        found++;
        budget.files++;
        if (budget.files > MAX_INCLUDED_FILES) {
          throw new InputError(`'${first.text} ${arg.text}': more than ${MAX_INCLUDED_FILES} files included in all (an include loop or bomb?); expected fewer includes`, first.pos);
        }
        // One push per line: spreading a 125k-line file into push() overflows the call stack.
        for (const l of readInto(content, p, warnings, readFile, glob, depth + 1, budget).lines) out.push(l);
      }
      if (found === 0) {
        const fatal = first.text === 'includea';
        warnings.push({
          severity: fatal ? 'error' : 'warning',
          message: fatal ? `Config files missing '${arg.text}'` : `Unable to find config file(s) '${arg.text}'`,
          pos: first.pos,
        });
      }
      return;
    }
    out.push(tokens);
  });
  return { lines: out, eofPos: { file, line: src.length, col: 1 } };
}

/** Refuses blocks nested deeper than MAX_BLOCK_DEPTH, at the `{` that goes too deep. */
function checkNesting(lines: readonly (readonly Token[])[]): void {
  let depth = 0;
  for (const line of lines) {
    for (const t of line) {
      if (t.quoted) continue;
      if (t.text === '{' && ++depth > MAX_BLOCK_DEPTH) {
        throw new InputError(`blocks nested more than ${MAX_BLOCK_DEPTH} deep; expected at most ${MAX_BLOCK_DEPTH} levels of { }`, t.pos);
      }
      if (t.text === '}' && depth > 0) depth--;
    }
  }
}
