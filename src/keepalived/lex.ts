// keepalived.conf lexing: lines into tokens, then tokens into a tree of entries
// (`words... [{ entries... }]`), read as keepalived 2.2.7's lib/parser.c reads them:
// - fgets() into a 1024-byte buffer (MAXBUF, parser.h:39; read_line(), parser.c:2601): a line
//   longer than 1023 bytes is read in 1023-byte pieces and each piece is parsed as a line;
// - decomment() (parser.c:2169-2221): `#` and `!` start a comment outside double quotes, `\#`
//   and `\!` outside quotes are a literal # and !;
// - `{` and `}` outside double quotes split the line (read_line(), parser.c:2812-2840);
// - alloc_strvec_r() (parser.c:1169-1214): only DOUBLE quotes group words (a `"` also ends an
//   unquoted word); a single quote is an ordinary character. Script and notify lines are split
//   again by alloc_strvec_quoted_escaped(), which does know single quotes (see parse.ts).
import { InputError, type SourcePos } from '../cli/errors.js';

export interface Token {
  /** The value: quotes removed from a quoted token. */
  readonly text: string;
  /** As written in the file, quotes included. */
  readonly raw: string;
  readonly quoted: boolean;
  readonly pos: SourcePos & { readonly line: number; readonly col: number };
  /** The line segment this token starts, up to the next `{`/`}` (keepalived's buf_extern). */
  readonly rest: string;
}

export interface Entry {
  readonly words: readonly Token[];
  readonly block?: readonly Entry[];
  /** Where the block's `{` is (for "missing }" errors). */
  readonly blockPos?: SourcePos;
}

/** keepalived's WHITE_SPACE_STR (parser.c:100). */
const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f' || c === '\n';

/** fgets() with a 1024-byte buffer reads at most 1023 bytes of a line at a time. */
export const LINE_PIECE_BYTES = 1023;

export interface LinePiece {
  readonly text: string;
  /** 1-based column (in characters) of the piece's first character in the physical line. */
  readonly col: number;
}

/** A physical line as the pieces keepalived's read_line() gets from fgets(). */
export function linePieces(line: string): LinePiece[] {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= LINE_PIECE_BYTES) return [{ text: line, col: 1 }];
  const out: LinePiece[] = [];
  let col = 1;
  for (let at = 0; at < bytes.length; at += LINE_PIECE_BYTES) {
    const text = bytes.subarray(at, at + LINE_PIECE_BYTES).toString('utf8');
    out.push({ text, col });
    col += [...text].length;
  }
  return out;
}

/** decomment(): the text before a comment, `\#`/`\!` outside quotes unescaped; col map kept. */
function decomment(line: string): { text: string; cols: number[] } {
  let quote = false;
  let text = '';
  const cols: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === '"') quote = !quote;
    else if (c === '\\' && i + 1 < line.length) {
      const d = line[i + 1] ?? '';
      if (!quote && (d === '#' || d === '!')) { text += d; cols.push(i + 1); i++; continue; }
      text += c + d; cols.push(i, i + 1); i++; continue;
    } else if (!quote && (c === '#' || c === '!')) break;
    text += c;
    cols.push(i);
  }
  return { text, cols };
}

/** Tokens of one line (or one 1023-byte piece of it); comments dropped. `{` and `}` come back as tokens of their own. */
export function lexLine(line: string, file: string, lineNo: number, firstCol = 1): Token[] {
  const { text, cols } = decomment(line);
  const tokens: Token[] = [];
  const posAt = (i: number): Token['pos'] => ({ file, line: lineNo, col: (cols[i] ?? text.length) + firstCol });
  // The end of the segment starting at i: the next { or } outside double quotes.
  const segmentEnd = (i: number): number => {
    let j = i;
    while (j < text.length) {
      const d = text[j];
      if (d === '{' || d === '}') return j;
      if (d === '"') {
        const close = text.indexOf('"', j + 1);
        if (close < 0) return text.length;
        j = close + 1;
        continue;
      }
      j++;
    }
    return text.length;
  };
  let i = 0;
  let segEnd = segmentEnd(0);
  while (i < text.length) {
    if (i >= segEnd) {
      const b = text[i] ?? '';
      tokens.push({ text: b, raw: b, quoted: false, pos: posAt(i), rest: b });
      i++;
      segEnd = segmentEnd(i);
      continue;
    }
    const c = text[i] ?? '';
    if (isBlank(c)) { i++; continue; }
    const pos = posAt(i);
    const rest = text.slice(i, segEnd).replace(/[ \t]+$/, '');
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new InputError(`Unmatched quote: '${text.slice(i, segEnd)}'; expected a closing " on the same line (keepalived ignores the rest of the line)`, pos);
      const raw = text.slice(i, end + 1);
      tokens.push({ text: raw.slice(1, -1), raw, quoted: true, pos, rest });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < segEnd && !isBlank(text[j] ?? '') && text[j] !== '"') j++;
    const raw = text.slice(i, j);
    tokens.push({ text: raw, raw, quoted: false, pos, rest });
    i = j;
  }
  return tokens;
}

/**
 * Builds the entry tree from lines of tokens. A `{` belongs to the entry just before it (on the
 * same or an earlier line); tokens on one line between braces form one entry.
 */
export function buildTree(lines: readonly (readonly Token[])[], eofPos: SourcePos): Entry[] {
  interface Frame { entries: Entry[]; open?: SourcePos; owner?: { words: Token[]; blockPos: SourcePos } }
  type MutableEntry = { words: Token[]; block?: Entry[]; blockPos?: SourcePos };
  const root: Frame = { entries: [] };
  const stack: Frame[] = [root];
  const top = (): Frame => stack[stack.length - 1] ?? root;
  for (const line of lines) {
    let current: MutableEntry | undefined;
    const flush = (): void => {
      if (current !== undefined && current.words.length > 0) top().entries.push(current);
      current = undefined;
    };
    for (const t of line) {
      if (t.text === '{' && !t.quoted) {
        let owner: MutableEntry | undefined = current;
        if (owner === undefined || owner.words.length === 0) {
          const entries = top().entries;
          const last = entries[entries.length - 1] as MutableEntry | undefined;
          if (last === undefined || last.block !== undefined) {
            throw new InputError("'{' without a keyword before it; expected KEYWORD { ... }", t.pos);
          }
          entries.pop();
          owner = last;
        }
        current = undefined;
        const block: Entry[] = [];
        owner.block = block;
        owner.blockPos = t.pos;
        top().entries.push(owner);
        stack.push({ entries: block, open: t.pos });
        continue;
      }
      if (t.text === '}' && !t.quoted) {
        flush();
        if (stack.length === 1) throw new InputError("unexpected '}': no block is open here", t.pos);
        stack.pop();
        continue;
      }
      if (current === undefined) current = { words: [] };
      current.words.push(t);
    }
    flush();
  }
  if (stack.length > 1) {
    const open = top().open;
    throw new InputError(
      `there are ${stack.length - 1} missing '}'s; the block opened at line ${open?.line ?? '?'} is not closed`,
      eofPos,
    );
  }
  return root.entries;
}
