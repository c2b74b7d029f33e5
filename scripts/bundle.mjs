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
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { COMMAND_BUNDLES, WRAPPER, compileCli, runCli } from '../bin/code-cache.js';

const root = resolve(new URL('..', import.meta.url).pathname);
const outdir = resolve(process.argv[2] ?? join(root, 'dist', 'cli'));
const SEED = join(root, 'scenarios', 'openshift-ha-router.yaml');
/**
 * Modules a cold start need not load, given to their importers as objects that require them on
 * first use. commander requires node:child_process when it loads, for executable subcommands,
 * which vrrplab does not have (it and net, dgram and their streams were ~3 ms of every cold
 * start); ip-num builds its CIDR tables when it loads, compiling large regular expressions no
 * code cache holds (~5 ms), and only IPv6 addresses need it.
 */
const LAZY = [
  { module: 'node:child_process', importer: /[\\/]node_modules[\\/]commander[\\/]/ },
  { module: 'ip-num', importer: /./ },
  // `z.locales`: zod's messages in ~50 languages (English, the one in use, is imported on its
  // own), which vrrplab never switches to: ~1.3 ms of module initialisation. When touched it is
  // the same ES module file as without this; `path` names it by package, to list its exports.
  { module: '../locales/index.js', importer: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]classic[\\/]external\.js$/, path: 'zod/v4/locales' },
];
const lazyModules = {
  name: 'vrrplab-lazy-modules',
  setup(build) {
    for (const { module, importer, path } of LAZY) {
      const filter = new RegExp(`^${module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      build.onResolve({ filter }, (args) => (args.namespace !== 'vrrplab-lazy' && importer.test(args.importer)
        ? { path: path ?? module, namespace: 'vrrplab-lazy', pluginData: { file: path === undefined ? module : join(args.resolveDir, module) } }
        : undefined));
    }
    build.onLoad({ filter: /.*/, namespace: 'vrrplab-lazy' }, (args) => {
      // The export names are known now, so an importer can list them without loading the module.
      const keys = Object.keys(createRequire(join(root, 'package.json'))(args.path));
      return {
        loader: 'js',
        resolveDir: root,
        contents: `const keys = ${JSON.stringify(keys)};
let loaded;
const load = () => loaded ?? (loaded = require(${JSON.stringify(args.pluginData.file)}));
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' ? true : load()[key]),
  has: (_, key) => keys.includes(key),
  ownKeys: () => keys,
  getOwnPropertyDescriptor: (_, key) => (keys.includes(key) ? { enumerable: true, configurable: true, get: () => load()[key] } : undefined),
});
`,
      };
    });
  },
};
const common = { bundle: true, platform: 'node', target: 'node20', external: ['raw-socket'], logLevel: 'warning', plugins: [lazyModules] };
/** bundle name -> its entry and the command line of its training run. */
const CJS = new Map([
  ['main', { entry: 'main.ts', train: ['run', SEED, '--until', '1h'] }],
  ...[...COMMAND_BUNDLES].map(([cmd, args]) => [cmd, { entry: `main-${cmd}.ts`, train: [cmd, SEED, ...args] }]),
]);

/**
 * The bundle as the text bin/code-cache.js compiles: the CommonJS function wrapper already
 * around it (no copy of 1.7 MB to make at start) and ASCII only, so that it is read as latin1
 * into a one-byte string, which V8 also hashes and checks faster: utf8 decoding plus a two-byte
 * string (one U+2026 is enough) cost ~5 ms of a cold start. A character outside ASCII becomes
 * \uXXXX, which means the same in a comment, string, template, regular expression or name;
 * inside a String.raw template, where it would not, it becomes ${"\uXXXX"}.
 */
function wrappedAscii(text) {
  const escape = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  let out = '';
  let i = 0;
  for (;;) {
    const raw = text.indexOf('String.raw`', i);
    const end = raw < 0 ? text.length : raw + 'String.raw`'.length;
    out += text.slice(i, end).replace(/[^\x00-\x7f]/g, escape);
    if (raw < 0) break;
    // The raw template's literal text runs to the first backtick not escaped by a backslash.
    let j = end;
    while (j < text.length && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
    if (text.slice(end, j).includes('${')) throw new Error('a String.raw template with substitutions: extend wrappedAscii');
    out += text.slice(end, j).replace(/[^\x00-\x7f]/g, (c) => `\${"${escape(c)}"}`);
    i = j;
  }
  return `${WRAPPER}${out.replace(/^#!.*/, '')}\n})`;
}

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
  // esbuild names chunks by content hash and never removes old ones: without this, every rebuild
  // left the last build's chunks beside the new ones, and `npm pack` from a working tree shipped
  // them all (285 files in dist/cli after a few days of builds, ~25 of them live). Only the kinds
  // of file this script writes go: OUTDIR may be a folder of the caller's.
  if (existsSync(outdir)) for (const f of readdirSync(outdir)) if (/\.(mjs|cjs|cache|tmp)$/.test(f)) rmSync(join(outdir, f), { force: true });
  await build({
    ...common, entryPoints: [join(root, 'src', 'cli', 'main.ts')], format: 'esm', splitting: true, outdir, outExtension: { '.js': '.mjs' },
    banner: { js: "import{createRequire as __vrrplabCreateRequire}from'node:module';const require=__vrrplabCreateRequire(import.meta.url);" },
  });
  for (const [name, { entry }] of CJS) {
    // import.meta.url is the bundle's own URL, as in the ESM chunks (they sit in the same folder).
    await build({
      // import() becomes require(): a vm script's own import() needs an experimental loader option.
      // Minified: 0.9 MB of text instead of 1.7 to read at every start, and a smaller cache to
      // deserialise (~3 ms of a cold `vrrplab run`). Nothing vrrplab prints depends on a function's
      // name; a VRRPLAB_DEBUG stack trace names minified functions (dist/src or tsx for readable ones).
      ...common, entryPoints: [join(root, 'src', 'cli', entry)], format: 'cjs', outfile: join(outdir, `${name}.cjs`), supported: { 'dynamic-import': false }, minify: true,
      define: { 'import.meta.url': '__vrrplabImportMetaUrl' },
      banner: { js: "var __vrrplabImportMetaUrl=require('node:url').pathToFileURL(__filename).href;" },
    });
    writeFileSync(join(outdir, `${name}.cjs`), wrappedAscii(readFileSync(join(outdir, `${name}.cjs`), 'utf8')));
    rmSync(join(outdir, `${name}.cjs.cache`), { force: true });
    // The training run's output is not wanted, and explore writes a counterexample: a scratch cwd.
    const scratch = mkdtempSync(join(tmpdir(), 'vrrplab-train-'));
    const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, outdir, '--train', name], { stdio: 'ignore', cwd: scratch });
    rmSync(scratch, { recursive: true, force: true });
    // Without a cache the CLI still runs (bin/vrrplab.js then uses main.mjs); say so, do not fail the build.
    if (!existsSync(join(outdir, `${name}.cjs.cache`))) process.stderr.write(`vrrplab: no code cache made for ${name}.cjs (training run exit ${r.status}); the CLI runs without it\n`);
  }
}
