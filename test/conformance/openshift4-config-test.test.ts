// The on-prem OpenShift 4 and keepalived-operator configs vrrplab renders (and the goldens they
// equal) must be accepted by the real keepalived 2.2.7 (`keepalived --config-test`), in a network
// namespace of our own holding the devices the configs name. Both always draw known messages
// (auth_pass "<cluster>_api_vip" truncated to 8, script security off in the operator's config);
// anything else is a failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepalivedMissing } from '../support/keepalived-ns.js';

const NS = `vrrplab-ocp4-${process.pid}-${Math.floor(Date.now() % 100000)}`;
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

const why = keepalivedMissing();
if (why !== undefined && process.env['CI'] !== 'true') console.warn(`SKIPPING OpenShift 4 keepalived --config-test conformance: ${why}`);

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

const EXPECTED = [
  /Truncating auth_pass to 8 characters$/,
  /^SECURITY VIOLATION - scripts are being executed but script_security not enabled\.$/,
];

function configTest(text: string, configId?: string): { rc: number | null; unexpected: string[]; all: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-ocp4-kt-'));
  const file = join(dir, 'keepalived.conf');
  writeFileSync(file, text);
  const r = spawnSync('ip', ['netns', 'exec', NS, 'keepalived', '--config-test', ...(configId !== undefined ? ['--config-id', configId] : []), '-f', file], { encoding: 'utf8' });
  const lines = `${r.stdout}${r.stderr}`.split('\n').map((l) => l.replace(/^\([^)]*\)\s*/, '').trim()).filter((l) => l !== '');
  return { rc: r.status, unexpected: lines.filter((l) => !EXPECTED.some((re) => re.test(l))), all: lines.join('\n') };
}

const goldens = (sub: string): string[] => readdirSync(join(fixtures, sub)).filter((f) => f.endsWith('.conf')).map((f) => join(sub, f));

describe.skipIf(why !== undefined && process.env['CI'] !== 'true')('OpenShift 4 configs pass keepalived --config-test', () => {
  beforeAll(() => {
    if (why !== undefined) throw new Error(`conformance test cannot run in CI: ${why}`);
    ip('netns', 'add', NS);
    for (const dev of ['br-ex', 'ens192', 'ens3']) {
      ip('-n', NS, 'link', 'add', dev, 'type', 'veth', 'peer', 'name', `${dev}p`);
      ip('-n', NS, 'link', 'set', dev, 'up');
    }
    ip('-n', NS, 'addr', 'add', '192.0.2.11/24', 'dev', 'br-ex');
  });
  afterAll(() => {
    spawnSync('ip', ['netns', 'del', NS]);
  });

  it.each(goldens('openshift4/onprem/golden'))('%s', (f) => {
    const r = configTest(readFileSync(join(fixtures, f), 'utf8'));
    expect(r.unexpected, r.all).toEqual([]);
    expect([0, 5, 6]).toContain(r.rc);
  });

  it.each(goldens('keepalived-operator/golden'))('%s (as pod edge-p1 and edge-p2)', (f) => {
    for (const id of ['edge-p1', 'edge-p2']) {
      const r = configTest(readFileSync(join(fixtures, f), 'utf8'), id);
      expect(r.unexpected, r.all).toEqual([]);
      expect([0, 5, 6]).toContain(r.rc);
    }
  });

  it('a broken config is caught (the check can fail)', () => {
    const text = readFileSync(join(fixtures, 'openshift4/onprem/golden/ostest-worker-0.conf'), 'utf8').replace('virtual_router_id 93', 'virtual_router_id 300');
    expect(configTest(text).unexpected.some((l) => /VRID '300' not valid/.test(l))).toBe(true);
  });
});
