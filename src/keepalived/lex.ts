// keepalived.conf lexing: lines into tokens, then tokens into a tree of entries
// (`words... [{ entries... }]`). keepalived's own rules (lib/parser.c): `#` and `!` start a
// comment outside quotes, `{`/`}` are tokens even without surrounding blanks, a block may open
// on the line after its keyword, and a token starting with a quote runs to the matching quote.
import { InputError, type SourcePos } from '../cli/errors.js';

export interface Token {
  /** The value: quotes removed from a quoted token. */
  readonly text: string;
  /** As written in the file, quotes included. */
  readonly raw: string;
  readonly quoted: boolean;
  readonly pos: SourcePos & { readonly line: number; readonly col: number };
}

export interface Entry {
  readonly words: readonly Token[];
  readonly block?: readonly Entry[];
  /** Where the block's `{` is (for "missing }" errors). */
  readonly blockPos?: SourcePos;
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\v' || c === '\f';

/** Tokens of one line; comments dropped. `{` and `}` come back as tokens of their own. */
export function lexLine(line: string, file: string, lineNo: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] ?? '';
    if (isBlank(c)) { i++; continue; }
    if (c === '#' || c === '!') break;
    const pos = { file, line: lineNo, col: i + 1 };
    if (c === '{' || c === '}') {
      tokens.push({ text: c, raw: c, quoted: false, pos });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new InputError(`unterminated ${c} quote; expected a closing ${c} on the same line`, pos);
      const raw = line.slice(i, end + 1);
      tokens.push({ text: raw.slice(1, -1), raw, quoted: true, pos });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < line.length) {
      const d = line[j] ?? '';
      if (isBlank(d) || d === '{' || d === '}' || d === '#' || d === '!') break;
      j++;
    }
    const raw = line.slice(i, j);
    tokens.push({ text: raw, raw, quoted: false, pos });
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
