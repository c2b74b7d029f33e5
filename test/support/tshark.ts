// What the Wireshark tests share, for IPv4 and IPv6 alike: whether tshark is here (a loud skip
// outside CI, a failure under CI=true), its dissection of frames we write as a pcap, and a
// capture of what the real keepalived 2.2.7 sends on a veth pair between two namespaces.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import { pcapFile, type Linktype } from '../../src/vrrp/pcap.js';
import { ip, KEEPALIVED } from './keepalived-ns.js';
import { exited, readPcap } from './wire-capture.js';

export const haveTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
const onCi = process.env['CI'] === 'true';

/** `describe`, or a loud `describe.skip` outside CI when `missing` is not empty. */
export function toolSuite(missing: readonly string[], what: string): typeof describe | typeof describe.skip {
  const skip = missing.length > 0 && !onCi;
  if (skip) console.warn(`SKIPPING ${what}: missing ${missing.join(', ')}`);
  return skip ? describe.skip : describe;
}

/** What the codec-vs-dissector tests lack here ([] or ['tshark (apt-get install tshark)']). */
export const tsharkMissing: readonly string[] = haveTshark ? [] : ['tshark (apt-get install tshark)'];

/**
 * A dissector for one test file: tshark's `-T fields` rows (tab-split) for `frames` written as a
 * pcap of `linktype`, frame i stamped at i s + 250 µs, in a directory removed after the file.
 */
export function dissector(prefix: string, fields: readonly string[]): (frames: readonly Uint8Array[], linktype: Linktype, name: string) => string[][] {
  const dir = haveTshark ? mkdtempSync(join(tmpdir(), prefix)) : '';
  afterAll(() => { if (dir !== '') rmSync(dir, { recursive: true, force: true }); });
  return (frames, linktype, name) => {
    const file = join(dir, name);
    writeFileSync(file, pcapFile(frames.map((frame, i) => ({ timeUs: 1_000_000 * i + 250, frame })), linktype));
    const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=/t', ...fields.flatMap((f) => ['-e', f])],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
    return out.trimEnd().split('\n').map((l) => l.split('\t'));
  };
}

/** Copies of `packets` with the byte at `offset` flipped in its lowest bit. */
export function flipByte(packets: readonly Uint8Array[], offset: number): Uint8Array[] {
  return packets.map((p) => {
    const q = Uint8Array.from(p);
    q[offset] = (q[offset] ?? 0) ^ 0x01;
    return q;
  });
}

/** What a keepalived capture needs and this host lacks, in words. */
export async function captureMissing(): Promise<string[]> {
  const base = await missingPrerequisites(['root', 'ip', 'keepalived']);
  return [...base.map(describePrerequisite), ...(haveTshark ? [] : ['tshark'])];
}

export interface CaptureSetup {
  /** Names the namespaces `<tag>-a`/`-b` and the veth ends `<tag>a`/`<tag>b`. */
  readonly tag: string;
  /** keepalived.conf for the daemon in `<tag>-a`. */
  readonly conf: string;
  /** tshark's capture filter, e.g. `ip proto 112`. */
  readonly filter: string;
  /** Addresses the two veth ends and sets them up. */
  readonly link: (ns: string, dev: string, side: 'a' | 'b') => void;
  /** The capture ends after this many packets, however long a loaded host takes to send them... */
  readonly packets: number;
  /** ...or after this many seconds. */
  readonly seconds: number;
}

/**
 * Starts tshark in `<tag>-b`, then keepalived in `<tag>-a`, until `packets` are captured or
 * `seconds` pass; the IP packets keepalived sent. Namespaces and files are gone when it returns
 * or throws.
 */
export async function captureKeepalived(s: CaptureSetup): Promise<Uint8Array[]> {
  const nsA = `${s.tag}-a`;
  const nsB = `${s.tag}-b`;
  const teardown = (): void => {
    for (const ns of [nsA, nsB]) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  };
  const dir = mkdtempSync(join(tmpdir(), `${s.tag}-`));
  let keepalived: ChildProcess | undefined;
  try {
    teardown();
    ip('netns', 'add', nsA);
    ip('netns', 'add', nsB);
    ip('link', 'add', `${s.tag}a`, 'netns', nsA, 'type', 'veth', 'peer', 'name', `${s.tag}b`, 'netns', nsB);
    s.link(nsA, `${s.tag}a`, 'a');
    s.link(nsB, `${s.tag}b`, 'b');
    writeFileSync(join(dir, 'keepalived.conf'), s.conf);

    const cap = join(dir, 'cap.pcap');
    const tshark = spawn('ip', ['netns', 'exec', nsB, 'tshark', '-i', `${s.tag}b`, '-f', s.filter, '-c', String(s.packets), '-a', `duration:${s.seconds}`, '-F', 'pcap', '-w', cap], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      tshark.stderr?.on('data', (d: Buffer) => { err += d.toString(); if (err.includes('Capturing on')) resolve(); });
      tshark.once('exit', () => reject(new Error(`tshark ended before capturing: ${err}`)));
    });
    keepalived = spawn('ip', ['netns', 'exec', nsA, KEEPALIVED, '-n', '-l', '-D', '-P', '-f', join(dir, 'keepalived.conf'),
      '-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid'), '-c', join(dir, 'c.pid')], { stdio: 'ignore' });
    await exited(tshark);
    return readPcap(cap).map((c) => c.ip);
  } finally {
    if (keepalived !== undefined) {
      keepalived.kill('SIGTERM');
      await exited(keepalived);
    }
    teardown();
    rmSync(dir, { recursive: true, force: true });
  }
}
