// Turns a vrrp_script's command line into something the simulator can evaluate. Common health
// checks are recognised the way keepalived would run them (execve, no shell unless the command
// is a shell); anything else must be bound in the scenario, or the scenario is rejected — a
// check vrrplab silently guessed at would make every verdict after it a guess too.
import { canonicalAddress } from '../../src/model/addresses.js';
import type { ScriptBinding, ServiceSpec } from '../spec.js';
import type { Ipv4 } from '../../src/vrrp/types.js';
import { scriptArgv, systemCommandText } from '../../src/keepalived/script-argv.js';

export type Recognised =
  /** `note`: what keepalived does that a reader of the config would not expect (shown as a warning). */
  | { readonly kind: 'bound'; readonly binding: ScriptBinding; readonly how: string; readonly note?: string }
  /** keepalived 2.2.7 cannot execute it and drops it from the instance (vrrp.c:180-274). */
  | { readonly kind: 'dropped'; readonly why: string }
  | { readonly kind: 'unknown'; readonly why: string };

/** Splits shell text (a `bash -c` body) as a POSIX shell would split words; no expansion. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      cur += text.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        cur += text[i];
        i++;
      }
      inWord = true;
      i++;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const SHELLS = new Set(['bash', 'sh', 'dash', 'ash', 'zsh', 'ksh']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', '::']);

interface Context {
  readonly ownAddress: Ipv4;
  readonly services: readonly ServiceSpec[];
  /** What /bin/sh is on the node (default dash, as on Debian). */
  readonly shell?: 'dash' | 'bash';
}

function tcp(host: string, port: number, ctx: Context, how: string): Recognised {
  // An IPv6 literal (bracketed in URLs) is an address too, compared in RFC 5952 form.
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const h = LOCAL_HOSTS.has(bare) ? ctx.ownAddress : bare.includes(':') ? canonicalAddress(bare) ?? bare : bare;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(h) && !(h.includes(':') && canonicalAddress(h) !== undefined)) return { kind: 'unknown', why: `it connects to '${host}', a name vrrplab cannot resolve` };
  return { kind: 'bound', binding: { kind: 'tcp', host: h, port }, how: `${how} to ${h}:${port}` };
}

function processCheck(name: string, ctx: Context, how: string): Recognised {
  const svc = ctx.services.find((s) => s.processNames.includes(name) || s.name === name);
  if (svc === undefined) return { kind: 'unknown', why: `it checks process '${name}', which no service of the node runs (add services: [{name, port, process: ${name}}])` };
  return { kind: 'bound', binding: { kind: 'service', service: svc.name }, how: `${how} ${name} (service ${svc.name})` };
}

/** Shell text, as given to `bash -c`. */
function recogniseShell(text: string, ctx: Context): Recognised {
  const t = text.trim().replace(/;\s*$/, '');
  const devTcp = /^(?:exec\s+\d*<>?\s*|cat\s*<\s*|:?\s*<\s*)?\/dev\/tcp\/([^/\s]+)\/(\d+)\s*(?:>\s*\/dev\/null)?$/.exec(t) ?? /^<\s*\/dev\/tcp\/([^/\s]+)\/(\d+)$/.exec(t);
  if (devTcp) return tcp(devTcp[1] as string, Number(devTcp[2]), ctx, 'bash /dev/tcp connect');
  if (/^exit\s+0$/.test(t) || t === 'true' || t === ':') return { kind: 'bound', binding: { kind: 'const', ok: true }, how: 'always succeeds' };
  if (/^exit\s+[1-9]\d*$/.test(t) || t === 'false') return { kind: 'bound', binding: { kind: 'const', ok: false }, how: 'always fails' };
  return recogniseArgv(shellWords(t), ctx, true);
}

function recogniseArgv(argv: readonly string[], ctx: Context, viaShell: boolean): Recognised {
  const cmd = argv[0];
  if (cmd === undefined) return { kind: 'unknown', why: 'the command is empty' };
  const name = base(cmd);
  if (!viaShell && /^<[ \t]*\//.test(cmd)) return recogniseSystem(argv, ctx);
  if (!viaShell && (cmd.startsWith('<') || cmd.startsWith('>'))) {
    return { kind: 'dropped', why: `keepalived 2.2.7 looks '${cmd}' up as an executable, does not find it and disables the script ("Cannot find script ${cmd} in path - disabling", notify.c:721-727): it is dropped and the instance runs untracked` };
  }
  if (SHELLS.has(name)) {
    const c = argv.indexOf('-c');
    const body = c >= 0 ? argv[c + 1] : undefined;
    if (body !== undefined) return recogniseShell(body, ctx);
    return { kind: 'unknown', why: `it runs a shell script file (${argv.slice(1).join(' ')})` };
  }
  if (name === 'true' && argv.length === 1) return { kind: 'bound', binding: { kind: 'const', ok: true }, how: 'always succeeds' };
  if (name === 'false' && argv.length === 1) return { kind: 'bound', binding: { kind: 'const', ok: false }, how: 'always fails' };
  const operands = argv.slice(1).filter((a) => !a.startsWith('-'));
  if ((name === 'pidof' || name === 'pgrep') && operands.length === 1) return processCheck(operands[0] as string, ctx, name);
  if (name === 'killall' && argv[1] === '-0' && argv.length === 3) return processCheck(argv[2] as string, ctx, 'killall -0');
  if (name === 'curl' || name === 'wget') {
    const url = argv.slice(1).find((a) => /^https?:\/\//.test(a));
    const m = url === undefined ? null : /^(https?):\/\/(?:[^@/]*@)?(\[[0-9A-Fa-f:.]+\]|[^/:]+)(?::(\d+))?/.exec(url);
    if (m) return tcp(m[2] as string, m[3] !== undefined ? Number(m[3]) : m[1] === 'https' ? 443 : 80, ctx, name);
  }
  if ((name === 'nc' || name === 'ncat') && argv.includes('-z') && operands.length === 2) return tcp(operands[0] as string, Number(operands[1]), ctx, 'nc -z');
  return { kind: 'unknown', why: `vrrplab does not know what '${argv.join(' ')}' checks` };
}

/**
 * A command whose first word starts `<` then `/` (blanks between allowed) is not exec'd:
 * check_script_secure() returns SC_SYSTEM (notify.c:712-716) and system_call_script() runs
 * system(cmd_str()) (notify.c:208-228), i.e. `/bin/sh -c` on the first word followed by the
 * others in single quotes (cmd_str_r(), notify.c:103-133). What that does depends on the shell.
 */
function recogniseSystem(argv: readonly string[], ctx: Context): Recognised {
  const shell = ctx.shell ?? 'dash';
  const text = systemCommandText(argv) ?? argv.join(' ');
  const devTcp = /^<[ \t]*\/dev\/tcp\/([^/\s]+)\/(\d+)$/.exec(text);
  const tcpRedirect = /^<[ \t]*\/dev\/tcp\//.test(text);
  if (shell === 'dash' && tcpRedirect) {
    return {
      kind: 'bound',
      binding: { kind: 'const', ok: false },
      how: 'exits 2 every time (dash has no /dev/tcp)',
      note: `keepalived runs '${text}' through /bin/sh -c (it starts '</', notify.c:712-716), and /bin/sh on this node is dash, which has no /dev/tcp: "cannot open" and exit 2 on every run, so the check always fails (set the node's shell: bash for a RHEL-family host, or write "/bin/bash -c '${text}'")`,
    };
  }
  if (shell === 'bash' && devTcp) return tcp(devTcp[1] as string, Number(devTcp[2]), ctx, `/bin/sh -c (bash) '${text}': connect`);
  return { kind: 'unknown', why: `keepalived runs '${text}' through /bin/sh -c (${shell}) and vrrplab does not know what that redirection checks` };
}

/** Recognises a vrrp_script command as keepalived would execute it. */
export function recogniseScript(command: string, ctx: Context): Recognised {
  const argv = scriptArgv(command);
  if (argv === undefined) return { kind: 'dropped', why: `keepalived 2.2.7 cannot split '${command}' into words (unterminated quote or trailing backslash) and drops it; the instance runs untracked` };
  return recogniseArgv(argv, ctx, false);
}

/** Parses a scenario `tcp: HOST:PORT` binding (`[IPV6]:PORT` for an IPv6 address, as in URLs). */
export function parseTcpBinding(text: string, ownAddress: Ipv4): ScriptBinding {
  const i = text.lastIndexOf(':');
  const host = text.slice(0, i);
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  // Compared with node and VIP addresses in RFC 5952 form, as the recogniser's tcp() does.
  const h = LOCAL_HOSTS.has(bare) ? ownAddress : bare.includes(':') ? canonicalAddress(bare) ?? bare : bare;
  return { kind: 'tcp', host: h, port: Number(text.slice(i + 1)) };
}
