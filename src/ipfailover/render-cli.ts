// The 3.x command that creates this configuration, one flag per line as operators write it.
// Flags are written when they differ from the CLI's default (plus --virtual-ips, --replicas and
// --watch-port, which every real invocation names), so the command says what was chosen.
import { InputError } from '../cli/errors.js';
import { IPFAILOVER_FLAGS } from './flags.js';
import { shellQuote } from './shell-words.js';
import { ipfailoverSpec, type IpfailoverSpec, type SpecPositions } from './spec.js';
import { assertNoInjection } from './inject.js';

// --watch-port decides the check every pod runs (its default 80 included): a command without it
// hides what the simulation checked.
const ALWAYS = new Set(['virtual-ips', 'replicas', 'watch-port']);
const ENV_ONLY: ReadonlyArray<keyof IpfailoverSpec> = [
  'unicastPeers', 'excludedVrrpIds', 'nftablesRule', 'adminEmails', 'smtpServer', 'mcastSrcIp', 'unicastSrcIp',
];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function renderIpfailoverCli(spec: IpfailoverSpec, positions?: SpecPositions): string {
  assertNoInjection(spec, positions);
  // oadm's -i defaulted to "" (3.11's oc adm to eth0): the parse of the written command must agree.
  const defaults = ipfailoverSpec({ name: spec.name, ...(spec.legacy ? { interface: '' } : {}) });
  for (const field of ENV_ONLY) {
    if (!same(spec[field], defaults[field])) {
      throw new InputError(`${field} has no oc adm ipfailover flag (it is pod environment only); expected --format env or deployment`, { file: '--format' });
    }
  }
  const parts: string[] = [`${spec.legacy ? 'oadm' : 'oc adm'} ipfailover ${shellQuote(spec.name)}`];
  for (const def of IPFAILOVER_FLAGS) {
    if (def.field === undefined || def.field === 'legacy') continue;
    const value = spec[def.field];
    if (value === undefined) continue;
    if (!ALWAYS.has(def.flag) && same(value, defaults[def.field])) continue;
    if (def.kind === 'bool') parts.push(value === true ? `--${def.flag}` : `--${def.flag}=false`);
    else if (def.kind === 'int') parts.push(`--${def.flag}=${String(value)}`);
    else parts.push(`--${def.flag}="${String(value).replace(/(["\\$`])/g, '\\$1')}"`);
  }
  return `${parts.join(' \\\n    ')}\n`;
}
