// The CLI as CommonJS files compiled with V8 code caches (scripts/bundle.mjs makes them).
// bin/vrrplab.js and the build's training run must compile the very same text with the very
// same options, or V8 rejects the cache: both use these functions. CommonJS (bin/package.json)
// like bin/vrrplab.js, so a cold start does not set up the ES module loader.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

/**
 * V8 flags set before the bundle is compiled, here and in the training run alike (V8 rejects a
 * code cache made under other flags). --interrupt-budget (V8 11.3, Node 20: "interrupt budget
 * which should be used for the profiler counter", default 67584 bytes of bytecode run) is what
 * a function must spend between tiering decisions (TieringManager::OnInterruptTick in
 * src/execution/tiering-manager.cc); TurboFan takes a few such ticks. Sixteen times the default
 * delays optimisation past a one-shot run: a cold `vrrplab run` spent ~20 % of its CPU
 * compiling with TurboFan code it then barely used (BENCHMARKS.md, cold start round 2), while a
 * run of seconds still gets optimised code, only a little later. It is not --no-opt, which
 * cannot be undone once a sync simulation is under way and made long runs 2.7 x dearer.
 */
const V8_FLAGS = '--interrupt-budget=1081344';

/**
 * Commands with a bundle of their own, `dist/cli/<command>.cjs`: reading and deserialising only
 * what the command can reach is the cheaper cold start. Every other command runs main.cjs.
 * Each has the arguments of its training run (after the scenario path).
 */
const COMMAND_BUNDLES = new Map([
  ['run', ['--until', '1h']],
  ['explore', ['--runs', '300', '--seed', '1']],
]);

/** The bundle that runs `vrrplab <command> ...`. */
function bundleFor(cliDir, command) {
  return join(cliDir, COMMAND_BUNDLES.has(command) ? `${command}.cjs` : 'main.cjs');
}

/** What CommonJS wraps a module's text in; the bundles are written inside it. */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

function compileCli(file, cachedData) {
  v8.setFlagsFromString(V8_FLAGS);
  // The build wrote the file ASCII-only and already inside the CommonJS function wrapper
  // (scripts/bundle.mjs wrappedAscii): read as latin1 it is a one-byte string, compiled as is.
  // A dist/ built before that (plain UTF-8 CommonJS) is read and wrapped as it was then.
  const ascii = readFileSync(file, 'latin1');
  const source = ascii.startsWith(WRAPPER) ? ascii : `${WRAPPER}${readFileSync(file, 'utf8').replace(/^#!.*/, '')}\n})`;
  return new vm.Script(source, { filename: file, ...(cachedData !== undefined ? { cachedData } : {}) });
}

function runCli(script, file) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}

module.exports = { V8_FLAGS, COMMAND_BUNDLES, WRAPPER, bundleFor, compileCli, runCli };
