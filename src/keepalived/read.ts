// Reading a keepalived.conf with its includes into token lines. keepalived expands `include`
// before it parses keywords, relative to the including file's directory, with globs; a plain
// include that matches nothing is only a message, `includea` (all must exist) is fatal.
import { InputError, type SourcePos } from '../cli/errors.js';
import type { Warning } from '../model/types.js';
import { LINE_PIECE_BYTES, lexLine, linePieces, type Token } from './lex.js';

export type ReadFile = (path: string) => string;
/** Expands an absolute pattern to the matching paths, sorted; a pattern without wildcards may
 *  come back as itself whether or not it exists. */
export type Glob = (pattern: string) => string[];

const INCLUDES = new Set(['include', 'includer', 'includem', 'includew', 'includeb', 'includea']);
const MAX_DEPTH = 16;

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
  text: string, file: string, warnings: Warning[], readFile?: ReadFile, glob?: Glob, depth = 0,
): ReadResult {
  const out: Token[][] = [];
  const src = text.split('\n');
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
    if (first.text.startsWith('$') || first.text.startsWith('@')) {
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
        try { content = readFile(p); } catch { continue; }
        found++;
        out.push(...readConfLines(content, p, warnings, readFile, glob, depth + 1).lines);
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
