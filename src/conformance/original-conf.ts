// The user's own keepalived.conf in a conformance run: the notify FIFO the harness observes
// through is appended, and a `set-priority` fault edits the one `priority` line, so every other
// line is exactly what the user wrote. Files it includes are carried along: each include line
// is pointed at copies in the run's directory, so keepalived reads the same files in the same
// order as it would on the host.
import { parseKeepalivedConf } from '../keepalived/parse.js';
import { lexLine } from '../keepalived/lex.js';
import { INCLUDES, dirname, joinPath, type Glob, type ReadFile } from '../keepalived/read.js';

/** The configuration as it goes into the namespace: the main text and its included files by name. */
export interface OriginalFiles {
  readonly text: string;
  /** File name in the run's directory -> text; include lines refer to these names. */
  readonly includes?: ReadonlyMap<string, string>;
}

const MAIN = 'keepalived.conf';
// keepalived's include depth limit is not ours to find out here: the loader refused deeper nesting.
const MAX_DEPTH = 16;

/**
 * Resolves the includes of `text` (read from `file`) as the loader did, relative to the including
 * file's directory and expanded by `glob` in its order (read_conf_file(), lib/parser.c), and
 * rewrites each include line to one glob over numbered copies, so line numbers stay the same.
 */
export function bundleIncludes(text: string, file: string, readFile: ReadFile, glob: Glob): OriginalFiles {
  const includes = new Map<string, string>();
  let next = 0;
  const rewrite = (body: string, from: string, depth: number): string => body.split('\n').map((line, idx) => {
    const [kw, arg] = lexLine(line, from, idx + 1);
    if (kw === undefined || arg === undefined || kw.quoted || !INCLUDES.has(kw.text) || depth >= MAX_DEPTH) return line;
    const group = `include-${++next}`;
    let found = 0;
    for (const path of glob(joinPath(dirname(from), arg.text))) {
      let content: string;
      try { content = readFile(path); } catch { continue; }
      found++;
      includes.set(`${group}-${String(found).padStart(4, '0')}.conf`, rewrite(content, path, depth + 1));
    }
    // Nothing matched: a name nothing matches in the run's directory either, so keepalived says
    // "Unable to find" (or, for includea, fails) as it would on the host.
    return `${kw.raw} ${found === 0 ? `${group}-none.conf` : `${group}-*.conf`}`;
  }).join('\n');
  const main = rewrite(text, file, 0);
  return includes.size === 0 ? { text: main } : { text: main, includes };
}

/** The bundle's files as a reader and a glob over the run's directory, for parsing it again. */
function bundleAccess(o: OriginalFiles): { readFile: ReadFile; glob: Glob } {
  const names = [...(o.includes ?? new Map<string, string>()).keys()].sort();
  return {
    readFile: (p) => {
      const t = o.includes?.get(p);
      if (t === undefined) throw Object.assign(new Error(`no ${p}`), { code: 'ENOENT' });
      return t;
    },
    glob: (p) => (p.endsWith('-*.conf') ? names.filter((n) => n.startsWith(p.slice(0, -'*.conf'.length))) : [p]),
  };
}

/** keepalived reads several global_defs blocks into one (global_parser.c), so one more suffices. */
export function originalConfText(text: string, fifo: string, realtime: boolean): string {
  return `${text}${text.endsWith('\n') ? '' : '\n'}global_defs {\n    vrrp_notify_fifo ${fifo}\n${realtime ? '    max_auto_priority\n' : ''}}\n`;
}

/** The files with the instance's priority set (its `priority` line edited, or one added). */
export function withPriority<T extends OriginalFiles>(o: T, instance: string, priority: number): T {
  const access = bundleAccess(o);
  const pos = parseKeepalivedConf(o.text, MAIN, access.readFile, access.glob).positions;
  const edit = (text: string, lineNo: number, f: (lines: string[], i: number) => void): string => {
    const lines = text.split('\n');
    f(lines, lineNo - 1);
    return lines.join('\n');
  };
  const inFile = (file: string, lineNo: number, f: (lines: string[], i: number) => void): T => {
    if (file === MAIN) return { ...o, text: edit(o.text, lineNo, f) };
    const includes = new Map(o.includes);
    includes.set(file, edit(includes.get(file) ?? '', lineNo, f));
    return { ...o, includes };
  };
  const at = pos.get(`instance:${instance}:priority`);
  if (at?.line !== undefined) {
    return inFile(at.file, at.line, (lines, i) => { lines[i] = (lines[i] ?? '').replace(/(priority\s+)\S+/, `$1${priority}`); });
  }
  const head = pos.get(`instance:${instance}`);
  if (head?.line === undefined) throw new Error(`internal: no vrrp_instance ${instance} in the configuration`);
  // After the line that opens the block (the keyword's line, or the next one holding '{').
  return inFile(head.file, head.line, (lines, start) => {
    let i = start;
    while (i < lines.length && !(lines[i] ?? '').includes('{')) i++;
    lines.splice(i + 1, 0, `    priority ${priority}`);
  });
}
