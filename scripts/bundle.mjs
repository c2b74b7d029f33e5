#!/usr/bin/env node
// `npm run bundle [-- OUTDIR]`: the CLI bundles bin/vrrplab.js runs instead of ~60 tsc modules.
// - main.mjs + chunks (ESM, split per command): what `import`ing the CLI gets.
// - main.cjs, and run.cjs / explore.cjs carrying one command each (bin/code-cache.js
//   COMMAND_BUNDLES), as single CommonJS files, each with a V8 code cache (.cache) made by a
//   training run of that command on the seed scenario. bin/vrrplab.js runs such a pair when
//   both exist: Node 20 cannot cache ESM compilation (module.enableCompileCache is Node 22),
//   and a cold `vrrplab run` spent a fifth of its CPU compiling our code. A cache made after
//   the training run also holds the functions compiled lazily while it ran. A cache another
//   V8 (or other V8 flags) made is rejected by V8 itself and the file is compiled as usual.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { COMMAND_BUNDLES, compileCli, runCli } from '../bin/code-cache.js';

const root = resolve(new URL('..', import.meta.url).pathname);
const outdir = resolve(process.argv[2] ?? join(root, 'dist', 'cli'));
const SEED = join(root, 'scenarios', 'openshift-ha-router.yaml');
/**
 * commander requires node:child_process when it loads, for executable subcommands, which
 * vrrplab does not have; loading it (with net, dgram and their streams) was ~3 ms of every cold
 * start. commander gets an object that requires it on first use instead.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'vrrplab-lazy' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'vrrplab-lazy' }, () => ({ contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });", loader: 'js' }));
  },
};
const common = { bundle: true, platform: 'node', target: 'node20', external: ['raw-socket'], logLevel: 'warning', plugins: [lazyChildProcessForCommander] };
/** bundle name -> its entry and the command line of its training run. */
const CJS = new Map([
  ['main', { entry: 'main.ts', train: ['run', SEED, '--until', '1h'] }],
  ...[...COMMAND_BUNDLES].map(([cmd, args]) => [cmd, { entry: `main-${cmd}.ts`, train: [cmd, SEED, ...args] }]),
]);

if (process.argv[3] === '--train') {
  // Child: run the CLI from one CommonJS file once, then write what V8 compiled.
  const name = process.argv[4];
  const file = join(outdir, `${name}.cjs`);
  const script = compileCli(file, undefined);
  process.argv = [process.argv[0], file, ...CJS.get(name).train];
  process.on('exit', () => {
    writeFileSync(`${file}.cache.tmp`, script.createCachedData());
    renameSync(`${file}.cache.tmp`, `${file}.cache`);
  });
  runCli(script, file);
} else {
  await build({
    ...common, entryPoints: [join(root, 'src', 'cli', 'main.ts')], format: 'esm', splitting: true, outdir, outExtension: { '.js': '.mjs' },
    banner: { js: "import{createRequire as __vrrplabCreateRequire}from'node:module';const require=__vrrplabCreateRequire(import.meta.url);" },
  });
  for (const [name, { entry }] of CJS) {
    // import.meta.url is the bundle's own URL, as in the ESM chunks (they sit in the same folder).
    await build({
      // import() becomes require(): a vm script's own import() needs an experimental loader option.
      ...common, entryPoints: [join(root, 'src', 'cli', entry)], format: 'cjs', outfile: join(outdir, `${name}.cjs`), supported: { 'dynamic-import': false },
      define: { 'import.meta.url': '__vrrplabImportMetaUrl' },
      banner: { js: "var __vrrplabImportMetaUrl=require('node:url').pathToFileURL(__filename).href;" },
    });
    rmSync(join(outdir, `${name}.cjs.cache`), { force: true });
    // The training run's output is not wanted, and explore writes a counterexample: a scratch cwd.
    const scratch = mkdtempSync(join(tmpdir(), 'vrrplab-train-'));
    const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, outdir, '--train', name], { stdio: 'ignore', cwd: scratch });
    rmSync(scratch, { recursive: true, force: true });
    // Without a cache the CLI still runs (bin/vrrplab.js then uses main.mjs); say so, do not fail the build.
    if (!existsSync(join(outdir, `${name}.cjs.cache`))) process.stderr.write(`vrrplab: no code cache made for ${name}.cjs (training run exit ${r.status}); the CLI runs without it\n`);
  }
}
