// Whom speak runs a vrrp_script as, by keepalived 2.2.7's rule (vrrp_parser.c vrrp_script
// `user`, global_parser.c `script_user`, and set_default_script_user(): the user
// `keepalived_script` when it exists, else root): the script's own `user USER [GROUP]`, else
// global_defs' `script_user`, else that default. Without it speak ran every script as root.
import type { KeepalivedConfig } from '../model/types.js';

export interface RunAs { readonly user: string; readonly group?: string }

export const DEFAULT_SCRIPT_USER = 'keepalived_script';

/** `userExists` answers whether the account exists on this host. */
export function scriptRunAs(config: KeepalivedConfig, script: string, userExists: (user: string) => boolean): RunAs {
  const s = config.scripts.find((x) => x.name === script);
  if (s?.user !== undefined) return s.group === undefined ? { user: s.user } : { user: s.user, group: s.group };
  const g = config.globalDefs.scriptUser;
  if (g !== undefined) return g.group === undefined ? { user: g.user } : { user: g.user, group: g.group };
  return { user: userExists(DEFAULT_SCRIPT_USER) ? DEFAULT_SCRIPT_USER : 'root' };
}

/**
 * With enable_script_security keepalived will not fall back to root: a vrrp_script that would run
 * as the default user while `keepalived_script` does not exist is removed at parse time (lib/notify.c
 * set_uid_gid() and get_default_script_user(), vrrp_parser.c vrrp_script_end_handler()), and the
 * instances tracking it say so (vrrp_parser.c track_script). Returns the removed names and
 * keepalived's lines.
 */
export function defaultUserRemovals(config: KeepalivedConfig, userExists: (user: string) => boolean): { readonly scripts: ReadonlySet<string>; readonly lines: readonly string[] } {
  const none = { scripts: new Set<string>(), lines: [] };
  if (config.globalDefs.enableScriptSecurity !== true || config.globalDefs.scriptUser !== undefined || userExists(DEFAULT_SCRIPT_USER)) return none;
  const scripts = new Set(config.scripts.filter((s) => s.user === undefined).map((s) => s.name));
  if (scripts.size === 0) return none;
  const lines = [
    `Script user '${DEFAULT_SCRIPT_USER}' does not exist`,
    `Unable to set default user ${DEFAULT_SCRIPT_USER} for script`,
    ...[...scripts].map((s) => `Unable to set default user for vrrp script ${s} - removing`),
    ...config.instances.flatMap((i) => (i.trackScript ?? []).filter((t) => scripts.has(t.name)).map((t) => `(${i.name}) track script ${t.name} not found, ignoring...`)),
  ];
  return { scripts, lines };
}
