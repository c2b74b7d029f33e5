// What the tests that run the real keepalived 2.2.7 share: whether they can run here (outside CI
// they skip with a loud warning; with CI=true a missing tool fails them), a network namespace of
// the test's own holding the interfaces its configurations name, and `keepalived -t` on a file
// inside it.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe } from 'vitest';

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

/** An interface a configuration names, with the addresses (`192.0.2.1/24`, `2001:db8::1/64`) it holds. */
export interface NsInterface {
  readonly name: string;
  readonly addresses?: readonly string[];
}

/**
 * Namespace `ns` with lo up and each interface as one end of a veth pair (the other end, `vkp<i>`,
 * in the namespace too, so the link has carrier), up, holding its addresses; IPv6 ones are added
 * nodad, so no duplicate address detection runs.
 */
export function createNamespace(ns: string, interfaces: readonly NsInterface[]): void {
  ip('netns', 'add', ns);
  ip('-n', ns, 'link', 'set', 'lo', 'up');
  interfaces.forEach((ifc, i) => {
    ip('-n', ns, 'link', 'add', ifc.name, 'type', 'veth', 'peer', 'name', `vkp${i}`);
    ip('-n', ns, 'link', 'set', ifc.name, 'up');
    ip('-n', ns, 'link', 'set', `vkp${i}`, 'up');
    for (const a of ifc.addresses ?? []) ip('-n', ns, 'addr', 'add', a, 'dev', ifc.name, ...(a.includes(':') ? ['nodad'] : []));
  });
}

/**
 * For the suite it is called in: namespace `ns` (createNamespace) and a scratch directory made
 * before its cases and removed after them; under CI=true a missing prerequisite fails them.
 */
export function suiteNamespace(ns: string, interfaces: readonly NsInterface[], why: string | undefined): { dir: () => string } {
  let dir = '';
  beforeAll(() => {
    if (why !== undefined) throw new Error(`CI=true but ${why}`);
    dir = mkdtempSync(join(tmpdir(), `${ns}-`));
    createNamespace(ns, interfaces);
  });
  afterAll(() => {
    try { ip('netns', 'del', ns); } catch { /* not created */ }
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });
  return { dir: () => dir };
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

/**
 * `keepalived --config-test [extra]` on `text` (written to `file`) in namespace `ns`: its exit
 * code, every line it printed (a leading `(…)` location or instance cut) and those lines that
 * match none of `known`, the messages a configuration always draws.
 */
export async function configTestLines(ns: string, file: string, text: string, known: readonly RegExp[], extra: readonly string[] = []): Promise<{ rc: number; unexpected: string[]; all: string }> {
  writeFileSync(file, text);
  const { rc, output } = await keepalivedConfigTest(ns, file, extra);
  const lines = output.split('\n').map((l) => l.replace(/^\([^)]*\)\s*/, '').trim()).filter((l) => l !== '');
  return { rc, unexpected: lines.filter((l) => !known.some((re) => re.test(l))), all: lines.join('\n') };
}
