import { describe, expect, it } from 'vitest';
import { parseTcpBinding, recogniseScript, shellWords } from '../../../sim/scenario/bind-scripts.js';
import { loadScenarioText } from '../../../sim/scenario/load.js';
import { InputError, formatInputError } from '../../../src/cli/errors.js';
import type { ServiceSpec } from '../../../sim/spec.js';

const services: ServiceSpec[] = [{ name: 'router', port: 80, processNames: ['haproxy'], upAtStart: true }];
const ctx = { ownAddress: '192.0.2.1', services };

describe('recogniseScript', () => {
  it('binds the ipfailover image check (bash -c </dev/tcp/IP/PORT) to a TCP connect', () => {
    expect(recogniseScript("/bin/bash -c '</dev/tcp/192.0.2.1/80'", ctx)).toMatchObject({ kind: 'bound', binding: { kind: 'tcp', host: '192.0.2.1', port: 80 } });
  });
  // keepalived 2.2.7 runs a command starting '</' through system(3) (notify.c:712-716, 208-228).
  it('a bare </dev/tcp script under dash (the default /bin/sh) fails on every run', () => {
    const r = recogniseScript('</dev/tcp/192.0.2.1/80', ctx);
    expect(r).toMatchObject({ kind: 'bound', binding: { kind: 'const', ok: false } });
    expect(r.kind === 'bound' && r.note).toContain('dash');
    // The blank may only stand inside the first word: split in two, '<' alone is looked up in PATH.
    expect(recogniseScript("'< /dev/tcp/192.0.2.1/80'", { ...ctx, shell: 'dash' as const })).toMatchObject({ binding: { kind: 'const', ok: false } });
    expect(recogniseScript('< /dev/tcp/192.0.2.1/80', ctx).kind).toBe('dropped');
  });
  it('a bare </dev/tcp script under bash is a TCP connect', () => {
    expect(recogniseScript('</dev/tcp/127.0.0.1/80', { ...ctx, shell: 'bash' as const })).toMatchObject({ kind: 'bound', binding: { kind: 'tcp', host: '192.0.2.1', port: 80 } });
  });
  it('IPv6 literals are addresses too: /dev/tcp, nc -z and bracketed URLs, in RFC 5952 form', () => {
    expect(recogniseScript("/bin/bash -c '</dev/tcp/2001:DB8::1/80'", ctx)).toMatchObject({ kind: 'bound', binding: { kind: 'tcp', host: '2001:db8::1', port: 80 } });
    expect(recogniseScript('nc -z 2001:db8::1 443', ctx)).toMatchObject({ binding: { kind: 'tcp', host: '2001:db8::1', port: 443 } });
    expect(recogniseScript('curl -s http://[2001:db8::1]:8080/healthz', ctx)).toMatchObject({ binding: { kind: 'tcp', host: '2001:db8::1', port: 8080 } });
    expect(recogniseScript('curl -s http://[::1]/healthz', ctx)).toMatchObject({ binding: { kind: 'tcp', host: '192.0.2.1', port: 80 } });
  });
  it('a first word starting < without a / is looked up in PATH, not found, and dropped', () => {
    expect(recogniseScript('<foo', ctx).kind).toBe('dropped');
  });
  it('binds true/false to constants', () => {
    expect(recogniseScript('true', ctx)).toMatchObject({ binding: { kind: 'const', ok: true } });
    expect(recogniseScript('/bin/false', ctx)).toMatchObject({ binding: { kind: 'const', ok: false } });
  });
  it('binds pidof and killall -0 to the service running that process', () => {
    expect(recogniseScript('pidof haproxy', ctx)).toMatchObject({ binding: { kind: 'service', service: 'router' } });
    expect(recogniseScript('/usr/bin/killall -0 haproxy', ctx)).toMatchObject({ binding: { kind: 'service', service: 'router' } });
  });
  it('refuses pidof of a process no service runs, saying how to declare it', () => {
    const r = recogniseScript('pidof nginx', ctx);
    expect(r.kind).toBe('unknown');
    expect(r.kind === 'unknown' && r.why).toContain("process 'nginx'");
  });
  it('binds curl to the URL host and port, localhost meaning the node itself', () => {
    expect(recogniseScript('curl -sf http://localhost:8080/healthz', ctx)).toMatchObject({ binding: { kind: 'tcp', host: '192.0.2.1', port: 8080 } });
    expect(recogniseScript('curl -k https://192.0.2.9/', ctx)).toMatchObject({ binding: { kind: 'tcp', host: '192.0.2.9', port: 443 } });
  });
  it('splits the command as keepalived does: an unterminated quote makes keepalived drop the script', () => {
    expect(recogniseScript("/bin/bash -c '</dev/tcp/192.0.2.1/80", ctx).kind).toBe('dropped');
  });
  it('does not guess at an unknown script', () => {
    expect(recogniseScript('/usr/local/bin/check_haproxy.sh', ctx).kind).toBe('unknown');
  });
  it('splits words like a shell', () => {
    expect(shellWords(`/bin/bash -c 'a b' "c \\"d\\"" e\\ f`)).toEqual(['/bin/bash', '-c', 'a b', 'c "d"', 'e f']);
  });
});

describe('scenario `tcp:` bindings', () => {
  const scenario = (tcp: string): string => `name: t\nduration: 10s\nnodes:\n  - name: a\n    address6: 2001:db8::1\n    scripts:\n      chk: { tcp: "${tcp}" }\n    keepalived: |\n      vrrp_script chk {\n          script "/usr/local/bin/check-it"\n      }\n      vrrp_instance V {\n          interface eth0\n          virtual_router_id 1\n          track_script {\n              chk\n          }\n          virtual_ipaddress {\n              2001:db8::100\n          }\n      }\n`;
  it('take an IPv6 address in brackets, compared in RFC 5952 form like the recogniser\'s', () => {
    expect(parseTcpBinding('[2001:DB8::1]:80', '192.0.2.1')).toEqual({ kind: 'tcp', host: '2001:db8::1', port: 80 });
    expect(parseTcpBinding('[::1]:80', '192.0.2.1')).toEqual({ kind: 'tcp', host: '192.0.2.1', port: 80 });
    expect(parseTcpBinding('192.0.2.7:443', '192.0.2.1')).toEqual({ kind: 'tcp', host: '192.0.2.7', port: 443 });
    expect(() => loadScenarioText(scenario('[2001:db8::1]:80'), 's.yaml')).not.toThrow();
  });
  it('refuse an unbracketed IPv6 address at its line: its colons leave the port ambiguous', () => {
    let message = '';
    try { loadScenarioText(scenario('2001:db8::1:80'), 's.yaml'); } catch (e) { if (e instanceof InputError) message = formatInputError(e); else throw e; }
    expect(message).toMatch(/^s\.yaml:7:\d+: .*expected HOST:PORT or \[IPV6\]:PORT/);
  });
});
