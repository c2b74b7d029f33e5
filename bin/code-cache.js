// The CLI as CommonJS files compiled with V8 code caches (scripts/bundle.mjs makes them).
// bin/vrrplab.js and the build's training run must compile the very same text with the very
// same options, or V8 rejects the cache: both use these functions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/**
 * Commands with a bundle of their own, `dist/cli/<command>.cjs`: reading and deserialising only
 * what the command can reach is the cheaper cold start. Every other command runs main.cjs.
 * Each has the arguments of its training run (after the scenario path).
 */
export const COMMAND_BUNDLES = new Map([
  ['run', ['--until', '1h']],
  ['explore', ['--runs', '300', '--seed', '1']],
]);

/** The bundle that runs `vrrplab <command> ...`. */
export function bundleFor(cliDir, command) {
  return join(cliDir, COMMAND_BUNDLES.has(command) ? `${command}.cjs` : 'main.cjs');
}

export function compileCli(file, cachedData) {
  const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  return new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file, ...(cachedData !== undefined ? { cachedData } : {}),
  });
}

export function runCli(script, file) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}
