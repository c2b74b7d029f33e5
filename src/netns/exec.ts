// Every namespace operation goes through execFile with an argument vector: user-supplied names
// never reach a shell. Failures carry the command and its stderr so a broken host setup is
// diagnosable from one line.
import { execFile, execFileSync } from 'node:child_process';

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
}

export class CommandError extends Error {
  readonly argv: readonly string[];
  readonly stderr: string;
  constructor(argv: readonly string[], stderr: string, cause: string) {
    super(`${argv.join(' ')}: ${stderr.trim() || cause}`);
    this.name = 'CommandError';
    this.argv = argv;
    this.stderr = stderr;
  }
}

export function run(cmd: string, args: readonly string[], input?: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, [...args], { encoding: 'utf8', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new CommandError([cmd, ...args], stderr, err.message));
      else resolve({ stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** For signal/exit handlers, where nothing asynchronous will get to run. Never throws. */
export function runSyncQuiet(cmd: string, args: readonly string[]): string {
  try {
    return execFileSync(cmd, [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

/** `ip -n NS ...`: the command runs against the namespace without entering it. */
export function ipIn(ns: string, args: readonly string[]): Promise<ExecResult> {
  return run('ip', ['-n', ns, ...args]);
}

export function nsExec(ns: string, cmd: string, args: readonly string[], input?: string): Promise<ExecResult> {
  return run('ip', ['netns', 'exec', ns, cmd, ...args], input);
}
