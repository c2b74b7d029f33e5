// keepalived's own doc/samples, each imported alone, give skeletons that pass as written: the
// user's first `vrrplab run` on a config vrrplab imported must not report failures it made up.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { bufferIo } from '../../src/cli/io.js';

// Debian's keepalived package ships them here.
const SAMPLES = '/usr/share/doc/keepalived/samples';
const files = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.startsWith('keepalived.conf.')).sort() : [];
const why = files.length === 0 ? `no keepalived doc/samples in ${SAMPLES} (apt-get install keepalived)` : undefined;
if (why !== undefined && process.env['CI'] !== 'true') console.warn(`SKIPPING import of keepalived samples: ${why}`);
const suite = why !== undefined && process.env['CI'] !== 'true' ? describe.skip : describe;

suite('import keepalived on keepalived doc/samples', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vrrplab-samples-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the samples', () => {
    expect(why).toBeUndefined();
  });

  it.each(files)('%s: the skeleton passes as written', async (f) => {
    const out = join(dir, `${f}.yaml`);
    const imp = bufferIo(dir);
    expect(await main(['import', 'keepalived', join(SAMPLES, f), '--out', out], imp), imp.stderr()).toBe(0);
    const run = bufferIo(dir);
    expect(await main(['run', out], run), run.stdout()).toBe(0);
  });
});
