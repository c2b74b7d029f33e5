// The CLI as one CommonJS file compiled with a V8 code cache (scripts/bundle.mjs makes both).
// bin/vrrplab.js and the build's training run must compile the very same text with the very
// same options, or V8 rejects the cache: both use these two functions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

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
