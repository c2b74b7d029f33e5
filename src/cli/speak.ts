// `vrrplab speak --interface IF --config FILE|SCENARIO [--node NAME] [--manage-vips]
// [--duration T]`: runs vrrplab's core as a real VRRP router on one interface, talking to real
// keepalived peers. Adverts go out through raw sockets (IPv6 ones come in through a packet
// capture); VIPs change only with --manage-vips, and so do unsolicited neighbour advertisements
// (sent for IPv6 VIPs it holds, as keepalived does); gratuitous ARP is logged, never sent
// (raw-socket has no AF_PACKET). SIGINT/SIGTERM stop it
// the way keepalived stops: a master sends its priority-0 advert before exiting.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { Command } from 'commander';
import type { CommandModule } from './program.js';
import type { Io } from './io.js';
import type { IpAddress, Ipv6 } from '../vrrp/types.js';
import { checkPrivileges, interfaceUp, liveInterface, type LiveInterface } from '../live/host.js';
import { loadRawSocket, openVrrpSocket, openVrrpSocket6, type VrrpSocket } from '../live/raw.js';
import { assertCaptureTool, openCapture, type Capture } from '../live/capture.js';
import { loadSpeakConfig } from '../live/config.js';
import { createDriver, type Driver, type DriverIo } from '../live/driver.js';
import { runScriptCommand } from '../live/scripts.js';
import { ALL_NODES, encodeUnsolicitedNa } from '../live/ndisc.js';
import { macBytes } from '../vrrp/pcap.js';
import { offLinkProblems, type IfaceAddress } from '../live/peers.js';
import { defaultUserRemovals, scriptRunAs, type RunAs } from '../live/script-user.js';
import { checkScriptSecure, dropScripts, secureRouter } from '../live/script-security.js';
import { InputError } from './errors.js';
import { durationOption, monotonicMicros, scheduleReal, untilEnd } from '../live/session.js';

interface SpeakOpts {
  readonly interface: string;
  readonly config: string;
  readonly node?: string;
  readonly manageVips?: boolean;
  readonly duration?: string;
  readonly allowOfflink?: boolean;
}

function idOf(args: readonly string[]): number | undefined {
  try { return Number(execFileSync('id', [...args], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()); } catch { return undefined; }
}

/** uid and gid of the account a script runs as; a missing account is bad input. */
function accountIds(who: RunAs): { uid: number; gid: number } {
  const uid = idOf(['-u', who.user]);
  if (uid === undefined) throw new InputError(`script user '${who.user}' does not exist on this host; expected an existing account`, { file: '--config' });
  let gid = idOf(['-g', who.user]) ?? uid;
  if (who.group !== undefined) {
    try {
      gid = Number(execFileSync('getent', ['group', who.group], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().split(':')[2]);
    } catch {
      throw new InputError(`script group '${who.group}' does not exist on this host; expected an existing group`, { file: '--config' });
    }
  }
  return { uid, gid };
}

/** Every address of the interface (IPv4 and IPv6, link-local included) with its prefix. */
function interfaceAddresses(name: string): IfaceAddress[] {
  const list = Object.hasOwn(networkInterfaces(), name) ? networkInterfaces()[name] ?? [] : [];
  return list.map((a) => ({ address: a.address, prefix: Number(a.cidr?.split('/')[1] ?? (a.family === 'IPv4' ? 32 : 128)) }));
}

/** The Ethernet address an NA's target link-layer option carries (keepalived's IF_HWADDR). */
function interfaceMac(name: string): Uint8Array {
  try {
    return macBytes(readFileSync(`/sys/class/net/${name}/address`, 'utf8').trim());
  } catch {
    throw new InputError(`interface '${name}' has no Ethernet address; expected an Ethernet interface for IPv6 neighbour advertisements`, { file: '--interface' });
  }
}

/** keepalived sets the NA router flag from this sysctl (vrrp_if_config.c set_ipv6_forwarding()). */
function ipv6Forwarding(name: string): boolean {
  try { return readFileSync(`/proc/sys/net/ipv6/conf/${name}/forwarding`, 'utf8').trim() !== '0'; } catch { return false; }
}

/** Carrier is polled: raw-socket offers no netlink, and keepalived reacts within ~1 s too. */
const CARRIER_POLL_MS = 500;

function ipAddr(action: 'add' | 'del', vip: IpAddress, iface: string): Promise<void> {
  // keepalived adds IPv6 VIPs without DAD (vrrp_ipaddress.c netlink_ipaddress: IFA_F_NODAD),
  // usable at once and never left "dadfailed" by a peer that still holds them.
  const addr = vip.includes(':') ? [`${vip}/128`, ...(action === 'add' ? ['nodad'] : [])] : [`${vip}/32`];
  return new Promise((resolve, reject) => {
    execFile('ip', ['addr', action, addr[0] ?? vip, 'dev', iface, ...addr.slice(1)], { encoding: 'utf8' }, (err, _out, stderr) => {
      // Deleting an address that is already gone is what we wanted.
      if (err && !(action === 'del' && /Cannot assign|not found/i.test(stderr))) reject(new Error(`ip addr ${action} ${addr[0] ?? vip} dev ${iface}: ${stderr.trim() || err.message}`));
      else resolve();
    });
  });
}

/**
 * IPv6 adverts go out through their own raw socket and come in through a packet capture of
 * inbound frames only, which keeps the header keepalived checks (hop limit 255, destination)
 * that an AF_INET6 raw socket drops (raw.ts).
 */
function openIpv6(raw: Awaited<ReturnType<typeof loadRawSocket>>, itf: LiveInterface, driver: Driver, log: (l: string) => void): { sock: VrrpSocket; capture: Capture } {
  const sock = openVrrpSocket6(raw, { iface: itf.name, ifindex: itf.ifindex, onError: (e) => log(`IPv6 socket error: ${e.message}`) });
  const capture = openCapture({
    iface: itf.name, inboundOnly: true,
    onPacket: (bytes) => { if (((bytes[0] ?? 0) >>> 4) === 6) driver.packet(bytes, itf.name); },
    onError: (e) => log(`IPv6 receive error: ${e.message}`),
  });
  return { sock, capture };
}

async function speak(opts: SpeakOpts, io: Io): Promise<void> {
  const duration = durationOption(opts.duration);
  const itf = liveInterface(opts.interface);
  const cfg = loadSpeakConfig(opts.config, io.cwd, opts.node, itf);
  const offLink = offLinkProblems(cfg.router, itf.name, interfaceAddresses(itf.name));
  if (offLink.length > 0 && opts.allowOfflink !== true) {
    throw new InputError(`${offLink[0] ?? ''}; expected peers and sources on the interface's own subnets (or --allow-offlink)`, { file: opts.config });
  }
  checkPrivileges(opts.manageVips === true);
  const userExists = (u: string): boolean => idOf(['-u', u]) !== undefined;
  const removed = defaultUserRemovals(cfg.keepalived, userExists);
  const router = dropScripts(cfg.router, removed.scripts);
  const runAs = new Map(router.scripts.map((s) => [s.name, accountIds(scriptRunAs(cfg.keepalived, s.name, userExists))] as const));
  for (const s of router.scripts) io.err(`vrrp_script ${s.name} runs as uid ${runAs.get(s.name)?.uid ?? '?'} (keepalived's script_user rule)\n`);
  // keepalived checks each script's path on the real filesystem before it runs anything.
  const scriptSecurity = cfg.keepalived.globalDefs.enableScriptSecurity === true;
  const secured = secureRouter(router, new Map(router.scripts.map((s) => [s.name, checkScriptSecure(s.script, runAs.get(s.name) ?? { uid: 0, gid: 0 }, scriptSecurity)] as const)), scriptSecurity);
  const v6 = secured.router.instances.some((i) => i.family === 6);
  if (v6) assertCaptureTool();
  const raw = await loadRawSocket();
  // The live check words the SECURITY VIOLATION line from the files themselves; the config's is then a repeat.
  const live = secured.lines.some((l) => l.startsWith('SECURITY VIOLATION'));
  for (const n of cfg.notes) if (!(live && n.includes('SECURITY VIOLATION - scripts are being executed'))) io.err(`${n}\n`);
  for (const l of [...removed.lines, ...secured.lines]) io.err(`keepalived: ${l}\n`);

  const t0 = monotonicMicros();
  const log = (line: string): void => io.out(`+${((monotonicMicros() - t0) / 1_000_000).toFixed(3)}s ${line}\n`);
  let send: DriverIo['send'] = () => Promise.reject(new Error('socket not open'));
  const mac = v6 ? interfaceMac(itf.name) : undefined;
  const driver = createDriver(secured.router, {
    now: monotonicMicros,
    schedule: scheduleReal,
    send: (p, dst) => send(p, dst),
    vip: ipAddr,
    runScript: (s, timeout) => runScriptCommand(s.script, timeout, runAs.get(s.name)),
    log,
    ...(mac !== undefined ? {
      neighbourAdvert: (target: Ipv6, iface: string) => send(encodeUnsolicitedNa({ target, mac, router: ipv6Forwarding(iface) }), ALL_NODES),
    } : {}),
  }, { manageVips: opts.manageVips === true });
  const sock = openVrrpSocket(raw, {
    iface: itf.name, ifindex: itf.ifindex, sending: true,
    onPacket: (bytes) => driver.packet(bytes, itf.name),
    onError: (e) => log(`receive error: ${e.message}`),
  });
  const ipv6 = v6 ? openIpv6(raw, itf, driver, log) : undefined;
  await ipv6?.capture.ready;
  send = (p, dst) => (dst.includes(':') && ipv6 !== undefined ? ipv6.sock.send(p, dst) : sock.send(p, dst));

  const ifaces = new Set([itf.name, ...secured.router.instances.flatMap((i) => i.track.filter((t) => t.kind === 'interface').map((t) => t.name))]);
  const carrier = new Map([...ifaces].map((n) => [n, interfaceUp(n)] as const));
  log(`speaking VRRP on ${itf.name} from ${secured.router.instances.map((i) => `${i.name} (VRID ${i.vrid}, priority ${i.priority}, ${i.srcAddr})`).join(', ')}`);
  driver.start(carrier);
  const poll = setInterval(() => {
    for (const [n, was] of carrier) {
      const up = interfaceUp(n);
      if (up === was) continue;
      carrier.set(n, up);
      driver.interfaceChange(n, up);
    }
  }, CARRIER_POLL_MS);
  try {
    const why = await untilEnd(duration);
    log(`stopping (${why})`);
  } finally {
    clearInterval(poll);
    await driver.stop();
    sock.close();
    ipv6?.sock.close();
    ipv6?.capture.close();
  }
}

export const register: CommandModule = (program: Command, io) => {
  program
    .command('speak')
    .description('run the VRRP core as a real router on an interface, next to real keepalived peers')
    .requiredOption('--interface <if>', 'the one interface to send and receive on')
    .requiredOption('--config <file>', 'keepalived.conf, or a scenario YAML (with --node)')
    .option('--node <name>', 'which scenario node (or the node name for a keepalived.conf)')
    .option('--manage-vips', 'really add/remove VIPs with `ip addr` (default: only log them)')
    .option('--duration <time>', 'stop after this long (e.g. 30s); default: until SIGINT/SIGTERM')
    .option('--allow-offlink', 'send to unicast peers outside the interface\'s subnets and from sources that are not its addresses')
    .action(async (opts: SpeakOpts) => {
      await speak(opts, io);
    });
};
