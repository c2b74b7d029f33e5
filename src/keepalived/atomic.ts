// Whole files or nothing: a reader never sees a half-written keepalived.conf.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../cli/errors.js';

export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, text, { mode: 0o644 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
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
