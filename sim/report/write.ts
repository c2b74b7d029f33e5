// Writes the report files `vrrplab run` was asked for: whole files or nothing (temp + rename),
// and a path that cannot be written is bad input (exit 2), not a crash.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../../src/cli/errors.js';
import { writeFileAtomic } from '../../src/keepalived/atomic.js';
import type { ScenarioError, ScenarioRun } from '../scenario/run.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';

export interface ReportTargets {
  readonly html?: string | undefined;
  readonly junit?: string | undefined;
}

/**
 * Before a run whose report is written to stdout as it goes: a report path that cannot be
 * written is refused with nothing printed, not after the timeline has gone out. The same checks
 * as writing (writeReports), short of creating the file.
 */
export function checkReportTargets(targets: ReportTargets, cwd: string): void {
  const { html, junit } = targets;
  if (html !== undefined && junit !== undefined && resolve(cwd, html) === resolve(cwd, junit)) {
    throw new InputError('--html and --junit name the same file; expected two different paths', { file: html });
  }
  for (const [option, shown] of [['--html', html], ['--junit', junit]] as const) {
    if (shown === undefined) continue;
    const path = resolve(cwd, shown);
    // Missing folders are created when the report is written: look at the nearest that exists.
    let dir = dirname(path);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    let code: string | null = null;
    try {
      if (!statSync(dir).isDirectory()) code = 'ENOTDIR';
      else accessSync(dir, constants.W_OK);
      if (code === null && existsSync(path) && statSync(path).isDirectory()) code = 'EISDIR';
    } catch (e) {
      code = (e as NodeJS.ErrnoException).code ?? String(e);
    }
    if (code !== null) throw new InputError(`${option}: cannot write the report (${code}); expected a writable file path`, { file: shown });
  }
}

/** `folder`: the runs come from a folder, so JUnit gets a <testsuites> root even for one file. */
export function writeReports(runs: readonly ScenarioRun[], targets: ReportTargets, cwd: string, folder: boolean, errors: readonly ScenarioError[] = []): void {
  const { html, junit } = targets;
  if (html !== undefined && junit !== undefined && resolve(cwd, html) === resolve(cwd, junit)) {
    throw new InputError('--html and --junit name the same file; expected two different paths', { file: html });
  }
  if (html !== undefined) write(resolve(cwd, html), renderHtml(runs, errors), '--html', html);
  if (junit !== undefined) write(resolve(cwd, junit), renderJunit(runs, { root: folder ? 'testsuites' : 'testsuite' }, errors), '--junit', junit);
}

function write(path: string, text: string, option: string, shown: string): void {
  try {
    writeFileAtomic(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError(`${option}: cannot write the report (${code}); expected a writable file path`, { file: shown });
  }
}
