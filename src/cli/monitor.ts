// `vrrplab monitor --interface IF [--duration T] [--format text|json]`: captures (never sends,
// joins no group: a packet socket, so this host's own adverts are seen too) VRRP on one interface and reports split brain, VRID collisions, v2 interval mismatches,
// bad TTLs and checksums, resignations and VRIDs gone silent as they happen, then a table per
// VRID. Exit 1 when it saw split brain, a collision or an interval mismatch.
import type { Command } from 'commander';
import { EXIT_FAILED, InputError } from './errors.js';
import type { CommandModule } from './program.js';
import type { Io } from './io.js';
import type { Micros } from '../vrrp/types.js';
import { checkPrivileges, liveInterface } from '../live/host.js';
import { assertCaptureTool, openCapture } from '../live/capture.js';
import { observePacket } from '../live/observe.js';
import { initialMonitorState, monitorStep, type Finding, type MonitorInput, type MonitorState } from '../live/monitor-state.js';
import { findingJson, findingText, startJson, tableJson, tableText } from '../live/monitor-report.js';
import { durationOption, monotonicMicros, untilEnd } from '../live/session.js';

interface MonitorOpts {
  readonly interface: string;
  readonly duration?: string;
  readonly format: string;
}

/** Silence is noticed on ticks: a quarter second is well inside any advert interval's third. */
const TICK_MS = 250;
const SERIOUS: ReadonlySet<Finding['type']> = new Set(['split-brain', 'vrid-collision', 'interval-mismatch']);

async function monitor(opts: MonitorOpts, io: Io): Promise<boolean> {
  if (opts.format !== 'text' && opts.format !== 'json') throw new InputError(`'${opts.format}': expected text or json`, { file: '--format' });
  const duration: Micros | undefined = durationOption(opts.duration);
  const itf = liveInterface(opts.interface);
  checkPrivileges(false);
  assertCaptureTool();
  const json = opts.format === 'json';
  const t0 = monotonicMicros();
  let state: MonitorState = initialMonitorState();
  let serious = false;
  const feed = (input: MonitorInput): void => {
    const r = monitorStep(state, input, monotonicMicros());
    state = r.state;
    for (const f of r.findings) {
      if (SERIOUS.has(f.type)) serious = true;
      io.out(json ? findingJson(f, t0) : `${findingText(f, t0)}\n`);
    }
  };
  const sock = openCapture({
    iface: itf.name,
    onPacket: (bytes) => feed({ type: 'packet', obs: observePacket(bytes) }),
    onError: (e) => io.err(`vrrplab: receive error on ${itf.name}: ${e.message}\n`),
  });
  if (json) io.out(startJson(itf.name, duration));
  else io.out(`monitoring VRRP on ${itf.name}${duration === undefined ? ' until SIGINT' : ` for ${duration / 1_000_000}s`} (passive: a packet capture; nothing is sent, no multicast group is joined, this host's own adverts are seen)\n`);
  const ticker = setInterval(() => feed({ type: 'tick' }), TICK_MS);
  try {
    await untilEnd(duration);
  } finally {
    clearInterval(ticker);
    sock.close();
  }
  feed({ type: 'tick' });
  io.out(json ? tableJson(state, t0) : tableText(state, t0));
  return serious;
}

export const register: CommandModule = (program: Command, io, setExit) => {
  program
    .command('monitor')
    .description('watch VRRP adverts on an interface (passive) and report split brain, collisions and other trouble')
    .requiredOption('--interface <if>', 'interface to capture on (joins no group; sees the local adverts too)')
    .option('--duration <time>', 'stop after this long (e.g. 30s); default: until SIGINT/SIGTERM')
    .option('--format <format>', 'text or json (JSON Lines)', 'text')
    .action(async (opts: MonitorOpts) => {
      if (await monitor(opts, io)) setExit(EXIT_FAILED);
    });
};
