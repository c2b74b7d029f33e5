// The keepalived.conf the ipfailover pod writes on one node, byte for byte: the image builds it
// with `echo` and command substitutions, so empty fields leave lines of three spaces and a lone
// space line stands where the multicast options would go (ipfailover-generator.md §1.3).
import type { Ipv4 } from '../vrrp/types.js';
import { InputError } from '../cli/errors.js';
import type { RandomTerm } from './bash-random.js';
import { assertNodeAddress, checkScriptName, planIpfailoverInstances, scrubName, type PlannedInstance } from './plan.js';
import { assertLines, assertNoInjection } from './inject.js';
import { DEFAULT_PREEMPTION, IMAGE_DEFAULT_NAME, type IpfailoverSpec, type SpecPositions } from './spec.js';

export interface IpfailoverNode {
  readonly name: string;
  /** The IPv4 the image reads off its device; undefined = none (see imageNetworkDevice). */
  readonly address: Ipv4 | undefined;
  /** The device the image settles on (possibly ""); default the spec's interface. */
  readonly interface?: string;
}

export function assertRandomTerm(random: RandomTerm): void {
  if (typeof random === 'number') {
    if (!Number.isInteger(random) || random < 0 || random > 31) {
      throw new InputError(`random term ${random} is not $RANDOM % 32; expected an integer 0..31`, { file: '--random' });
    }
  } else if (!Number.isInteger(random.seed) || random.seed < 0 || random.seed > 0x7ffffffe) {
    throw new InputError(`seed ${random.seed} is out of range; expected an integer 0..2147483646`, { file: '--seed' });
  }
}

/** The device the config names: the node's, else the spec's. */
export function nodeInterface(spec: IpfailoverSpec, node: IpfailoverNode): string {
  if (node.interface !== undefined) return node.interface;
  const dev = spec.interface;
  if (dev === '') {
    throw new InputError(
      `no interface for node ${node.name}: the image would probe enp0s3 enp0s8 eth1 ens3 and then the default route's device; give the device (--interface) explicitly`,
      { file: '--interface' },
    );
  }
  return dev;
}

/** `$(cmd)` drops every trailing newline of what cmd printed. */
function subst(lines: readonly string[]): string {
  return lines.join('\n').replace(/\n+$/, '');
}

function globalDefs(spec: IpfailoverSpec, name: string): string {
  return subst([
    'global_defs {',
    '   max_auto_priority    99',
    '   notification_email {',
    ...spec.adminEmails.map((e) => `     ${e}`),
    '   }',
    '',
    '   notification_email_from ipfailover@openshift.local',
    `   smtp_server ${spec.smtpServer}`,
    '   smtp_connect_timeout 30',
    `   router_id ${scrubName(name)}`,
    '}',
  ]);
}

/** The monitor port as the script has it: `${HA_MONITOR_PORT//[^0-9]/}`, then `${2:-80}`. */
export function imageMonitorPort(spec: IpfailoverSpec): string {
  return (spec.watchPortRaw ?? String(spec.watchPort)).replace(/[^0-9]/g, '') || '80';
}

function checkCommand(spec: IpfailoverSpec, address: Ipv4 | undefined): string {
  if (spec.checkScript !== '') return spec.checkScript;
  const port = imageMonitorPort(spec);
  // `${1:-"127.0.0.1"}`: a device without IPv4 checks the pod's own loopback.
  return port === '0' ? 'true' : `/bin/bash -c '</dev/tcp/${address ?? '127.0.0.1'}/${port}'`;
}

function scriptConfig(spec: IpfailoverSpec, name: string, address: Ipv4 | undefined): string {
  return subst([
    '',
    `vrrp_script ${checkScriptName(name)} {`,
    `   script "${checkCommand(spec, address)}"`,
    `   interval ${spec.checkInterval}`,
    '}',
  ]);
}

function mucastOptions(spec: IpfailoverSpec): string {
  const lines = [''];
  if (spec.mcastSrcIp !== undefined && spec.mcastSrcIp !== '') lines.push(`    mcast_src_ip ${spec.mcastSrcIp}`);
  if (spec.unicastSrcIp !== undefined && spec.unicastSrcIp !== '') lines.push(`    unicast_src_ip ${spec.unicastSrcIp}`);
  if (spec.unicastPeers !== '') {
    lines.push('', '    unicast_peer {');
    // IFS="," word splitting: empty fields survive except a trailing one.
    lines.push(...spec.unicastPeers.replace(/,$/, '').split(',').map((ip) => `        ${ip}`));
    lines.push('    }');
  }
  return subst(lines);
}

function instance(spec: IpfailoverSpec, name: string, dev: string, inst: PlannedInstance): string {
  const preempt = spec.preemptionStrategy === '' ? DEFAULT_PREEMPTION : spec.preemptionStrategy;
  const auth = subst(['', '   authentication {', '      auth_type PASS', `      auth_pass ${name}`, '   }']);
  const track = subst(['', '   track_script {', `      ${checkScriptName(name)}`, '   }']);
  const vipSection = subst(['', '   virtual_ipaddress {', ...inst.vips.map((ip) => `    ${ip} dev ${dev}`), '   }']);
  let text = `\nvrrp_instance ${inst.name} {\n   interface ${dev}\n   ${inst.stateMaster ? 'state MASTER' : ''}\n` +
    `   virtual_router_id ${inst.vrid}\n   priority ${inst.priority}\n   ${preempt}\n   ${auth}\n   ${track}\n   \n`;
  if (spec.notifyScript !== '') text += `   notify "${spec.notifyScript}"\n`;
  text += ` ${mucastOptions(spec)}\n   ${vipSection}\n}\n\n`;
  return text;
}

/**
 * The exact keepalived.conf the ipfailover image writes on `node`; refused when a value would
 * become keepalived syntax there (inject.ts) or make a line keepalived cuts.
 */
export function renderIpfailoverKeepalived(spec: IpfailoverSpec, node: IpfailoverNode, random: RandomTerm, positions?: SpecPositions): string {
  if (node.address !== undefined) assertNodeAddress(node.address);
  assertRandomTerm(random);
  assertNoInjection(spec, positions);
  const dev = nodeInterface(spec, node);
  if (node.interface !== undefined) assertNoInjection({ ...spec, interface: node.interface }, { ...positions, interface: { file: '--interface' } });
  const name = spec.name === '' ? IMAGE_DEFAULT_NAME : spec.name;
  let text = `! Configuration File for keepalived\n\n${globalDefs(spec, name)}\n${scriptConfig(spec, name, node.address)}\n\n`;
  for (const inst of planIpfailoverInstances(spec, node.address, random)) text += instance(spec, name, dev, inst);
  assertLines(text, { ...spec, interface: dev }, positions);
  return text;
}
