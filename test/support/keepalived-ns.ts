// What the tests that run the real keepalived 2.2.7 share: whether they can run here (outside CI
// they skip with a loud warning; with CI=true a missing tool fails them), and `keepalived -t`
// on a file inside a network namespace the test made itself.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe } from 'vitest';

export const KEEPALIVED = '/usr/sbin/keepalived';
const run = promisify(execFile);

/** Why the real-keepalived tests cannot run here, or undefined when they can. */
export function keepalivedMissing(needIp = true): string | undefined {
  try { execFileSync(KEEPALIVED, ['--version'], { stdio: 'pipe' }); } catch { return `${KEEPALIVED} is not installed`; }
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root';
  if (needIp) {
    try { execFileSync('ip', ['-V'], { stdio: 'pipe' }); } catch { return 'iproute2 (ip) is not installed'; }
  }
  return undefined;
}

/** `describe`, or a loud `describe.skip` outside CI; under CI=true the suite's beforeAll must fail on `why`. */
export function realKeepalivedSuite(why: string | undefined, what: string): typeof describe | typeof describe.skip {
  const skip = why !== undefined && process.env['CI'] !== 'true';
  if (skip) console.warn(`SKIPPING ${what}: ${why}`);
  return skip ? describe.skip : describe;
}

export function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

/** `keepalived -t [extra] -f file` in namespace `ns`: its exit code and everything it printed. */
export async function keepalivedConfigTest(ns: string, file: string, extra: readonly string[] = []): Promise<{ rc: number; output: string }> {
  try {
    const r = await run('ip', ['netns', 'exec', ns, KEEPALIVED, '-t', ...extra, '-f', file], { timeout: 20_000 });
    return { rc: 0, output: `${r.stdout}${r.stderr}` };
  } catch (e) {
    // A crash (keepalived -t once segfaulted on long lines) shows as its signal name.
    const err = e as { code?: number | string; signal?: string; stdout?: string; stderr?: string };
    return { rc: typeof err.code === 'number' ? err.code : -1, output: `${err.signal ?? ''}${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}
