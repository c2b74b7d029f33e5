// File-system access for the parser, kept apart so the parser itself stays pure: reading files,
// expanding include globs (`*`, `?`, `[...]` in any path component, sorted like glob(3)), and
// loading keepalived.conf files as deployment nodes.
import { readdirSync, statSync } from 'node:fs';
import { readInputText } from '../cli/read-input.js';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../cli/errors.js';
import type { NodeModel, Warning } from '../model/types.js';
import type { SourceMap } from '../model/build-context.js';
import { parseKeepalivedConf } from './parse.js';

const WILD = /[*?[]/;

function componentRegExp(part: string): RegExp {
  let re = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i] ?? '';
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = part.indexOf(']', i + 1);
      if (end < 0) { re += '\\['; continue; }
      const body = part.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
      re += `[${body}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  // glob(3) matches nothing for a class it cannot use (`[z-a]`); so do we, instead of throwing.
  try { return new RegExp(`^${re}$`); } catch { return /(?!)/; }
}

export function fsGlob(pattern: string): string[] {
  if (!WILD.test(pattern)) return [pattern];
  const parts = pattern.split('/').filter((p) => p !== '');
  let paths = [pattern.startsWith('/') ? '/' : '.'];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of paths) {
      if (!WILD.test(part)) { next.push(join(base, part)); continue; }
      let entries: string[];
      try { entries = readdirSync(base); } catch { continue; }
      const re = componentRegExp(part);
      for (const e of entries.sort()) if (!e.startsWith('.') && re.test(e)) next.push(join(base, e));
    }
    paths = next;
  }
  return paths.filter((p) => { try { return statSync(p).isFile(); } catch { return false; } });
}

/** fsGlob for patterns relative to `cwd` (a command's working directory), as the loaders read them. */
export function globIn(cwd: string): (pattern: string) => string[] {
  return (p) => fsGlob(isAbsolute(p) ? p : resolve(cwd, p));
}

export function fsReadFile(path: string): string {
  return readInputText(path);
}

export interface LoadedNode {
  readonly node: NodeModel;
  readonly warnings: Warning[];
  readonly positions: SourceMap;
}

/** A keepalived.conf file as a node; its interfaces are unknown (a .conf does not say them). */
export function loadKeepalivedNode(path: string, cwd: string, name?: string): LoadedNode {
  const abs = isAbsolute(path) ? path : resolve(cwd, path);
  let text: string;
  try {
    text = fsReadFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError(`cannot read keepalived configuration (${code}); expected a readable keepalived.conf`, { file: path });
  }
  const r = parseKeepalivedConf(text, path, (p) => fsReadFile(isAbsolute(p) ? p : resolve(cwd, p)), (p) => fsGlob(isAbsolute(p) ? p : resolve(cwd, p)));
  const nodeName = name ?? basename(path).replace(/\.conf$/, '');
  return { node: { name: nodeName, interfaces: [], keepalived: r.config }, warnings: r.warnings, positions: r.positions };
}
