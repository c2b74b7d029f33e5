// keepalived accepts any non-blank byte in a name, ESC included: a keepalived.conf from elsewhere
// must not be able to drive the terminal of whoever runs vrrplab on it. Every text output shows
// such names escaped, as error lines do; and explore, like run, says what it does not simulate.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';
import { pairDir } from '../../support/pair-dir.js';

const ESC = '\u001b';
const dir = (): string => pairDir('vrrplab-ctl-', {
  duration: '30s',
  instance: `V${ESC}[31mI_1`,
  extraA: `  track_interface {\n    e${ESC}]0;owned${ESC}\\th9\n  }\n`,
});

describe('names from keepalived.conf reach no terminal raw', () => {
  const cases: readonly (readonly string[])[] = [
    ['run', 'pair.yaml'],
    ['explore', 'pair.yaml', '--runs', '20', '--seed', '7', '--faults', 'crash', '--allow-total-outage', '--out', 'ce.yaml'],
    ['availability', 'pair.yaml', '--runs', '2', '--years', '0.0001'],
    ['check-config', 'pair.yaml'],
  ];
  for (const args of cases) {
    it(`vrrplab ${args[0]}`, async () => {
      const io = bufferIo(dir());
      await main(args, io);
      const all = io.stdout() + io.stderr();
      // The tracked interface the host lacks is a warning every command shows, escaped.
      expect(all, all).toContain('e\\x1b]0;owned\\x1b\\th9');
      expect(all).not.toContain(ESC);
    });
  }

  it('JSON outputs hold the names exactly, with C1 controls (U+009B is CSI) as \\u escapes', async () => {
    // a's unicast_peer leaves b out: a lint finding that names the instance.
    const d = pairDir('vrrplab-ctl-', { instance: 'V\u009b31mI_1', extraA: '  unicast_peer {\n    192.0.2.9\n  }\n' });
    for (const args of [['run', 'pair.yaml', '--format', 'json'], ['lint', 'a.conf', 'b.conf', '--format', 'json']]) {
      const io = bufferIo(d);
      await main(args, io);
      expect(io.stdout(), args.join(' ')).toContain('V\\u009b31mI_1');
      expect(io.stdout()).not.toContain('\u009b');
    }
  });

  it('explore names the instance in its findings, escaped', async () => {
    const io = bufferIo(dir());
    expect(await main(cases[1]!, io)).toBe(1);
    expect(io.stdout()).toContain('V\\x1b[31mI_1');
    expect(io.stdout()).not.toContain(ESC);
  });
});
