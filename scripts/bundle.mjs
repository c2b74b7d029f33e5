#!/usr/bin/env node
// `npm run bundle [-- OUTDIR]`: the CLI bundles bin/vrrplab.js runs instead of ~60 tsc modules.
// - main.mjs + chunks (ESM, split per command): what `import`ing the CLI gets.
// - main.cjs + main.cjs.cache: the same CLI as one CommonJS file and a V8 code cache of it,
//   made by running the seed scenario once. bin/vrrplab.js runs this pair when both exist:
//   Node 20 cannot cache ESM compilation (module.enableCompileCache is Node 22), and a cold
//   `vrrplab run` spends a fifth of its CPU compiling our code. A cache another V8 made is
//   rejected by V8 itself and the file is compiled as usual.
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileCli, runCli } from '../bin/code-cache.js';

const root = resolve(new URL('..', import.meta.url).pathname);
const outdir = resolve(process.argv[2] ?? join(root, 'dist', 'cli'));
const common = { entryPoints: [join(root, 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', target: 'node20', external: ['raw-socket'], logLevel: 'warning' };

if (process.argv[3] === '--train') {
  // Child: run the CLI from the CommonJS file once, then write what V8 compiled.
  const file = join(outdir, 'main.cjs');
  const script = compileCli(file, undefined);
  process.argv = [process.argv[0], file, 'run', join(root, 'scenarios', 'openshift-ha-router.yaml'), '--until', '1h'];
  process.on('exit', () => {
    writeFileSync(`${file}.cache.tmp`, script.createCachedData());
    renameSync(`${file}.cache.tmp`, `${file}.cache`);
  });
  runCli(script, file);
} else {
  buildSync({
    ...common, format: 'esm', splitting: true, outdir, outExtension: { '.js': '.mjs' },
    banner: { js: "import{createRequire as __vrrplabCreateRequire}from'node:module';const require=__vrrplabCreateRequire(import.meta.url);" },
  });
  // import.meta.url is the bundle's own URL, as in the ESM chunks (they sit in the same folder).
  buildSync({
    // import() becomes require(): a vm script's own import() needs an experimental loader option.
    ...common, format: 'cjs', outfile: join(outdir, 'main.cjs'), supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__vrrplabImportMetaUrl' },
    banner: { js: "var __vrrplabImportMetaUrl=require('node:url').pathToFileURL(__filename).href;" },
  });
  rmSync(join(outdir, 'main.cjs.cache'), { force: true });
  const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, outdir, '--train'], { stdio: 'ignore' });
  // Without a cache the CLI still runs (bin/vrrplab.js then uses main.mjs); say so, do not fail the build.
  if (!existsSync(join(outdir, 'main.cjs.cache'))) process.stderr.write(`vrrplab: no code cache made (training run exit ${r.status}); the CLI runs without it\n`);
}
