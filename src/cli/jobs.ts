// `--jobs N`: one command's work split over N processes of this same CLI, each running a shard
// (`--shard i/n`, whose results merge exactly), so a study uses the machine's cores without
// changing a byte of its result. Processes rather than worker threads: a child is the very CLI a
// user runs (bundle and code cache, tsc output or sources alike), so nothing has to be bundled
// twice, and a shard's JSON is already the format `merge` reads.
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from './errors.js';
import type { Shard } from '../availability/study.js';

/** Set in a child's environment: the fd its progress lines (runs done so far) go to. */
const PROGRESS_FD_ENV = 'VRRPLAB_PROGRESS_FD';
const PROGRESS_FD = 3;

/** `--jobs`: a count 1..256 or `auto` (the cores this process may use). */
export function parseJobs(s: string | undefined): number {
  if (s === undefined) return 1;
  if (s === 'auto') return availableParallelism();
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 256) throw new InputError(`'${s}': expected a number of processes 1..256 or auto`, { file: '--jobs' });
  return Number(s);
}

/** How many of the runs k = 0 .. runs − 1 fall in shard i/n (k ≡ i mod n); all of them without one. */
export function sliceSize(runs: number, shard: Shard | null): number {
  return Math.ceil(Math.max(0, runs - (shard?.index ?? 0)) / (shard?.count ?? 1));
}

/**
 * The finer shards that `requested` processes run so that together they run exactly shard i/n
 * (null: every run): child j takes (i + n·j)/(n·N). No more children than runs, nor a split
 * finer than --shard accepts; [] when one process should do it all.
 */
export function childShards(runs: number, shard: Shard | null, requested: number): Shard[] {
  const i = shard?.index ?? 0, n = shard?.count ?? 1;
  const jobs = Math.min(requested, sliceSize(runs, shard), Math.floor(100_000 / n));
  return jobs <= 1 ? [] : [...Array(jobs).keys()].map((j) => ({ index: i + n * j, count: n * jobs }));
}

/**
 * The argv that starts this same code as a CLI process: the bundle (dist/cli/) is started
 * through bin/vrrplab.js, the tsc output and the sources through their own cli/main — a child
 * of other code than its parent could compute other results.
 */
export function selfCommand(): readonly string[] {
  const here = fileURLToPath(import.meta.url);
  const dir = dirname(here);
  if (/\.[cm]js$/.test(here)) return [join(dir, '..', '..', 'bin', 'vrrplab.js')];
  if (here.endsWith('.js')) return [join(dir, 'main.js')];
  return ['--import', import.meta.resolve('tsx'), join(dir, 'main.ts')];
}

/** In a child of runJobs, a way to send the parent one line at a time; elsewhere null. */
export function parentChannel(): ((line: string) => void) | null {
  if (process.env[PROGRESS_FD_ENV] !== String(PROGRESS_FD)) return null;
  return (line) => { writeSync(PROGRESS_FD, `${line}\n`); };
}

export interface JobOutcome {
  readonly stdout: string;
  /** The parent stopped it (its work was no longer needed); stdout is then incomplete. */
  readonly stopped: boolean;
}

/** What the parent can do while children run: stop child j (its exit is then no failure). */
export interface JobControl {
  readonly stop: (job: number) => void;
}

/**
 * Runs one child per argument list (after the CLI's own argv), all at once, in `cwd`; resolves
 * once every child exited with a `done` code or was stopped. `onLine` gets each line a child sends through
 * parentChannel(). A child that fails stops the others and rejects with its last stderr line:
 * the parent checked the input first, so that is vrrplab's fault or the machine's, not the user's.
 */
export function runJobs(
  argLists: readonly (readonly string[])[], cwd: string, onLine: (job: number, line: string, control: JobControl) => void,
  /** Exit codes that mean the child did its work (explore exits 1 when it found a failure). */
  done: readonly number[] = [0],
): Promise<JobOutcome[]> {
  const self = selfCommand();
  const children: ReturnType<typeof spawn>[] = [];
  const stopped = new Set<number>();
  const control: JobControl = {
    stop: (j) => {
      const c = children[j];
      if (c === undefined || c.exitCode !== null || stopped.has(j)) return;
      stopped.add(j);
      c.kill();
    },
  };
  const stopAll = (): void => { children.forEach((_, j) => control.stop(j)); };
  // Children must not outlive the command: on its exit, and on a SIGTERM or SIGHUP sent to it
  // alone (Ctrl-C reaches the whole process group anyway), stop them, then die of the signal.
  const onSignal = (signal: NodeJS.Signals): void => {
    stopAll();
    unhook();
    process.kill(process.pid, signal);
  };
  const unhook = (): void => {
    process.removeListener('exit', stopAll);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGHUP', onSignal);
  };
  process.once('exit', stopAll);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  return Promise.all(argLists.map((args, j) => new Promise<JobOutcome>((resolveJob, reject) => {
    const child = spawn(process.execPath, [...self, ...args], {
      cwd,
      env: { ...process.env, [PROGRESS_FD_ENV]: String(PROGRESS_FD) },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    children[j] = child;
    let out = '';
    let err = '';
    let pending = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => { out += s; });
    child.stderr!.setEncoding('utf8').on('data', (s: string) => { err += s; });
    (child.stdio[PROGRESS_FD] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (s: string) => {
      const lines = (pending + s).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (!stopped.has(j)) onLine(j, line, control);
    });
    child.on('error', (e) => { stopAll(); reject(new Error(`job ${j + 1} of ${argLists.length} did not start: ${e.message}`)); });
    child.on('close', (code, signal) => {
      if ((code !== null && done.includes(code)) || stopped.has(j)) { resolveJob({ stdout: out, stopped: stopped.has(j) }); return; }
      stopAll();
      const last = err.trim().split('\n').pop() ?? '';
      reject(new Error(`job ${j + 1} of ${argLists.length} (${args.join(' ')}) ${signal !== null ? `was killed by ${signal}` : `exited ${code}`}${last === '' ? '' : `: ${last}`}`));
    });
  }))).finally(unhook);
}
