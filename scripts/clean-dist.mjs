#!/usr/bin/env node
// `npm run build` starts from an empty dist/: tsc writes over what it compiles but never removes
// the output of a source file that has since been moved or deleted, and `npm pack` ships all of
// dist/ — a module no source stands behind any more would reach users.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
