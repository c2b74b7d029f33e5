#!/usr/bin/env node
// Runs the bundled CLI when `npm ci` has built it: one entry file plus a few chunks load far
// faster than the ~60 modules of the tsc output (cold start), and the CommonJS bundle with its
// code cache faster still. Otherwise the tsc output, and without any build the TypeScript
// sources through tsx, so a bare checkout still works.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = join(root, 'dist', 'cli', 'main.mjs');
const built = join(root, 'dist', 'src', 'cli', 'main.js');
// Fastest: the command's bundle as one CommonJS file with the V8 code cache the build made
// (bin/code-cache.js); `run` and `explore` have bundles of their own, the rest share main.cjs.
const codeCache = existsSync(join(root, 'dist', 'cli', 'main.cjs.cache')) ? await import('./code-cache.js') : null;
const cached = codeCache === null ? undefined : [codeCache.bundleFor(join(root, 'dist', 'cli'), process.argv[2]), join(root, 'dist', 'cli', 'main.cjs')].find((f) => existsSync(f) && existsSync(`${f}.cache`));
if (codeCache !== null && cached !== undefined) {
  codeCache.runCli(codeCache.compileCli(cached, readFileSync(`${cached}.cache`)), cached);
} else if (existsSync(bundled)) {
  await import(pathToFileURL(bundled).href);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  // A bare checkout runs the sources through tsx, a devDependency: without it, one line, not a
  // module-resolution stack trace.
  let api;
  try {
    api = await import('tsx/esm/api');
  } catch {
    process.stderr.write(`vrrplab: ${root} is not built (no dist/) and tsx is not installed; run \`npm ci && npm run build\` there, expected a built package (npm pack builds one)\n`);
    process.exit(2);
  }
  api.register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
