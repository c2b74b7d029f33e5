// `vrrplab render ipfailover INPUT --format cli|env|deployment|keepalived`: the same ipfailover
// configuration as a 3.x command, the pod env, a 4.x Deployment, or the exact keepalived.conf
// the pod writes on one node. Given a scenario, it renders what `run` simulates: the scenario's
// own block, and each pod's keepalived.conf with the $RANDOM the scenario drew for it.
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
import type { ParsedIpfailover } from '../ipfailover/spec.js';
import { readInputText } from './read-input.js';
import { loadScenarioForCli } from '../../sim/scenario/as-inputs.js';
import { formatWarning } from '../model/format.js';

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

/** A scenario names its nodes and holds an `ipfailover:` block at the top level. */
function isScenario(input: string | undefined, io: Io): boolean {
  if (input === undefined || !/\.ya?ml$/i.test(input)) return false;
  let text: string;
  try {
    text = readInputText(resolve(io.cwd, input));
  } catch {
    return false; // readIpfailoverInput says why in its own words
  }
  return /^ipfailover:/m.test(text) && /^nodes:/m.test(text);
}

interface ScenarioRender { parsed: ParsedIpfailover; configs: Map<string, string> }

/** The scenario's block and the keepalived.conf `run` gives each pod's node. */
function fromScenario(input: string, opts: Opts, io: Io): ScenarioRender {
  for (const flag of ['random', 'seed', 'address', 'interface', 'device', 'defaultRoute', 'args'] as const) {
    if (opts[flag] !== undefined) throw new InputError(`a scenario fixes each pod's node, device and $RANDOM (from its seed); drop --${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} or give an ipfailover file instead`, { file: `--${flag}` });
  }
  const s = loadScenarioForCli(input, io.cwd);
  for (const w of s.warnings) io.err(`${formatWarning(w)}\n`);
  const parsed = s.ipfailover[0];
  if (parsed === undefined || s.ipfailover.length > 1) throw new InputError(`${input} has ${s.ipfailover.length} ipfailover blocks; expected exactly one (render keepalived renders every node)`, { file: input });
  const configs = new Map<string, string>();
  for (const name of s.ipfailoverNodes) configs.set(name, s.sources.get(name)?.text ?? '');
  return { parsed, configs };
}

function scenarioKeepalived(sr: ScenarioRender, node: string | undefined): string {
  if (node === undefined) return [...sr.configs.values()].join('\n');
  const text = sr.configs.get(node);
  if (text === undefined) throw new InputError(`no ipfailover pod runs on '${node}'; expected one of ${[...sr.configs.keys()].join(', ')}`, { file: '--node' });
  return text;
}

export function addRenderIpfailover(render: Command, io: Io, _setExit: (code: number) => void): void {
  render
    .command('ipfailover')
    .description('render an OpenShift ipfailover config as a 3.x command, pod env, 4.x Deployment or per-node keepalived.conf')
    .argument('[input]', 'file holding an oc adm/oadm ipfailover command, OPENSHIFT_HA_* env lines or a Deployment YAML, or a scenario (.yaml): its block, and per pod exactly the keepalived.conf `run` simulates')
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
    .option('--random <n>', "the pod's $RANDOM % 32 (0..31), used for every backup priority (not with a scenario)")
    .option('--seed <n>', "the pod's bash seeded with RANDOM=n: each backup priority takes the next $RANDOM % 32. Not a scenario's seed: a scenario gives node i (from 0) RANDOM=((seed*2654435761 xor (i+1)) mod 2^32) mod 2147483646; render the scenario itself to get those")
    .option('--out <file>', 'write the result to a file (atomically) instead of stdout')
    .action((input: string | undefined, own: Opts) => {
      // `render` declares --node and --out itself and commander hands them to it, not to us.
      const opts: Opts = { ...(render.opts() as Opts), ...own };
      const sr = input !== undefined && isScenario(input, io) ? fromScenario(input, opts, io) : null;
      const parsed = sr?.parsed ?? readIpfailoverInput(input, opts.args, io);
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
          if (sr !== null) {
            if (era !== undefined || opts.legacy === true) throw new InputError('a scenario renders keepalived.conf as `run` simulates it; --openshift/--legacy apply to cli, env and deployment', { file: '--openshift' });
            text = scenarioKeepalived(sr, opts.node);
            break;
          }
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
