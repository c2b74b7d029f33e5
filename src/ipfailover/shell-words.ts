// Splits a shell command line the way bash would for a plain command: quotes, backslash
// escapes and `\`-newline continuations, remembering where each word starts so errors can
// point at the flag that is wrong. No expansions: `$X` stays literal text.
import { InputError } from '../cli/errors.js';

export interface ShellWord {
  readonly text: string;
  readonly line: number;
  readonly col: number;
}

/** Words of the first command in `text` (stops at an unquoted newline after a word, `;`, `&&`, `|` or `#`). */
export function shellWords(text: string, file: string, firstLine = 1): ShellWord[] {
  const words: ShellWord[] = [];
  let line = firstLine;
  let col = 1;
  let i = 0;
  let cur: string | null = null;
  let start = { line, col };
  const advance = (n = 1): void => {
    for (let k = 0; k < n; k++) {
      if (text[i] === '\n') { line++; col = 1; } else col++;
      i++;
    }
  };
  const begin = (): void => { if (cur === null) { cur = ''; start = { line, col }; } };
  const end = (): void => { if (cur !== null) { words.push({ text: cur, ...start }); cur = null; } };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\\' && text[i + 1] === '\n') { advance(2); continue; }
    if (c === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') { advance(3); continue; }
    if (c === '\n') {
      if (words.length > 0 || cur !== null) { end(); break; }
      advance();
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { end(); advance(); continue; }
    if (cur === null && c === '#') {
      while (i < text.length && text[i] !== '\n') advance();
      continue;
    }
    if (c === ';' || c === '|' || c === '&') { end(); break; }
    if (c === "'") {
      begin();
      const at = { line, col };
      advance();
      const close = text.indexOf("'", i);
      if (close < 0) throw new InputError("unterminated ' quote; expected a closing '", { file, ...at });
      cur = (cur ?? '') + text.slice(i, close);
      advance(close - i + 1);
      continue;
    }
    if (c === '"') {
      begin();
      const at = { line, col };
      advance();
      for (;;) {
        if (i >= text.length) throw new InputError('unterminated " quote; expected a closing "', { file, ...at });
        const d = text[i] ?? '';
        if (d === '"') { advance(); break; }
        if (d === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) {
          if (text[i + 1] !== '\n') cur = (cur ?? '') + (text[i + 1] ?? '');
          advance(2);
          continue;
        }
        cur = (cur ?? '') + d;
        advance();
      }
      continue;
    }
    if (c === '\\') {
      begin();
      cur = (cur ?? '') + (text[i + 1] ?? '');
      advance(2);
      continue;
    }
    begin();
    cur = (cur ?? '') + c;
    advance();
  }
  end();
  return words;
}

/** Quote a word for a POSIX shell only when it needs it. */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}
