// A test oracle: how keepalived 2.2.7 cuts a configuration text into lines and tokens,
// transcribed from lib/parser.c at v2.2.7 (read_line, decomment, alloc_strvec_r, is_include)
// independently of src/keepalived/lex.ts, so renderer tests do not check our output against our
// own reading of it. It records what would be a directive instead of a keyword line.

export interface ReadLine {
  readonly tokens: readonly string[];
  /** `include ...`, `@id ...`, `$NAME=...` or `~SEQ/~LST`: read_line acts on it. */
  readonly directive: boolean;
}

const WHITE = ' \t\f\n\r\v';

/** decomment(): leading blanks, comments outside quotes, `\` skips a byte (a final one stays). */
function decomment(s: string): string {
  let str = s.replace(/^[ \t]+/, '');
  let quote = false;
  let skip = -1;
  for (let i = 0; i < str.length; i++) {
    const c = str[i];
    if (c === '"') { if (skip < 0) quote = !quote; continue; }
    if (c === '\\') {
      if (i + 1 < str.length) {
        const n = str[i + 1];
        if (!quote && (n === '#' || n === '!')) { str = str.slice(0, i) + str.slice(i + 1); continue; }
        i++;
        continue;
      }
      break;
    }
    if (!quote && skip < 0 && (c === '!' || c === '#')) skip = i;
  }
  if (skip >= 0) str = str.slice(0, skip);
  return str.replace(/[ \t]+$/, '');
}

/** alloc_strvec_r(): blanks split, `"` runs to the next `"`, a `"` ends a bare token. */
function tokens(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (true) {
    while (i < s.length && WHITE.includes(s[i] ?? '')) i++;
    if (i >= s.length) break;
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) break;
      out.push(s.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < s.length && !`${WHITE}"`.includes(s[j] ?? '')) j++;
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out;
}

const isInclude = (b: string): boolean =>
  b.startsWith('include') && b.length > 7 && (/\s/.test(b[7] ?? '') || (/\s/.test(b[8] ?? '') && 'rmwba'.includes(b[7] ?? '')));

/** The first `{` or `}` outside double quotes (read_line's residue split), or -1. */
function braceAt(b: string): number {
  if (b[0] === '{' || b[0] === '}') return 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c === '{' || c === '}') return i;
    if (c === '"') {
      const end = b.indexOf('"', i + 1);
      if (end < 0) return -1;
      i = end + 1;
      continue;
    }
    i++;
  }
  return -1;
}

export function keepalivedRead(text: string): ReadLine[] {
  const bytes = Buffer.from(text, 'utf8');
  // fgets(buf, 1024): pieces of at most 1023 bytes, a newline ending a piece early.
  const pieces: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = start;
    while (end < bytes.length && end - start < 1023 && bytes[end] !== 0x0a) end++;
    if (end < bytes.length && bytes[end] === 0x0a && end - start < 1023) end++;
    let piece = bytes.subarray(start, end).toString('utf8');
    const nul = piece.indexOf('\u0000');
    if (nul >= 0) piece = piece.slice(0, nul);
    pieces.push(piece.replace(/[\r\n]+$/, ''));
    start = end;
  }
  const out: ReadLine[] = [];
  for (const raw of pieces) {
    if (raw === '') continue;
    let buf = decomment(raw);
    while (buf !== '') {
      const directive = buf.startsWith('@') || buf.startsWith('$') || buf.startsWith('~') || isInclude(buf);
      const p = braceAt(buf);
      let rest = '';
      if (p >= 0) {
        const skip = p === 0 ? 1 + (/^[ \t]*/.exec(buf.slice(1))?.[0].length ?? 0) : 0;
        rest = buf.slice(p + skip).replace(/[ \t]+$/, '');
        buf = buf.slice(0, p + skip);
      }
      buf = buf.replace(/[ \t]+$/, '');
      if (buf !== '') out.push({ tokens: tokens(buf), directive });
      buf = rest;
    }
  }
  return out;
}
