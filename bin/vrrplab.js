#!/usr/bin/env node
// Runs the bundled CLI when `npm ci` has built it: the command's CommonJS bundle with its V8
// code cache (bin/code-cache.js), else the ESM bundle (one entry file plus a few chunks load
// far faster than the ~60 modules of the tsc output), else the tsc output, and without any
// build the TypeScript sources through tsx, so a bare checkout still works.
// CommonJS (bin/package.json): the cached path never sets up the ES module loader.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli');

function start() {
  // Fastest: `run` and `explore` have bundles of their own, the rest share main.cjs.
  if (existsSync(join(cli, 'main.cjs.cache'))) {
    const codeCache = require('./code-cache.js');
    const cached = [codeCache.bundleFor(cli, process.argv[2]), join(cli, 'main.cjs')].find((f) => existsSync(f) && existsSync(`${f}.cache`));
    if (cached !== undefined) return codeCache.runCli(codeCache.compileCli(cached, readFileSync(`${cached}.cache`)), cached);
  }
  const bundled = join(cli, 'main.mjs');
  const built = join(root, 'dist', 'src', 'cli', 'main.js');
  if (existsSync(bundled)) return import(pathToFileURL(bundled).href);
  if (existsSync(built)) return import(pathToFileURL(built).href);
  // A bare checkout runs the sources through tsx, a devDependency: without it, one line, not a
  // module-resolution stack trace.
  return import('tsx/esm/api').then(
    (api) => { api.register(); return import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href); },
    () => {
      process.stderr.write(`vrrplab: ${root} is not built (no dist/) and tsx is not installed; run \`npm ci && npm run build\` there, expected a built package (npm pack builds one)\n`);
      process.exit(2);
    },
  );
}

start();
