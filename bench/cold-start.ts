// Figure 4: cold start of the built CLI, `node bin/vrrplab.js run <seed scenario>`. The build
// goes to a private copy (bench/.cold/ is not shared) so other people's dist/ is left alone:
// bin/ and package.json are copied, node_modules is linked, dist/ is compiled and bundled there.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median } from './measure.js';
import { SEED_SCENARIO } from './seed-hour.js';

export interface ColdStartResult {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  /** `node -e 0` measured alongside: what the host charges for starting any node process. */
  readonly bareNodeMedianMs: number;
  readonly tool: 'hyperfine' | 'loop';
  readonly exitCode: number;
  /** CPU (user + sys) of the whole process and of bare node, when /usr/bin/time can say (loop only). */
  readonly cpuMedianMs?: number;
  readonly bareNodeCpuMedianMs?: number;
}

interface Run {
  readonly wallMs: number;
  readonly cpuMs?: number;
}

const GNU_TIME = '/usr/bin/time';

/** One process, its wall time, and its CPU time when GNU time is there to report it. */
export function timeRun(args: readonly string[]): Run {
  const t0 = performance.now();
  if (!existsSync(GNU_TIME)) {
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    return { wallMs: performance.now() - t0 };
  }
  const r = spawnSync(GNU_TIME, ['-f', '%U %S', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  const m = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr);
  return m === null ? { wallMs } : { wallMs, cpuMs: (Number(m[1]) + Number(m[2])) * 1000 };
}

const ROOT = resolve('.');

export function buildPrivateCopy(dir = join(ROOT, 'bench', '.cold')): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  // tsc emits even when someone else's work in progress has type errors; only a missing
  // entry point makes the figure meaningless.
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')], { stdio: 'ignore' });
  if (!existsSync(join(dir, 'dist', 'src', 'cli', 'main.js'))) throw new Error('build produced no dist/src/cli/main.js');
  // The bundles and the code cache, as `npm run bundle` makes them, into the private dist/.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), join(dir, 'dist', 'cli')], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(join(dir, 'dist', 'cli', 'main.mjs'))) throw new Error('bundle produced no dist/cli/main.mjs');
  return dir;
}

function hasHyperfine(): boolean {
  return spawnSync('hyperfine', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function benchColdStart(runs = 20): ColdStartResult {
  const dir = buildPrivateCopy();
  // A whole virtual hour, as issue 16 measures it: start-up, simulation and report together.
  const argv = [join(dir, 'bin', 'vrrplab.js'), 'run', join(ROOT, SEED_SCENARIO), '--until', '1h'];
  const probe = spawnSync(process.execPath, argv, { stdio: 'ignore' });
  const exitCode = probe.status ?? -1;
  if (hasHyperfine()) {
    const json = join(dir, 'hyperfine.json');
    const cmd = [process.execPath, ...argv].map((a) => `'${a}'`).join(' ');
    execFileSync('hyperfine', ['--warmup', '3', '--runs', String(runs), '-N', '-i', '--export-json', json, cmd, `'${process.execPath}' -e 0`], { stdio: 'ignore' });
    const [r, bare] = (JSON.parse(readFileSync(json, 'utf8')) as { results: { median: number; min: number }[] }).results;
    return { runs, medianMs: r!.median * 1000, minMs: r!.min * 1000, bareNodeMedianMs: bare!.median * 1000, tool: 'hyperfine', exitCode };
  }
  // Alternating, as hyperfine would not: the host's load drifts, and both sides should see the same drift.
  const cli: Run[] = [];
  const bare: Run[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const a = timeRun(argv);
    const b = timeRun(['-e', '0']);
    if (i >= 3) { cli.push(a); bare.push(b); }
  }
  const cpu = (xs: readonly Run[]): number | undefined => (xs.every((x) => x.cpuMs !== undefined) ? median(xs.map((x) => x.cpuMs!)) : undefined);
  const cliCpu = cpu(cli);
  const bareCpu = cpu(bare);
  return {
    runs, medianMs: median(cli.map((x) => x.wallMs)), minMs: Math.min(...cli.map((x) => x.wallMs)), bareNodeMedianMs: median(bare.map((x) => x.wallMs)), tool: 'loop', exitCode,
    ...(cliCpu !== undefined && bareCpu !== undefined ? { cpuMedianMs: cliCpu, bareNodeCpuMedianMs: bareCpu } : {}),
  };
}
