#!/usr/bin/env node
// npm runs `prepare` on `npm ci` and again when `npx vrrplab` first runs in a checkout (npm exec
// treats the project folder as a package to set up); `prepack` runs it before `npm pack`.
// Rebuilding there cost ~13 s on the README's main command; build only when the CLI bundle or
// the library's tsc output is missing or older than a source file.
// A `file:` dependency on a clone whose devDependencies were never installed has no tsc: that is
// said in one line (and bin/vrrplab.js says how to build) instead of failing the user's install.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outputs = [join(root, 'dist', 'cli', 'main.mjs'), join(root, 'dist', 'cli', 'main.cjs'), join(root, 'dist', 'cli', 'run.cjs'), join(root, 'dist', 'src', 'index.js'), join(root, 'dist', 'src', 'testing', 'index.d.ts')];

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

const sources = ['src', 'sim', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, p)).filter(existsSync);
const built = Math.min(...outputs.map((o) => (existsSync(o) ? statSync(o).mtimeMs : -1)));
const stale = built < 0 || sources.some((p) => newest(p) > built);
const tools = ['typescript', 'esbuild'].every((t) => existsSync(join(root, 'node_modules', t)));
if (stale && !tools) {
  process.stderr.write(`vrrplab: not built: ${root} has no devDependencies (typescript, esbuild); run \`npm ci && npm run build\` there, or install a packed tarball (npm pack)\n`);
} else if (stale) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
