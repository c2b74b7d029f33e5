// Where a fresh `vrrplab run SEED --until 1h` spends its CPU, phase by phase, from timing marks
// (no profiler, which itself slows first execution). `npx tsx bench/cold-phases.ts [RUNS]`
// bundles bench/cold-phases-child.ts the way scripts/bundle.mjs bundles the CLI (one CommonJS file, ASCII,
// compiled by bin/code-cache.js with its V8 flags and a code cache made by a training run),
// runs it RUNS times in fresh processes and prints the median of each phase as one JSON line.
// The CLI's own steps (commander, progress meter,
// report writers) are not in it: the whole process is bench/cold-start.ts's figure.
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './measure.js';
import { SEED_SCENARIO } from './seed-hour.js';

function parent(runs: number): void {
  const root = resolve('.');
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-phases-'));
  try {
    const bundle = join(dir, 'phases.cjs');
    buildSync({ entryPoints: [join(root, 'bench', 'cold-phases-child.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bundle, logLevel: 'error' });
    // The same wrapper and ASCII text as the CLI's bundles, so bin/code-cache.js compiles it alike.
    const src = readFileSync(bundle, 'utf8').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    writeFileSync(bundle, `(function (exports, require, module, __filename, __dirname) {${src}\n})`);
    const starter = join(dir, 'start.cjs');
    writeFileSync(starter, `const cc = require(${JSON.stringify(join(root, 'bin', 'code-cache.js'))}); const fs = require('fs');
const [file, mode] = process.argv.slice(2); process.argv = [process.argv[0], file, ${JSON.stringify(join(root, SEED_SCENARIO))}];
const s = cc.compileCli(file, mode === 'train' ? undefined : fs.readFileSync(file + '.cache'));
if (mode === 'train') process.on('exit', () => fs.writeFileSync(file + '.cache', s.createCachedData()));
else if (s.cachedDataRejected) throw new Error('code cache rejected');
cc.runCli(s, file);`);
    execFileSync(process.execPath, [starter, bundle, 'train']);
    const samples = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, [starter, bundle, 'run'], { encoding: 'utf8' })) as Record<string, number>);
    const out: Record<string, number> = {};
    for (const k of Object.keys(samples[0]!)) out[k] = Math.round(median(samples.map((x) => x[k]!)) * 10) / 10;
    process.stdout.write(`${JSON.stringify({ runs, cpuMsMedian: out })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

parent(Number(process.argv[2] ?? 9));
