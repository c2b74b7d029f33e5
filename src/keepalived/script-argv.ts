// How keepalived 2.2.7 turns a vrrp_script command line into the argument vector it execs
// (no shell): quotes group, backslash escapes work inside quotes too, C-style escapes are
// decoded. Live mode execs it; the simulator recognises what it checks from the same words.

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';

/** One backslash escape starting after the backslash at `i`: [decoded char, next index]. */
function escapeAt(text: string, i: number): [string, number] {
  const c = text[i] ?? '';
  if (c === 'x' && isHex(text[i + 1])) {
    let j = i + 1;
    let code = 0;
    // keepalived accumulates into a char, so only the low 8 bits survive long runs.
    while (isHex(text[j])) {
      code = ((code << 4) | parseInt(text[j] ?? '0', 16)) & 0xff;
      j++;
    }
    return [String.fromCharCode(code), j];
  }
  if (c === 'c' && i + 1 < text.length) return [String.fromCharCode(text.charCodeAt(i + 1) & 0x1f), i + 2];
  if (isOctal(c)) {
    let j = i;
    let code = 0;
    while (j < i + 3 && isOctal(text[j])) {
      code = ((code << 3) | Number(text[j])) & 0xff;
      j++;
    }
    return [String.fromCharCode(code), j];
  }
  return [SIMPLE_ESCAPES[c] ?? c, i + 1];
}

/** The argument vector keepalived would exec; undefined where keepalived refuses the line. */
export function scriptArgv(command: string): string[] | undefined {
  const r = split(command, true);
  return typeof r === 'string' ? undefined : r;
}

/** What keepalived reports when it cannot split `command` into its argument vector, in its words. */
export function scriptArgvProblem(command: string): string | undefined {
  const r = split(command, true);
  return typeof r === 'string' ? r : undefined;
}

/**
 * The words of a whole `script`/`notify` line as the same splitter groups them, with backslash
 * escapes left as written: the command word is kept in the form it is written (and rendered)
 * in, and decoded when it is split into the argument vector.
 */
export function scriptLineWords(line: string): string[] | undefined {
  const r = split(line, false);
  return typeof r === 'string' ? undefined : r;
}

/** The words, or keepalived's message for the line (lib/parser.c alloc_strvec_quoted_escaped()). */
function split(command: string, decode: boolean): string[] | string {
  const words: string[] = [];
  let i = 0;
  const n = command.length;
  while (i < n) {
    while (i < n && /\s/.test(command[i] ?? '')) i++;
    if (i >= n) break;
    let word = '';
    let quote: string | null = null;
    // keepalived reports an open quote only when no quote or backslash is left to scan; an escape
    // that consumes the text to its end (`"\c"` takes the closing quote as its character) ends
    // the word silently (alloc_strvec_quoted_escaped(), lib/parser.c:1037-1070).
    let endedOnEscape = false;
    while (i < n) {
      const c = command[i] ?? '';
      endedOnEscape = false;
      if (c === '\\') {
        if (i + 1 >= n) return `Missing escape char at end: '${command}'`;
        const [ch, next] = escapeAt(command, i + 1);
        word += decode ? ch : command.slice(i, next);
        i = next;
        endedOnEscape = true;
      } else if (quote !== null) {
        if (c === quote) quote = null;
        else word += c;
        i++;
      } else if (c === '"' || c === "'") {
        quote = c;
        i++;
      } else if (/\s/.test(c)) {
        break;
      } else {
        word += c;
        i++;
      }
    }
    if (quote !== null && !endedOnEscape) return `String '${command}': missing terminating ${quote}`;
    words.push(word);
  }
  return words.length === 0 ? 'empty command' : words;
}

/**
 * The text keepalived hands to system() instead of exec'ing the script: a first word starting
 * `<` then `/` (blanks between allowed) is a check that a file opens, so check_script_secure()
 * returns SC_SYSTEM (lib/notify.c:712-716) and system_call_script() runs system(cmd_str())
 * (notify.c:208-228): `/bin/sh -c` on the first word followed by the others in single quotes
 * (cmd_str_r(), notify.c:103-133). Undefined for a script keepalived execs.
 */
export function systemCommandText(argv: readonly string[]): string | undefined {
  const first = argv[0];
  if (first === undefined || !/^<[ \t]*\//.test(first)) return undefined;
  return argv.map((a, i) => (i === 0 ? a : `'${a}'`)).join(' ');
}

