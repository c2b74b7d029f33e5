// A capture of what crosses one interface in a namespace of the harness, for the conformance
// tests that check keepalived's packets on the wire: dumpcap writes a classic pcap file (-P), the
// test stops it (SIGTERM flushes the file) and reads each frame's IP packet with its timestamp.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Captured {
  /** Capture timestamp, µs (the host's real-time clock: only differences mean anything). */
  readonly t: number;
  readonly ip: Uint8Array;
}

export interface WireCapture {
  /** Resolves when dumpcap reports it is capturing. */
  readonly ready: Promise<void>;
  readonly stop: () => Promise<void>;
}

export function exited(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => { if (p.exitCode !== null || p.signalCode !== null) resolve(); else p.once('exit', () => resolve()); });
}

/** VRRP (IP protocol / next header 112) on `iface` in namespace `ns`, into `file`. */
export function captureVrrp(ns: string, iface: string, file: string): WireCapture {
  const child = spawn('ip', ['netns', 'exec', ns, 'dumpcap', '-i', iface, '-f', 'ip proto 112 or ip6 proto 112', '-P', '-w', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ready = new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => { err += d.toString(); if (err.includes('Capturing on')) resolve(); });
    child.once('exit', () => reject(new Error(`dumpcap ended before capturing: ${err}`)));
  });
  return { ready, stop: async () => { child.kill('SIGTERM'); await exited(child); } };
}

/** Ethernet frames' IP payloads with their timestamps, from a classic little-endian pcap file. */
export function readPcap(file: string): Captured[] {
  const f = readFileSync(file);
  const out: Captured[] = [];
  for (let o = 24; o + 16 <= f.length;) {
    const len = f.readUInt32LE(o + 8);
    if (o + 16 + len > f.length) break;
    out.push({ t: f.readUInt32LE(o) * 1_000_000 + f.readUInt32LE(o + 4), ip: new Uint8Array(f.subarray(o + 16 + 14, o + 16 + len)) });
    o += 16 + len;
  }
  return out;
}
