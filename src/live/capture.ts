// Passive VRRP capture for `vrrplab monitor`: a packet socket (through Wireshark's dumpcap, which
// opens AF_PACKET via libpcap) instead of a raw IP socket. A packet socket sees the frames this
// host sends as well as those it receives, so the monitor run on a keepalived node sees that
// node's own adverts, and it joins no multicast group: nothing at all is sent (no IGMP report).
// `-p` keeps the interface out of promiscuous mode; the kernel filter passes only VRRP (IP
// protocol / IPv6 next header 112; keepalived's IPv6 adverts carry no extension header).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { InputError } from '../cli/errors.js';
import { pcapReader } from './pcap.js';

export const DUMPCAP = '/usr/bin/dumpcap';

export interface Capture {
  readonly close: () => void;
  /**
   * Resolves once dumpcap writes the pcap file header, i.e. the capture is open (it takes a
   * second or more to start on a loaded host; a VRRP router must not time out its master
   * before it can hear it). Also resolves on failure, which onError reports.
   */
  readonly ready: Promise<void>;
}

export interface CaptureOptions {
  readonly iface: string;
  readonly onPacket: (bytes: Uint8Array) => void;
  readonly onError: (e: Error) => void;
  readonly dumpcap?: string;
  /** Only frames this host receives (libpcap's `inbound`): speak must not hear its own adverts. */
  readonly inboundOnly?: boolean;
}

/** Fails at once, as bad input, when the capture tool is not there to run. */
export function assertCaptureTool(bin: string = DUMPCAP): void {
  try { accessSync(bin, constants.X_OK); } catch {
    throw new InputError(`${bin} is not installed or not executable; monitor captures with Wireshark's dumpcap (apt-get install wireshark-common)`, { file: '--interface' });
  }
}

export function openCapture(o: CaptureOptions): Capture {
  const bin = o.dumpcap ?? DUMPCAP;
  const filter = o.inboundOnly === true ? 'inbound and (ip proto 112 or ip6 proto 112)' : 'ip proto 112 or ip6 proto 112';
  const child = spawn(bin, ['-i', o.iface, '-p', '-q', '-f', filter, '-P', '-w', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const reader = pcapReader();
  let closed = false;
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { markReady = resolve; });
  child.once('exit', () => markReady());
  child.stdout.on('data', (chunk: Buffer) => {
    markReady();
    if (closed) return;
    try {
      for (const p of reader.push(chunk)) o.onPacket(p);
    } catch (e) {
      o.onError(e instanceof Error ? e : new Error(String(e)));
    }
  });
  child.stderr.on('data', (chunk: Buffer) => { stderr = `${stderr}${chunk.toString('utf8')}`.slice(-2000); });
  child.on('error', (e) => {
    if (!closed) o.onError(new InputError(`cannot run ${bin} (${(e as NodeJS.ErrnoException).code ?? e.message}); monitor captures with Wireshark's dumpcap (apt-get install wireshark-common)`));
  });
  child.on('exit', (code) => {
    if (!closed && code !== 0) o.onError(new Error(`${bin} exited ${String(code)}: ${stderr.trim().split('\n').pop() ?? ''}`));
  });
  return {
    ready,
    close: () => {
      if (closed) return;
      closed = true;
      child.kill('SIGTERM');
    },
  };
}
