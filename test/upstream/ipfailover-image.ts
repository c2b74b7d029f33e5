// Runs the ipfailover image's own generator (openshift/images ipfailover/keepalived, a bash
// script) on a described host, with `ip` and `ifconfig` answered by the shims next to the
// goldens. The upstream source is not part of vrrplab: point VRRPLAB_OPENSHIFT_IMAGES at a
// checkout of openshift/images or at its git directory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ImageDevice {
  readonly name: string;
  readonly address?: string;
  readonly defaultRoute?: boolean;
}

export interface ImageCase {
  readonly name: string;
  readonly why: string;
  readonly env: Readonly<Record<string, string>>;
  readonly devices: readonly ImageDevice[];
  readonly seed: number;
}

export interface ImageCases {
  readonly base: Readonly<Record<string, string>>;
  readonly cases: readonly ImageCase[];
}

export const IMAGE_RUNS = fileURLToPath(new URL('../fixtures/ipfailover/image-runs/', import.meta.url));

/** The env a case's pod has: the base, overridden by the case. */
export function caseEnv(all: ImageCases, c: ImageCase): Map<string, string> {
  return new Map([...Object.entries(all.base), ...Object.entries(c.env)]);
}

/** ipfailover/keepalived of the upstream source, extracted when it is a git dir; undefined if not given. */
export function upstreamGenerator(): { dir: string; cleanup: () => void } | undefined {
  const src = process.env['VRRPLAB_OPENSHIFT_IMAGES'];
  if (src === undefined || src === '') return undefined;
  const inTree = join(src, 'ipfailover/keepalived');
  if (existsSync(join(inTree, 'lib/config-generators.sh'))) return { dir: inTree, cleanup: () => undefined };
  const tmp = mkdtempSync(join(tmpdir(), 'vrrplab-images-'));
  const tar = execFileSync('git', ['--git-dir', src, 'archive', 'HEAD', 'ipfailover/keepalived']);
  execFileSync('tar', ['-x', '-C', tmp], { input: tar });
  return { dir: join(tmp, 'ipfailover/keepalived'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** generate_failover_config's output on the case's host, with bash's $RANDOM seeded. */
export function runImageGenerator(dir: string, all: ImageCases, c: ImageCase): string {
  const env: Record<string, string> = {
    PATH: `${join(IMAGE_RUNS, 'shims')}:/usr/bin:/bin`,
    LC_ALL: 'C',
    SHIM_DEVICES: c.devices.map((d) => `${d.name}=${d.address ?? ''}`).join(' '),
    SHIM_DEFAULT_ROUTE: c.devices.find((d) => d.defaultRoute === true)?.name ?? '',
    ...Object.fromEntries(caseEnv(all, c)),
  };
  return execFileSync('bash', ['-c', 'source "$1/conf/settings.sh"; source "$1/lib/config-generators.sh"; RANDOM=$2; generate_failover_config', 'gen', dir, String(c.seed)], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}
