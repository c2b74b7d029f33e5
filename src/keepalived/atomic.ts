// Whole files or nothing: a reader never sees a half-written keepalived.conf, report or
// counterexample. One writer for every file vrrplab writes.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../cli/errors.js';

export function writeFileAtomic(path: string, text: string): void {
  // A device, FIFO or socket (`--out /dev/null`, /dev/stdout, a named pipe) is written in place:
  // renaming a temporary file over it would replace the device with a regular file.
  if (isSpecial(path)) {
    writeFileSync(path, text);
    return;
  }
  makeDirs(dirname(path));
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, text, { mode: 0o644 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function isSpecial(path: string): boolean {
  try {
    const s = statSync(path);
    return !s.isFile() && !s.isDirectory();
  } catch {
    return false;
  }
}

/**
 * `mkdir -p`, one level at a time: Node 20's recursive mkdirSync never returns when mkdir says
 * ENOENT under a parent that exists (`--html /proc/nope/x.html` hung); here that is an error.
 */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent);
  mkdirSync(dir);
}

/**
 * writeFileAtomic for a path the user named (`--out`): a folder, a file where a folder should
 * be or a read-only place is bad input, not a crash.
 */
export function writeOutputFile(path: string, text: string, flag: string, shown: string = path): void {
  try {
    writeFileAtomic(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw new InputError(`${flag}: cannot write the output (${code}); expected a writable path`, { file: shown });
  }
}
