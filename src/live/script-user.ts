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
