// Reading a file the user named (or an include it names) without hanging or exhausting memory:
// only regular files, at most MAX_INPUT_BYTES. /dev/zero or /dev/urandom would otherwise grow
// memory until the process aborts, and a FIFO would block forever on open. The failure keeps the
// shape of a Node errno error (a `code` the callers already print), worded for the user.
import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';

export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

export class UnreadableInput extends Error {
  readonly code: string;
  constructor(code: string) {
    super(code);
    this.name = 'UnreadableInput';
    this.code = code;
  }
}

function kind(st: import('node:fs').Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The file's text; throws errno errors as Node does, and UnreadableInput for what it refuses. */
export function readInputText(path: string): string {
  // O_NONBLOCK so that opening a FIFO returns at once instead of waiting for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    // A directory fails as readFileSync does (EISDIR), so "no such config file" handling is unchanged.
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    if (!st.isFile()) throw new UnreadableInput(`${kind(st)}, not a regular file`);
    if (st.size > MAX_INPUT_BYTES) throw new UnreadableInput(`${st.size} bytes, over the ${MAX_INPUT_BYTES}-byte input limit`);
    // Read in chunks and stop past the limit: a file that grows while read is still bounded.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const r = readSync(fd, chunk, 0, chunk.length, null);
      if (r === 0) break;
      total += r;
      if (total > MAX_INPUT_BYTES) throw new UnreadableInput(`over the ${MAX_INPUT_BYTES}-byte input limit`);
      chunks.push(chunk.subarray(0, r));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
