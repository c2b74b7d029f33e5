// Script and notify lines in keepalived.conf: re-read with quotes and escapes as keepalived's
// script reader does, and what it reports about them.
import type { NotifyModel, VrrpInstanceModel, VrrpSyncGroupModel } from '../model/types.js';
import type { Entry } from './lex.js';
import { arg, keyword, type Ctx, type Mutable } from './parse-common.js';
import { scriptArgvProblem, scriptLineWords } from './script-argv.js';

/**
 * keepalived re-reads a script or notify line with alloc_strvec_quoted_escaped() (parser.c:1014;
 * vrrp_vscript_script_handler(), vrrp_parser.c:1494-1504; notify_script_init(), notify.c:1062),
 * which knows single quotes and backslash escapes, unlike the keyword tokeniser. Word 1 is the
 * command (split once more when it runs), words 2-3 the notify USER GROUP.
 */
function reparsed(e: Entry): { words: string[]; firstQuoted: boolean } | undefined {
  const k = keyword(e);
  const words = scriptLineWords(k.rest);
  const after = k.rest.slice(k.raw.length).trimStart();
  return words === undefined ? undefined : { words, firstQuoted: after.startsWith('"') || after.startsWith("'") };
}

export function scriptCommand(e: Entry, ctx: Ctx): string | undefined {
  const k = keyword(e);
  arg(e, 1, 'a command (quote it if it has arguments)');
  const r = reparsed(e);
  const cmd = r?.words[1];
  if (r === undefined || cmd === undefined) {
    ctx.warnings.push({ severity: 'error', message: `String '${k.rest}': missing terminating quote or escape; keepalived cannot parse the script and ignores it`, pos: k.pos });
    return undefined;
  }
  if (r.words.length > 2) {
    const all = r.words.slice(1).join(' ');
    ctx.warnings.push({
      severity: 'warning',
      message: `script '${all}': keepalived runs only '${cmd}' and drops the arguments; quote the whole command: ${k.text} "${all}"`,
      pos: e.words[2]?.pos ?? k.pos,
    });
  }
  return cmd;
}

function notifyCommand(e: Entry, ctx: Ctx): NotifyModel | undefined {
  const k = keyword(e);
  arg(e, 1, 'a command (quote it if it has arguments)');
  const r = reparsed(e);
  const cmd = r?.words[1];
  if (r === undefined || cmd === undefined) {
    ctx.warnings.push({ severity: 'error', message: `Unable to parse notify script '${k.rest}' - ignoring`, pos: k.pos });
    return undefined;
  }
  // The command word is split again into its argument vector (set_script_params_array(),
  // lib/notify.c:1076); keepalived drops a notify whose command it cannot split.
  const problem = scriptArgvProblem(cmd);
  if (problem !== undefined) {
    ctx.warnings.push({ severity: 'error', message: problem, pos: k.pos });
    return undefined;
  }
  const user = r.words[2];
  const group = r.words[3];
  if (user !== undefined && !r.firstQuoted) {
    ctx.warnings.push({
      severity: 'warning',
      message: `${k.text} ${cmd}: keepalived takes '${r.words.slice(2).join(' ')}' as USER [GROUP] to run it as, not as arguments; quote the command if they are arguments`,
      pos: e.words[2]?.pos ?? k.pos,
    });
  }
  if (r.words.length > 4) {
    ctx.warnings.push({ severity: 'warning', message: `${k.text}: extra words after USER GROUP ignored`, pos: e.words[4]?.pos ?? k.pos });
  }
  return {
    command: cmd,
    ...(user !== undefined ? { user } : {}),
    ...(group !== undefined ? { group } : {}),
  };
}

const NOTIFY_KEYS = {
  notify: 'notify',
  notify_master: 'notifyMaster',
  notify_backup: 'notifyBackup',
  notify_fault: 'notifyFault',
  notify_stop: 'notifyStop',
} as const;

export function setNotify(
  target: Mutable<VrrpInstanceModel> | Mutable<VrrpSyncGroupModel>, e: Entry, owner: string, ctx: Ctx,
): boolean {
  const k = keyword(e);
  if (!Object.hasOwn(NOTIFY_KEYS, k.text)) return false;
  const key = NOTIFY_KEYS[k.text as keyof typeof NOTIFY_KEYS];
  const value = notifyCommand(e, ctx);
  if (value === undefined) return true;
  if (target[key] !== undefined) {
    ctx.warnings.push({
      severity: 'error',
      message: `(${owner}) ${k.text} script already specified - ignoring ${value.command}`,
      pos: k.pos,
    });
    return true;
  }
  target[key] = value;
  return true;
}

