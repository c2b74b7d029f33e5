// Issue 14 item 1: every value the ipfailover image pastes into keepalived.conf is refused by
// every renderer when keepalived would read it as syntax, and lint calls it a security problem.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { InputError } from '../../../src/cli/errors.js';
import { ipfailoverInjections } from '../../../src/ipfailover/inject.js';
import { renderIpfailoverCli } from '../../../src/ipfailover/render-cli.js';
import { renderIpfailoverDeployment } from '../../../src/ipfailover/render-deployment.js';
import { renderIpfailoverEnv } from '../../../src/ipfailover/render-env.js';
import { renderIpfailoverKeepalived } from '../../../src/ipfailover/render-keepalived.js';
import { ipfailoverSpec, type IpfailoverSpec } from '../../../src/ipfailover/spec.js';
import { lint } from '../../../src/lint/lint.js';
import { keepalivedRead } from '../../support/keepalived-reader.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo(process.cwd());
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const node = { name: 'n1', address: '192.0.2.1' };
const renderers: [string, (s: IpfailoverSpec) => string][] = [
  ['keepalived', (s) => renderIpfailoverKeepalived(s, node, 0)],
  ['cli', (s) => renderIpfailoverCli(s)],
  ['env', (s) => renderIpfailoverEnv(s)],
  ['deployment', (s) => renderIpfailoverDeployment(s)],
];

const attacks: [keyof IpfailoverSpec, unknown][] = [
  ['name', 'ipf {'],
  ['name', 'a b'],
  ['interface', 'eth0 }\ninclude /etc/passwd'],
  ['interface', 'eth0"'],
  ['checkScript', '/bin/true"\ninclude /etc/passwd\n"'],
  ['checkScript', '/bin/true\u0000'],
  ['checkScript', 'x\\'],
  ['notifyScript', '/bin/n" { x'],
  ['preemptionStrategy', 'include /etc/passwd'],
  ['preemptionStrategy', 'nopreempt }'],
  ['preemptionStrategy', '@id nopreempt'],
  ['unicastPeers', '192.0.2.2,include /etc/passwd'],
  ['unicastPeers', '192.0.2.2,}'],
  ['smtpServer', '127.0.0.1 } include /etc/passwd'],
  ['adminEmails', ['root@localhost', 'include']],
  ['adminEmails', ['$X=1']],
  ['mcastSrcIp', '192.0.2.1 {'],
  ['unicastSrcIp', '192.0.2.1\n}'],
];

describe('ipfailover injection', () => {
  it('the issue repro is refused with the input and its position, exit 2', async () => {
    const r = await run(['render', 'ipfailover', '--args',
      "oc adm ipfailover ipf --virtual-ips=192.0.2.10 --preemption-strategy='include /etc/passwd'", '--address', '192.0.2.1', '--random', '0']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('vrrplab: --args:1:48: security: preemptionStrategy "include /etc/passwd" is pasted in as a line of its own and keepalived acts on its include, @, $ or ~ directive; the ipfailover image pastes it into keepalived.conf unescaped, so vrrplab refuses it (expected a plain value)\n');
  });

  for (const [field, value] of attacks) {
    it(`${field} = ${JSON.stringify(value)} is refused by every renderer and flagged by lint`, () => {
      const spec = ipfailoverSpec({ name: 'ipf', virtualIps: '192.0.2.10', [field]: value });
      for (const [format, render] of renderers) {
        let err: unknown;
        try { render(spec); } catch (e) { err = e; }
        expect(err, format).toBeInstanceOf(InputError);
        expect((err as Error).message, format).toMatch(new RegExp(`^security: ${field} `));
      }
      const findings = lint({ keepalived: [], ipfailover: [{ parsed: { spec, positions: {}, source: 'p' } }] });
      expect(findings.filter((f) => f.code === 'security').map((f) => f.severity)).toContain('error');
      expect(findings.some((f) => /unknown keyword|is dropped/.test(f.message) && f.code === 'preemption')).toBe(false);
    });
  }

  it('refuses a check script that makes a line keepalived cuts at 1023 bytes', () => {
    const spec = ipfailoverSpec({ name: 'ipf', virtualIps: '192.0.2.10', checkScript: `/bin/${'x'.repeat(1010)}` });
    expect(() => renderIpfailoverKeepalived(spec, node, 0)).toThrow(/checkScript ".*1023-byte pieces/);
  });

  it('a --interface override is checked too', () => {
    const spec = ipfailoverSpec({ name: 'ipf', virtualIps: '192.0.2.10' });
    expect(() => renderIpfailoverKeepalived(spec, { ...node, interface: 'eth0 {' }, 0)).toThrow(/^security: interface/);
  });

  // The audit as a property: any text in any pasted field is refused, or keepalived's own
  // reading of the output has no directive and carries each value as exactly its one token.
  const text = fc.string({ unit: fc.constantFrom('a', '0', '.', ' ', '\t', '"', "'", '\\', '$', '@', '~', '{', '}', '#', '!', ',', '\n', '\u0000', 'include ', 'é'), maxLength: 30 });
  const nonEmpty = text.filter((t) => t !== '');
  test.prop([fc.record({ name: text, interface: text, checkScript: text, notifyScript: text, preemptionStrategy: text, unicastPeers: text, smtpServer: nonEmpty, mcastSrcIp: nonEmpty })], { numRuns: 300 })(
    'rendered ipfailover keepalived.conf is refused or read by keepalived exactly as meant',
    (fields) => {
      const spec = ipfailoverSpec({ virtualIps: '192.0.2.10', ...fields, name: fields.name === '' ? 'ipf' : fields.name, interface: fields.interface === '' ? 'eth0' : fields.interface });
      let out: string;
      try { out = renderIpfailoverKeepalived(spec, node, 0); } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect(ipfailoverInjections(spec).length > 0 || /1023/.test((e as Error).message)).toBe(true);
        return;
      }
      const lines = keepalivedRead(out);
      expect(lines.some((l) => l.directive)).toBe(false);
      const tokensOf = (kw: string): readonly string[] | undefined => lines.find((l) => l.tokens[0] === kw)?.tokens;
      expect(tokensOf('auth_pass')).toEqual(['auth_pass', spec.name]);
      expect(tokensOf('interface')).toEqual(['interface', spec.interface]);
      if (spec.checkScript !== '') expect(tokensOf('script')).toEqual(['script', spec.checkScript]);
      if (spec.notifyScript !== '') expect(tokensOf('notify')).toEqual(['notify', spec.notifyScript]);
      expect(lines.filter((l) => l.tokens[0] === 'vrrp_instance').length).toBe(1);
    },
  );
});
