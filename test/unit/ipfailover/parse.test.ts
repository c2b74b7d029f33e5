import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIpfailoverCommand } from '../../../src/ipfailover/parse-cli.js';
import { parseIpfailoverEnv } from '../../../src/ipfailover/parse-env.js';
import { parseIpfailoverDeployment } from '../../../src/ipfailover/parse-deployment.js';
import { detectIpfailoverInput, parseIpfailoverInput } from '../../../src/ipfailover/parse.js';
import { renderIpfailoverCli } from '../../../src/ipfailover/render-cli.js';
import { renderIpfailoverEnv } from '../../../src/ipfailover/render-env.js';
import { renderIpfailoverDeployment } from '../../../src/ipfailover/render-deployment.js';
import { renderIpfailoverKeepalived } from '../../../src/ipfailover/render-keepalived.js';
import { ipfailoverSpec } from '../../../src/ipfailover/spec.js';
import { InputError } from '../../../src/cli/errors.js';

const fixture = (f: string): string => readFileSync(new URL(`../../fixtures/ipfailover/${f}`, import.meta.url), 'utf8');

function inputError(f: () => unknown): InputError {
  try { f(); } catch (e) { if (e instanceof InputError) return e; throw e; }
  throw new Error('expected an InputError');
}

describe('parse the seed command', () => {
  const parsed = parseIpfailoverCommand(fixture('seed-command.sh'), 'seed.sh');
  it('reads every flag, continuation lines and quotes included', () => {
    expect(parsed.spec).toMatchObject({
      name: 'ipf-ha-router-primary', replicas: 2, watchPort: 80, selector: 'ha-router=primary',
      virtualIps: '192.0.2.101-102', credentials: '/etc/origin/master/openshift-router.kubeconfig',
      serviceAccount: 'router', create: true, legacy: true, vrrpIdOffset: 0, interface: '',
    });
  });
  it('remembers where each flag is', () => {
    expect(parsed.positions.virtualIps).toEqual({ file: 'seed.sh', line: 6, col: 5 });
  });
  it('renders back to the same spec', () => {
    expect(parseIpfailoverCommand(renderIpfailoverCli(parsed.spec), 'x').spec).toEqual(parsed.spec);
    expect(renderIpfailoverCli(parsed.spec).startsWith('oadm ipfailover ipf-ha-router-primary \\\n    --replicas=2 \\\n')).toBe(true);
  });
});

describe('command-line syntax', () => {
  it('accepts short flags, space-separated values and oc adm', () => {
    const s = parseIpfailoverCommand("oc adm ipfailover -r 3 -w=8080 -l 'a=b' --virtual-ips 1.2.3.4 -i ens3", 'f').spec;
    expect(s).toMatchObject({ replicas: 3, watchPort: 8080, selector: 'a=b', virtualIps: '1.2.3.4', interface: 'ens3', legacy: false, name: 'ipfailover' });
  });
  it('rejects unknown flags, non-numbers, two names and other commands with a position', () => {
    expect(inputError(() => parseIpfailoverCommand('oc adm ipfailover --virtual-ip=1.2.3.4', 'f')).pos).toEqual({ file: 'f', line: 1, col: 19 });
    expect(inputError(() => parseIpfailoverCommand('oc adm ipfailover --replicas=two', 'f')).message).toMatch(/whole number/);
    expect(inputError(() => parseIpfailoverCommand('oc adm ipfailover a b', 'f')).message).toMatch(/configuration name/);
    expect(inputError(() => parseIpfailoverCommand('oc adm router x', 'f')).message).toMatch(/expected a command/);
    expect(inputError(() => parseIpfailoverCommand('oc adm ipfailover --virtual-ips="1.2.3.4', 'f')).message).toMatch(/unterminated/);
    expect(inputError(() => parseIpfailoverCommand('oc adm ipfailover --type=haproxy', 'f')).message).toMatch(/no plugins/);
  });
});

describe('env files', () => {
  it('the 3.11 CLI env of the sample renders the sample config', () => {
    const { spec } = parseIpfailoverEnv(fixture('sample.env'), 'sample.env');
    expect(renderIpfailoverKeepalived(spec, { name: 'n', address: '192.0.2.11' }, { seed: 42 })).toBe(fixture('node-192.0.2.11.conf'));
    expect(renderIpfailoverEnv(spec)).toBe(fixture('sample.env'));
  });
  it('a missing offset is the image default 10 (the offset-unset sample)', () => {
    const text = fixture('sample.env').replace('OPENSHIFT_HA_VRRP_ID_OFFSET=0\n', '');
    const { spec } = parseIpfailoverEnv(text, 'e');
    expect(renderIpfailoverKeepalived(spec, { name: 'n', address: '192.0.2.11' }, { seed: 42 })).toBe(fixture('node-192.0.2.11-offset-unset.conf'));
  });
  it('the CLI-set env for the seed spec is the documented 13 variables', () => {
    const env = renderIpfailoverEnv(ipfailoverSpec({ virtualIps: '192.0.2.101-102', replicas: 2 }));
    expect(env).toBe(fixture('sample.env'));
  });
  it('env-only variables round-trip', () => {
    const spec = ipfailoverSpec({ virtualIps: '1.2.3.4', unicastPeers: '192.0.2.1,192.0.2.2', excludedVrrpIds: [2, 3] });
    expect(parseIpfailoverEnv(renderIpfailoverEnv(spec), 'e').spec).toEqual(spec);
  });
  it('reports bad lines and numbers where they are', () => {
    expect(inputError(() => parseIpfailoverEnv('OPENSHIFT_HA_VIRTUAL_IPS=1.2.3.4\nnot a var\n', 'e')).pos).toEqual({ file: 'e', line: 2, col: 1 });
    expect(inputError(() => parseIpfailoverEnv('OPENSHIFT_HA_REPLICA_COUNT=x\n', 'e')).pos).toEqual({ file: 'e', line: 1, col: 28 });
    expect(inputError(() => parseIpfailoverEnv('OPENSHIFT_HA_VIRTAUL_IPS=1\n', 'e')).message).toMatch(/unknown variable/);
  });
});

describe('Deployment YAML', () => {
  const spec = ipfailoverSpec({ name: 'ipf', virtualIps: '192.0.2.101-102', replicas: 2, selector: 'ha-router=primary', serviceAccount: 'router', namespace: 'default', checkScript: '/etc/keepalive/check.sh' });
  const yaml = renderIpfailoverDeployment(spec);
  it('is a privileged host-network Deployment with the env', () => {
    expect(yaml).toContain('kind: Deployment');
    expect(yaml).toContain('hostNetwork: true');
    expect(yaml).toContain('privileged: true');
    expect(yaml).toContain('ha-router: primary');
    expect(yaml).toContain('hostPort: 63000');
    expect(yaml).toMatch(/- name: OPENSHIFT_HA_VIRTUAL_IPS\n\s+value: 192\.0\.2\.101-102/);
  });
  it('parses back to the same spec', () => {
    expect(parseIpfailoverDeployment(yaml, 'd.yaml').spec).toEqual(spec);
  });
  it('keeps the pod replica count apart from OPENSHIFT_HA_REPLICA_COUNT', () => {
    const p = parseIpfailoverDeployment(yaml.replace('replicas: 2', 'replicas: 3'), 'd.yaml');
    expect(p.spec.replicas).toBe(2);
    expect(p.podReplicas?.value).toBe(3);
  });
  it('rejects what is not a Deployment', () => {
    expect(inputError(() => parseIpfailoverDeployment('kind: Service\n', 'd')).message).toMatch(/Deployment/);
    expect(inputError(() => parseIpfailoverDeployment('kind: [\n', 'd')).pos?.file).toBe('d');
  });
});

describe('input detection', () => {
  it('tells the three forms apart', () => {
    expect(detectIpfailoverInput(fixture('seed-command.sh'))).toBe('cli');
    expect(detectIpfailoverInput(fixture('sample.env'))).toBe('env');
    expect(detectIpfailoverInput(renderIpfailoverDeployment(ipfailoverSpec()))).toBe('deployment');
    expect(() => parseIpfailoverInput('hello\n', 'x')).toThrow(InputError);
  });
});
