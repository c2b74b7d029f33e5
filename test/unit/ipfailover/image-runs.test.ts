// The image's interface fallback, monitor-port stripping and no-IPv4 node, byte for byte: the
// goldens were made by the upstream generator itself (fixtures/ipfailover/image-runs/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIpfailoverEnv } from '../../../src/ipfailover/parse-env.js';
import { imageNetworkDevice } from '../../../src/ipfailover/host-device.js';
import { renderIpfailoverKeepalived } from '../../../src/ipfailover/render-keepalived.js';
import { caseEnv, IMAGE_RUNS, runImageGenerator, upstreamGenerator, type ImageCase, type ImageCases } from '../../upstream/ipfailover-image.js';

const all = JSON.parse(readFileSync(join(IMAGE_RUNS, 'cases.json'), 'utf8')) as ImageCases;

function ours(c: ImageCase): string {
  // Through the env parser, as a pod's env reaches vrrplab.
  const lines = [...caseEnv(all, c)].map(([k, v]) => `${k}="${v}"`).join('\n');
  const { spec } = parseIpfailoverEnv(`${lines}\n`, `${c.name}.env`);
  const dev = imageNetworkDevice(spec.interface, c.devices);
  return renderIpfailoverKeepalived(spec, { name: c.name, address: dev.address, interface: dev.device }, { seed: c.seed });
}

describe('vrrplab renders what the ipfailover image generated (committed goldens)', () => {
  it.each(all.cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(ours(c)).toBe(readFileSync(join(IMAGE_RUNS, `${c.name}.conf`), 'utf8'));
  });
});

describe('the goldens are what the upstream generator prints today', () => {
  const gen = upstreamGenerator();
  afterAll(() => gen?.cleanup());
  if (gen === undefined) {
    it('needs VRRPLAB_OPENSHIFT_IMAGES (a checkout or git dir of openshift/images)', () => {
      console.warn('VRRPLAB_OPENSHIFT_IMAGES is not set: the goldens are not re-checked against the upstream generator');
      expect(all.cases.length).toBeGreaterThan(0);
    });
    return;
  }
  it.each(all.cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(runImageGenerator(gen.dir, all, c)).toBe(readFileSync(join(IMAGE_RUNS, `${c.name}.conf`), 'utf8'));
    expect(ours(c)).toBe(runImageGenerator(gen.dir, all, c));
  });
});
