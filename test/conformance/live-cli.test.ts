// The monitor's capture path in-process: it starts, captures and stops a packet capture on loopback
// (passive: nothing is sent), prints its banner and an empty table, and leaves nothing running.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { bufferIo } from '../../src/cli/io.js';
import { describePrerequisite, missingPrerequisites } from '../../src/conformance/prereq.js';
import { loadRawSocket } from '../../src/live/raw.js';

const missing = [
  ...(await missingPrerequisites(['root'])).map(describePrerequisite),
  ...(await loadRawSocket().then(() => [], (e: Error) => [e.message])),
];
const onCi = process.env['CI'] === 'true';
if (missing.length > 0 && !onCi) console.warn(`SKIPPING live CLI socket tests: missing ${missing.join(', ')}`);

describe.skipIf(missing.length > 0 && !onCi)('vrrplab monitor on a real socket', () => {
  it('has its prerequisites (fails on CI when missing)', () => {
    expect(missing, `missing ${missing.join(', ')}`).toEqual([]);
  });

  it('runs for --duration and prints its table (text)', async () => {
    const io = bufferIo();
    expect(await main(['monitor', '--interface', 'lo', '--duration', '300ms'], io)).toBe(0);
    expect(io.stdout()).toBe('monitoring VRRP on lo for 0.3s (passive: a packet capture; nothing is sent, no multicast group is joined, this host\'s own adverts are seen)\nno VRRP adverts seen\n');
    expect(io.stderr()).toBe('');
  });

  it('speaks JSON Lines with --format json', async () => {
    const io = bufferIo();
    expect(await main(['monitor', '--interface', 'lo', '--duration', '200ms', '--format', 'json'], io)).toBe(0);
    expect(io.stdout().trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([{ t: 0, type: 'start', interface: 'lo', duration: 0.2 }]);
  });
});
