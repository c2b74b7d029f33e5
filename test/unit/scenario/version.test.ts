import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../../src/version.js';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

describe('vrrplab --version', () => {
  it("reports package.json's version", async () => {
    const io = bufferIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.stdout()).toBe(`${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
