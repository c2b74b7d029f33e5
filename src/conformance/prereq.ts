// What a real run needs from the host; the CLI reports the first missing piece in one line and
// the tests fail on CI / skip loudly elsewhere.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export type Prerequisite = 'root' | 'ip' | 'keepalived' | 'nft' | 'tc';

const WHY: Record<Prerequisite, string> = {
  root: 'root privileges (network namespaces, keepalived)',
  ip: 'iproute2 (`ip`)',
  keepalived: 'keepalived 2.2.7 (`keepalived`)',
  nft: 'nftables (`nft`) for partitions and multicast blocking',
  tc: 'tc (iproute2) for loss and latency',
};

export function describePrerequisite(p: Prerequisite): string {
  return WHY[p];
}

async function onPath(cmd: string): Promise<boolean> {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).concat(['/usr/sbin', '/sbin']);
  for (const d of dirs) {
    if (d === '') continue;
    try {
      await access(join(d, cmd), constants.X_OK);
      return true;
    } catch {
      // try the next directory
    }
  }
  return false;
}

export async function missingPrerequisites(needed: readonly Prerequisite[]): Promise<Prerequisite[]> {
  const missing: Prerequisite[] = [];
  for (const p of needed) {
    const ok = p === 'root' ? process.getuid?.() === 0 : await onPath(p);
    if (!ok) missing.push(p);
  }
  return missing;
}
