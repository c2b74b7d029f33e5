// keepalived 2.2.7 runs scripts without enable_script_security but makes `keepalived -t` exit 6
// (SECURITY VIOLATION); with it and no script_user it needs a `keepalived_script` user or drops
// the scripts. A generated config therefore carries both whenever it runs anything.
import type { KeepalivedConfig, NotifyKeywords } from '../model/types.js';

const hasNotify = (n: NotifyKeywords): boolean =>
  n.notify !== undefined || n.notifyMaster !== undefined || n.notifyBackup !== undefined
  || n.notifyFault !== undefined || n.notifyStop !== undefined;

export function runsScripts(c: KeepalivedConfig): boolean {
  return c.scripts.length > 0 || c.instances.some(hasNotify) || c.syncGroups.some(hasNotify);
}

export function needsScriptSecurity(c: KeepalivedConfig): boolean {
  return runsScripts(c) && (c.globalDefs.enableScriptSecurity !== true || c.globalDefs.scriptUser === undefined);
}

export function withScriptSecurity(c: KeepalivedConfig): KeepalivedConfig {
  if (!runsScripts(c)) return c;
  return {
    ...c,
    globalDefs: {
      ...c.globalDefs,
      enableScriptSecurity: true,
      scriptUser: c.globalDefs.scriptUser ?? { user: 'root' },
    },
  };
}
