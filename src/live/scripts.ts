// vrrp_script commands run for real. keepalived 2.2.7 execs them without a shell: the command
// line is cut into words as keepalived cuts them (script-argv.ts) and handed to execve, except a
// script starting `</`, which keepalived runs through system(), i.e. /bin/sh -c (whatever that
// shell is on this host: dash on Debian has no /dev/tcp). A run that exceeds the script's
// timeout is killed and counts as a failure, as does one that cannot be started.
import { execFile } from 'node:child_process';
import type { Micros } from '../vrrp/types.js';
import { scriptArgv, systemCommandText } from '../keepalived/script-argv.js';

/** Runs the script once: true when it exits 0 within `timeout`. */
export function runScriptCommand(command: string, timeout: Micros, ids?: { readonly uid: number; readonly gid: number }): Promise<boolean> {
  const words = scriptArgv(command);
  const system = words === undefined ? undefined : systemCommandText(words);
  const argv = system === undefined ? words : ['/bin/sh', '-c', system];
  const file = argv?.[0];
  if (argv === undefined || file === undefined) return Promise.resolve(false);
  return new Promise((resolve) => {
    execFile(file, argv.slice(1), { timeout: Math.max(1, Math.ceil(timeout / 1000)), killSignal: 'SIGKILL', windowsHide: true, ...(ids ?? {}) }, (err) => {
      resolve(err === null);
    });
  });
}
