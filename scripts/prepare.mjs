#!/usr/bin/env node
// npm runs `prepare` on `npm ci` and again when `npx vrrplab` first runs in a checkout (npm exec
// treats the project folder as a package to set up). Rebuilding there cost ~13 s on the README's
// main command; build only when the CLI bundle is missing or older than a source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bundle = join(root, 'dist', 'cli', 'main.mjs');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

const sources = ['src', 'sim', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, p)).filter(existsSync);
const stale = !existsSync(bundle) || sources.some((p) => newest(p) > statSync(bundle).mtimeMs);
if (stale) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
