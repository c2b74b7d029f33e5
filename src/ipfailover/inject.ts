// The ipfailover image writes keepalived.conf with `echo` and pastes every OPENSHIFT_HA_* value
// in unescaped (ipfailover-generator.md §1.3), so on a real cluster a value with a blank, brace,
// quote, control character or leading `include`/`@`/`$`/`~` becomes keepalived syntax the pod
// runs as root (e.g. OPENSHIFT_HA_PREEMPTION='include /etc/passwd' makes keepalived read
// /etc/passwd). vrrplab cannot quote what the image does not, so such a value is refused by
// every ipfailover renderer and flagged by lint. The rules are keepalived's own (syntax.ts).
import { InputError, type SourcePos } from '../cli/errors.js';
import { isBareToken, lineProblem, shown, unwritable } from '../keepalived/syntax.js';
import { imageExpandVips } from './expand-vips.js';
import type { IpfailoverSpec, SpecPositions } from './spec.js';

export interface Injection {
  readonly field: keyof IpfailoverSpec;
  readonly value: string;
  /** What keepalived would do with it. */
  readonly why: string;
}

const BLANKS = /[ \t\f\v]+/;

/** A value the image writes as one bare word; `lineStart` when it begins its line. */
function bare(field: keyof IpfailoverSpec, value: string, lineStart: boolean): Injection[] {
  if (value === '' || isBareToken(value, lineStart)) return [];
  const why = unwritable(value)
    ?? (lineStart && /^(include[rmwba]?|[@$~])/.test(value)
      ? 'starts its line with an include, @, $ or ~ directive, which keepalived acts on'
      : 'is not one keepalived word: a blank, quote, brace, # or ! in it becomes keepalived syntax (more words, a block, a comment)');
  return [{ field, value, why }];
}

/** A value the image writes between double quotes (check and notify scripts). */
function inQuotes(field: keyof IpfailoverSpec, value: string): Injection[] {
  if (value === '') return [];
  const why = unwritable(value)
    ?? (value.endsWith('\\') ? "ends with '\\', which escapes the closing quote in keepalived's reader" : undefined);
  return why === undefined ? [] : [{ field, value, why }];
}

/** A whole line pasted in (the preemption strategy): only plain keepalived words. */
function asLine(field: keyof IpfailoverSpec, value: string): Injection[] {
  if (value.trim() === '') return [];
  const why = unwritable(value);
  if (why !== undefined) return [{ field, value, why }];
  const words = value.trim().split(BLANKS);
  return words.some((w, i) => !isBareToken(w, i === 0))
    ? [{ field, value, why: /^(include[rmwba]?|[@$~])/.test(words[0] ?? '') ? 'is pasted in as a line of its own and keepalived acts on its include, @, $ or ~ directive' : 'is pasted in as a line of its own: a quote, brace, # or ! in it becomes keepalived syntax' }]
    : [];
}

/** Every value of `spec` that the image would turn into keepalived syntax, in field order. */
export function ipfailoverInjections(spec: IpfailoverSpec): Injection[] {
  const peers = spec.unicastPeers.replace(/,$/, '').split(',');
  return [
    ...bare('name', spec.name, false),
    ...bare('interface', spec.interface, false),
    ...inQuotes('checkScript', spec.checkScript),
    ...inQuotes('notifyScript', spec.notifyScript),
    ...asLine('preemptionStrategy', spec.preemptionStrategy),
    ...peers.flatMap((p) => bare('unicastPeers', p, true)),
    ...bare('smtpServer', spec.smtpServer, false),
    ...spec.adminEmails.flatMap((e) => bare('adminEmails', e, true)),
    ...bare('mcastSrcIp', spec.mcastSrcIp ?? '', false),
    ...bare('unicastSrcIp', spec.unicastSrcIp ?? '', false),
    ...imageExpandVips(spec.virtualIps).flatMap((v) => bare('virtualIps', v, true)),
  ];
}

function where(positions: SpecPositions | undefined, field: keyof IpfailoverSpec): SourcePos {
  return positions?.[field] ?? { file: `<ipfailover ${field}>` };
}

/** Throws the first injection as bad input at the field's position. */
export function assertNoInjection(spec: IpfailoverSpec, positions?: SpecPositions): void {
  const first = ipfailoverInjections(spec)[0];
  if (first === undefined) return;
  throw new InputError(
    `security: ${first.field} ${shown(first.value)} ${first.why}; the ipfailover image pastes it into keepalived.conf unescaped, so vrrplab refuses it (expected a plain value)`,
    where(positions, first.field),
  );
}

/**
 * Throws when a rendered keepalived.conf has a line keepalived would cut (1023-byte pieces),
 * naming the longest field value on that line.
 */
export function assertLines(text: string, spec: IpfailoverSpec, positions?: SpecPositions): void {
  for (const line of text.split('\n')) {
    const why = lineProblem(line);
    if (why === undefined) continue;
    const fields = (Object.keys(spec) as (keyof IpfailoverSpec)[])
      .flatMap((f) => { const v = spec[f]; return (Array.isArray(v) ? v : [v]).map((x) => [f, String(x)] as const); })
      .filter(([, v]) => v !== '' && line.includes(v))
      .sort((a, b) => b[1].length - a[1].length);
    const field = fields[0]?.[0];
    const value = fields[0]?.[1] ?? line;
    throw new InputError(`${field ?? 'keepalived.conf'} ${shown(value)} ${why}`, field === undefined ? { file: '<ipfailover>' } : where(positions, field));
  }
}
