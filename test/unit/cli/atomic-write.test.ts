// The one writer of every output file: whole files or nothing, never a device replaced by a
// regular file, never a hang on a path mkdir cannot create.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/keepalived/atomic.js';

let dir = '';
afterEach(() => { if (dir !== '') rmSync(dir, { recursive: true, force: true }); dir = ''; });

describe('writeFileAtomic', () => {
  it('writes a named pipe in place instead of renaming a regular file over it (as --out /dev/null did)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vrrplab-atomic-'));
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => { got += b.toString(); });
    const done = new Promise<void>((res) => reader.on('close', () => res()));
    writeFileAtomic(fifo, 'hello\n');
    await done;
    expect(got).toBe('hello\n');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('creates missing folders, and fails at once where mkdir cannot (Node 20 recursive mkdir spins on /proc/nope)', () => {
    dir = mkdtempSync(join(tmpdir(), 'vrrplab-atomic-'));
    writeFileAtomic(join(dir, 'a', 'b', 'x.txt'), 'x');
    expect(readFileSync(join(dir, 'a', 'b', 'x.txt'), 'utf8')).toBe('x');
    // In a child with a timeout: the old spin was synchronous, no test timeout could end it.
    const script = "import('./src/keepalived/atomic.ts').then((m) => { try { m.writeFileAtomic('/proc/vrrplab-nope/x.html', 'x'); console.log('wrote'); } catch (e) { console.log(e.code); } })";
    const out = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(out.signal).toBeNull();
    expect(out.stdout.trim()).toBe('ENOENT');
  });
});
