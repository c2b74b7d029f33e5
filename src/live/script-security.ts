// keepalived 2.2.7's script security, for the vrrp_scripts speak runs for real. keepalived checks
// every script once at start-up (vrrp.c check_vrrp_script_security() ->
// check_track_script_secure() -> lib/notify.c check_script_secure()) and, when the script would
// run with root's powers, walks every directory of its path (lib/notify.c check_security()).
// A path part not owned by root, or writable by a non-root group or by everyone, is unsafe: with
// enable_script_security the script is disabled (removed from every instance that tracks it);
// without it keepalived only says so and runs it anyway. Lines are keepalived's own words.
import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { scriptArgv } from '../keepalived/script-argv.js';
import type { RouterConfig } from '../vrrp/types.js';

// lib/notify.h: the flags check_script_secure() returns.
export const SC_INSECURE = 0x01;
export const SC_ISSCRIPT = 0x02;
export const SC_INHIBIT = 0x04;
export const SC_NOTFOUND = 0x08;
export const SC_EXECUTABLE = 0x10;
export const SC_SYSTEM = 0x40;

export interface Ids { readonly uid: number; readonly gid: number }
export interface SecureResult { readonly flags: number; readonly lines: readonly string[] }

const STRERROR = new Map([
  ['ENOENT', 'No such file or directory'], ['EACCES', 'Permission denied'],
  ['ENOTDIR', 'Not a directory'], ['ELOOP', 'Too many levels of symbolic links'],
]);
const codeOf = (e: unknown): string => (e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : 'EIO');
const errnoOf = (e: unknown): number => (e instanceof Error && 'errno' in e && typeof e.errno === 'number' ? Math.abs(e.errno) : 5);

/** lib/notify.c is_executable(). */
function isExecutable(st: Stats, ids: Ids): boolean {
  const m = st.mode;
  return (ids.uid === 0 && (m & 0o111) !== 0)
    || (ids.uid === st.uid && (m & 0o100) !== 0)
    || (ids.uid !== st.uid && ((ids.gid === st.gid && (m & 0o010) !== 0) || (ids.gid !== st.gid && (m & 0o001) !== 0)));
}

/** lib/notify.c check_security(): "/", then each directory, then the file itself, unfollowed. */
export function checkSecurity(filename: string, scriptSecurity: boolean): SecureResult {
  const parts: string[] = [];
  for (let i = filename.indexOf('/'); i !== -1; i = filename.indexOf('/', i + 1)) parts.push(i === 0 ? '/' : filename.slice(0, i));
  parts.push(filename);
  for (const [n, p] of parts.entries()) {
    const last = n === parts.length - 1;
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch (e) {
      const code = codeOf(e);
      return {
        flags: SC_NOTFOUND,
        lines: [['EACCES', 'ELOOP', 'ENOENT', 'ENOTDIR'].includes(code)
          ? `check_script_secure could not find script '${filename}' - disabling`
          : `check_script_secure('${filename}') returned errno ${errnoOf(e)} - ${STRERROR.get(code) ?? code} - disabling`],
      };
    }
    if ((!last && !st.isDirectory()) || (last && !st.isFile() && !st.isSymbolicLink())) {
      return { flags: SC_INHIBIT, lines: [`Wrong file type found in script path '${filename}'.`] };
    }
    const sticky = (st.mode & 0o1000) !== 0;
    if (st.uid !== 0 || (((st.isDirectory() && !sticky) || st.isFile()) && ((st.gid !== 0 && (st.mode & 0o020) !== 0) || (st.mode & 0o002) !== 0))) {
      return {
        flags: SC_INSECURE | (scriptSecurity ? SC_INHIBIT : 0),
        lines: [`Unsafe permissions found for script '${filename}'${scriptSecurity ? ' - disabling' : ''}.`],
      };
    }
  }
  return { flags: 0, lines: [] };
}

/** A bare name is looked up in PATH as lib/notify.c find_path() does (execvp's search). */
function findPath(file: string, ids: Ids, path: string): string | undefined {
  for (const dir of path.split(':')) {
    const full = join(dir === '' ? '.' : dir, file);
    try {
      const st = statSync(full);
      if (st.isFile() && isExecutable(st, ids)) return full;
    } catch { /* next directory */ }
  }
  return undefined;
}

/**
 * lib/notify.c check_script_secure() for one command line run as `ids`. speak runs as root and
 * resolves the path as root; keepalived switches to the script's euid first, which only differs
 * for directories the script user cannot search.
 */
export function checkScriptSecure(command: string, ids: Ids, scriptSecurity: boolean, path = process.env['PATH'] ?? '/usr/bin:/bin'): SecureResult {
  let file = scriptArgv(command)?.[0];
  if (file === undefined) return { flags: SC_NOTFOUND, lines: [] };
  // "</path" checks that a file can be opened; it is never executed.
  if (file.startsWith('<') && file[file.slice(1).search(/[^ \t]|$/) + 1] === '/') return { flags: SC_SYSTEM, lines: [] };
  if (!file.includes('/')) {
    const found = findPath(file, ids, path);
    if (found === undefined) return { flags: SC_NOTFOUND, lines: [`Cannot find script ${file} in path - disabling`] };
    file = found;
  }
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch (e) {
    return { flags: SC_NOTFOUND, lines: [`Script ${file} cannot be accessed - ${STRERROR.get(codeOf(e)) ?? codeOf(e)}`] };
  }
  // keepalived keeps the name the script was called by when a same-directory link gives it
  // another: then both the kept name and the real file are checked.
  let realFile: string | undefined;
  let name = real;
  if (basename(real) !== basename(file)) {
    const kept = join(dirname(real), basename(file));
    const same = ((): boolean => {
      try { const a = statSync(real); const b = statSync(kept); return a.dev === b.dev && a.ino === b.ino; } catch { return false; }
    })();
    if (same) { realFile = real; name = kept; }
  }
  let st: Stats;
  try {
    st = statSync(realFile ?? name);
  } catch {
    return { flags: SC_NOTFOUND, lines: [`Unable to access script \`${name}\` - disabling`] };
  }
  let flags = SC_ISSCRIPT;
  const lines: string[] = [];
  let needProtection = false;
  if (isExecutable(st, ids)) {
    flags |= SC_EXECUTABLE;
    needProtection = ids.uid === 0 || ids.gid === 0
      || (st.uid === 0 && (st.mode & 0o100) !== 0 && (st.mode & 0o4000) !== 0)
      || (st.gid === 0 && (st.mode & 0o010) !== 0 && (st.mode & 0o2000) !== 0);
  } else {
    lines.push(`WARNING - script '${name}' is not executable for uid:gid ${ids.uid}:${ids.gid} - disabling.`);
  }
  if (!needProtection) return { flags, lines };
  for (const p of realFile === undefined ? [name] : [name, realFile]) {
    const r = checkSecurity(p, scriptSecurity);
    flags |= r.flags;
    lines.push(...r.lines);
  }
  return { flags, lines };
}

/** The router config after keepalived's start-up check, and what keepalived says about it. */
export interface Secured { readonly router: RouterConfig; readonly lines: readonly string[] }

/**
 * vrrp.c check_vrrp_script_security(): checks every vrrp_script, drops the disabled ones from
 * the scripts and every instance's track_script, and ends with the SECURITY VIOLATION line
 * when scripts run without enable_script_security. `checked` maps a script name to its result.
 */
export function secureRouter(router: RouterConfig, checked: ReadonlyMap<string, SecureResult>, scriptSecurity: boolean): Secured {
  const lines: string[] = [];
  const disabled = new Set<string>();
  let all = 0;
  for (const s of router.scripts) {
    const r = checked.get(s.name);
    if (r === undefined) continue;
    all |= r.flags;
    lines.push(...r.lines);
    // vrrp.c check_track_script_secure()
    if ((r.flags & SC_INHIBIT) !== 0) lines.push(`Disabling track script ${s.name} due to insecure`);
    else if ((r.flags & SC_NOTFOUND) !== 0) lines.push(`Disabling track script ${s.name} since not found/accessible`);
    if ((r.flags & (SC_INHIBIT | SC_NOTFOUND)) !== 0 || (r.flags & (SC_EXECUTABLE | SC_SYSTEM)) === 0) disabled.add(s.name);
  }
  if (!scriptSecurity && (all & SC_ISSCRIPT) !== 0) {
    lines.push(`SECURITY VIOLATION - scripts are being executed but script_security not enabled.${(all & SC_INSECURE) !== 0 ? ' There are insecure scripts.' : ''}`);
  }
  return { router: dropScripts(router, disabled), lines };
}

/** keepalived frees a disabled script and every track_script naming it (vrrp.c free_track_script()). */
export function dropScripts(router: RouterConfig, names: ReadonlySet<string>): RouterConfig {
  if (names.size === 0) return router;
  return {
    ...router,
    scripts: router.scripts.filter((s) => !names.has(s.name)),
    instances: router.instances.map((i) => ({ ...i, track: i.track.filter((t) => t.kind !== 'script' || !names.has(t.name)) })),
  };
}

