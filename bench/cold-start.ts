// Figure 4: cold start of the built CLI, `node bin/vrrplab.js run <seed scenario>`. The build
// goes to a private copy (bench/.cold/ is not shared) so other people's dist/ is left alone:
// bin/ and package.json are copied, node_modules is linked, dist/ is compiled and bundled there.
import { execFileSync, execSync, spawnSync } from 'node:child_process';
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
  // The bundle, as `npm run bundle` makes it (the script's flags, with the private outdir).
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const bundle = scripts['bundle'];
  if (bundle === undefined) throw new Error('package.json has no bundle script');
  execSync(bundle.replace(/^esbuild /, `'${join(ROOT, 'node_modules', '.bin', 'esbuild')}' `).replace('--outdir=dist/cli', `--outdir='${join(dir, 'dist', 'cli')}'`), { cwd: ROOT, stdio: 'ignore' });
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
  const timeRuns = (args: readonly string[]): number[] => {
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (i >= 3) times.push(performance.now() - t0);
    }
    return times;
  };
  const times = timeRuns(argv);
  return { runs, medianMs: median(times), minMs: Math.min(...times), bareNodeMedianMs: median(timeRuns(['-e', '0'])), tool: 'loop', exitCode };
}
