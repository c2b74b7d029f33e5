// `vrrplab render ipfailover INPUT --format cli|env|deployment|keepalived`: the same ipfailover
// configuration as a 3.x command, the pod env, a 4.x Deployment, or the exact keepalived.conf
// the pod writes on one node.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { InputError } from './errors.js';
import type { Io } from './io.js';
import { readIpfailoverInput } from './ipfailover-input.js';
import { writeOutputFile } from '../keepalived/atomic.js';
import type { RandomTerm } from '../ipfailover/bash-random.js';
import { renderIpfailoverCli } from '../ipfailover/render-cli.js';
import { renderIpfailoverDeployment } from '../ipfailover/render-deployment.js';
import { renderIpfailoverEnv } from '../ipfailover/render-env.js';
import { renderIpfailoverKeepalived } from '../ipfailover/render-keepalived.js';
import { imageNetworkDevice, type HostInterface } from '../ipfailover/host-device.js';
import { assertNodeAddress } from '../ipfailover/plan.js';
import { assertEra, parseEra } from '../ipfailover/era.js';

interface Opts {
  format?: string; args?: string; node?: string; address?: string; interface?: string;
  legacy?: boolean; random?: string; seed?: string; out?: string;
  device?: string[]; defaultRoute?: string; openshift?: string;
  imageSource?: string; ocpVersion?: string;
}

/** `--device NAME[=IPV4]` and `--default-route NAME`: the node as the image's probes see it. */
function hostDevices(opts: Opts): HostInterface[] | undefined {
  const list = opts.device ?? [];
  if (list.length === 0) {
    if (opts.defaultRoute !== undefined) throw new InputError('--default-route names a --device; give the node\'s devices with --device NAME[=IPV4]', { file: '--default-route' });
    return undefined;
  }
  const out = list.map((d): HostInterface => {
    const [name = '', address] = d.split('=');
    if (name === '') throw new InputError(`--device '${d}': expected NAME or NAME=IPV4`, { file: '--device' });
    if (address !== undefined && address !== '') assertNodeAddress(address);
    return { name, address: address === '' ? undefined : address, defaultRoute: name === opts.defaultRoute };
  });
  if (opts.defaultRoute !== undefined && !out.some((d) => d.defaultRoute === true)) {
    throw new InputError(`--default-route ${opts.defaultRoute} is not one of the --device names (${out.map((d) => d.name).join(', ')})`, { file: '--default-route' });
  }
  return out;
}

function wholeNumber(text: string, flag: string): number {
  if (!/^[0-9]+$/.test(text)) throw new InputError(`${flag} ${text}: expected a whole number`, { file: flag });
  return Number(text);
}

function randomTerm(opts: Opts): RandomTerm {
  if (opts.random !== undefined && opts.seed !== undefined) throw new InputError('give --random or --seed, not both', { file: '--seed' });
  if (opts.random !== undefined) return wholeNumber(opts.random, '--random');
  if (opts.seed !== undefined) return { seed: wholeNumber(opts.seed, '--seed') };
  throw new InputError("keepalived output needs --random N (the pod's $RANDOM % 32, 0..31) or --seed N (bash's sequence after RANDOM=N): a real pod's value is not knowable", { file: '--random' });
}

export function addRenderIpfailover(render: Command, io: Io, _setExit: (code: number) => void): void {
  render
    .command('ipfailover')
    .description('render an OpenShift ipfailover config as a 3.x command, pod env, 4.x Deployment or per-node keepalived.conf')
    .argument('[input]', 'file holding an oc adm/oadm ipfailover command, OPENSHIFT_HA_* env lines or a Deployment YAML')
    .option('--args <command>', 'the oc adm ipfailover command line itself instead of a file')
    .option('--format <format>', 'cli | env | deployment | keepalived', 'keepalived')
    .option('--node <name>', 'node name (keepalived format)')
    .option('--address <ipv4>', "the node's address on the VRRP interface (keepalived format)")
    .option('--interface <dev>', 'the device the image uses on that node (default: the spec\'s)')
    .option('--device <name[=ipv4]>', "a device of the node, with its IPv4 address if it has one (repeatable): the image picks one as on a real node", (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--default-route <name>', 'the --device the IPv4 default route leaves through')
    .option('--openshift <era>', 'the generation the artefact is for: 3.9 (oadm, no VIP groups), 3.11 or 4 (Deployment only)')
    .option('--image-source <source>', 'image when the input names none (deployment format): ocp (registry.redhat.io ose-keepalived-ipfailover-rhel9) or okd (quay.io origin-keepalived-ipfailover)', 'ocp')
    .option('--ocp-version <4.N>', 'tag of the OCP image (deployment format)')
    .option('--legacy', 'write oadm instead of oc adm (cli format)')
    .option('--random <n>', "the pod's $RANDOM % 32 (0..31), used for every backup priority")
    .option('--seed <n>', "bash's $RANDOM sequence after RANDOM=n")
    .option('--out <file>', 'write the result to a file (atomically) instead of stdout')
    .action((input: string | undefined, own: Opts) => {
      // `render` declares --node and --out itself and commander hands them to it, not to us.
      const opts: Opts = { ...(render.opts() as Opts), ...own };
      const parsed = readIpfailoverInput(input, opts.args, io);
      const era = opts.openshift === undefined ? undefined : parseEra(opts.openshift);
      if (era !== undefined) assertEra(parsed.spec, era);
      const spec = opts.legacy === true || era === '3.9' ? { ...parsed.spec, legacy: true } : era === undefined ? parsed.spec : { ...parsed.spec, legacy: false };
      let text: string;
      switch (opts.format) {
        case 'cli':
          if (era === '4') throw new InputError('OpenShift 4 has no oc adm ipfailover; expected --format deployment or env', { file: '--openshift' });
          text = renderIpfailoverCli(spec, parsed.positions);
          break;
        case 'env': text = renderIpfailoverEnv(spec, parsed.positions, era); break;
        case 'deployment': {
          const source = opts.imageSource ?? 'ocp';
          if (source !== 'ocp' && source !== 'okd') throw new InputError(`--image-source '${source}': expected ocp or okd`, { file: '--image-source' });
          text = renderIpfailoverDeployment(spec, parsed.positions, { imageSource: source, ...(opts.ocpVersion !== undefined ? { ocpVersion: opts.ocpVersion } : {}) });
          break;
        }
        case 'keepalived': {
          const devices = hostDevices(opts);
          if (devices !== undefined) {
            if (opts.address !== undefined || opts.interface !== undefined) throw new InputError('give --device (the image then picks the device and its address) or --address/--interface, not both', { file: '--device' });
            const dev = imageNetworkDevice(spec.interface, devices);
            text = renderIpfailoverKeepalived(spec, { name: opts.node ?? dev.device, address: dev.address, interface: dev.device }, randomTerm(opts));
            break;
          }
          if (opts.address === undefined) throw new InputError("keepalived output needs --address (the node's IPv4 address: priorities come from its last octet) or the node's --device list", { file: '--address' });
          text = renderIpfailoverKeepalived(spec, {
            name: opts.node ?? opts.address,
            address: opts.address,
            ...(opts.interface !== undefined ? { interface: opts.interface } : {}),
          }, randomTerm(opts), parsed.positions);
          break;
        }
        default:
          throw new InputError(`unknown format '${opts.format ?? ''}'; expected cli, env, deployment or keepalived`, { file: '--format' });
      }
      if (opts.out === undefined) io.out(text);
      else {
        const path = resolve(io.cwd, opts.out);
        writeOutputFile(path, text, '--out', opts.out);
        io.err(`wrote ${path}\n`);
      }
    });
}
