// `vrrplab packet` in-process: the documented example, both directions, and one-line exit-2
// errors for bad arguments.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/program.js';
import { bufferIo } from '../../../src/cli/io.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const CAPTURED = '45c0002800010000ff70d02e0a630001e0000012213364010001b864c00002650000000000000000';

describe('vrrplab packet encode', () => {
  it('prints the documented v2 example', async () => {
    const r = await run('packet', 'encode', '--version', '2', '--vrid', '51', '--priority', '100', '--advert-int', '1', '192.0.2.101');
    expect(r).toEqual({ code: 0, out: '213364010001b864c00002650000000000000000\n', err: '' });
  });
  it('prepends the IPv4 header with --ip, as captured from keepalived', async () => {
    const r = await run('packet', 'encode', '--vrid', '51', '--ip', '--src', '10.99.0.1', '--id', '1', '192.0.2.101');
    expect(r.out).toBe(`${CAPTURED}\n`);
  });
  it('honours --ttl, --id and --dst', async () => {
    const r = await run('packet', 'encode', '--vrid', '51', '--ip', '--src', '192.0.2.1', '--dst', '192.0.2.2', '--ttl', '64', '--id', '513', '192.0.2.101');
    expect(r.out.slice(0, 40)).toMatch(/^45c00028020100004070[0-9a-f]{4}c0000201c0000202$/);
  });
  it('v2 PASS, keepalived-truncated to 8 bytes with a warning', async () => {
    expect((await run('packet', 'encode', '--vrid', '51', '--auth-pass', 'secret', '192.0.2.101')).out).toBe('213364010101' + '7b18c0000265736563726574' + '0000\n');
    const long = await run('packet', 'encode', '--vrid', '51', '--auth-pass', 'secretsecret', '192.0.2.101');
    expect(long.code).toBe(0);
    expect(long.out.trim().slice(-16)).toBe('7365637265747365'); // "secretse"
    expect(long.err).toMatch(/truncating/);
  });
  it('v3 with a fractional interval and --src', async () => {
    const r = await run('packet', 'encode', '--version', '3', '--vrid', '51', '--priority', '200', '--advert-int', '0.5', '--src', '10.99.0.1', '192.0.2.101');
    expect(r.out).toBe('3133c80100325940c0000265\n');
  });
  it.each([
    [['--vrid', '0', '192.0.2.1'], /--vrid: VRID "0" is out of range; expected an integer 1\.\.255/],
    [['--vrid', '256', '192.0.2.1'], /--vrid: .*1\.\.255/],
    [['--vrid', '5', '--priority', '256', '192.0.2.1'], /--priority: .*0\.\.255/],
    [['--vrid', '5', '192.0.2.300'], /VIP: "192\.0\.2\.300" is not an IP address/],
    [['--vrid', '5', '--advert-int', '0.5', '192.0.2.1'], /--advert-int: .*VRRPv2; expected whole seconds/],
    [['--vrid', '5', '--version', '3', '--src', '192.0.2.1', '--advert-int', '0.005', '192.0.2.1'], /multiple of 0\.01/],
    [['--vrid', '5', '--version', '3', '192.0.2.1'], /--src: a VRRPv3 checksum covers the IPv4 source address; give --src ADDR/],
    [['--vrid', '5', '--ip', '192.0.2.1'], /--src: the IPv4 header needs a source address/],
    [['--vrid', '5', '--version', '3', '--src', '192.0.2.1', '--auth-pass', 'x'], /--auth-pass: VRRPv3 adverts carry no authentication/],
    [['--vrid', '5', '--version', '4'], /--version: .*2\.\.3/],
    [['--vrid', '5', '--ip', '--src', '192.0.2.1', '--ttl', '300'], /--ttl: /],
    [['192.0.2.1'], /required option '--vrid/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await run('packet', 'encode', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('vrrplab packet decode', () => {
  it('shows every field of a captured IPv4 packet with both checksums Good', async () => {
    const r = await run('packet', 'decode', CAPTURED);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual(expect.arrayContaining([
      'ip.tos: 0xc0', 'ip.ttl: 255', 'ip.headerChecksum: 0xd02e [Good]', 'ip.src: 10.99.0.1', 'ip.dst: 224.0.0.18',
      'vrrp.version: 2', 'vrrp.vrid: 51', 'vrrp.priority: 100', 'vrrp.advertIntField: 1 s',
      'vrrp.checksum: 0xb864 [Good]', 'vrrp.vips: 192.0.2.101', 'result: ok',
    ]));
  });
  it('text names each field by its --format json path', async () => {
    const text = await run('packet', 'decode', CAPTURED);
    const json = JSON.parse((await run('packet', 'decode', CAPTURED, '--format', 'json')).out) as Record<string, Record<string, unknown>>;
    for (const key of text.out.trim().split('\n').map((l) => l.slice(0, l.indexOf(':')))) {
      const [layer, field] = key.split('.');
      expect(field === undefined ? json[layer ?? ''] : json[layer ?? '']?.[field], key).toBeDefined();
    }
  });

  it('accepts spaced and colon-separated hex split over arguments', async () => {
    const r = await run('packet', 'decode', '21', '33:64:01', '00 01 b8 64 c0 00 02 65 00 00 00 00 00 00 00 00');
    expect(r.code).toBe(0);
    expect(r.out).toContain('vrrp.checksum: 0xb864 [Good]');
  });
  it('reports a bad checksum with the expected value and exits 1', async () => {
    const r = await run('packet', 'decode', '213364010001b865c00002650000000000000000');
    expect(r.code).toBe(1);
    expect(r.out).toContain('vrrp.checksum: 0xb865 [Bad, expected 0xb864]');
    expect(r.out).toContain('result: bad-checksum: VRRPv2 checksum 0xb865, expected 0xb864');
  });
  it('checks a bare v3 message against --src/--dst', async () => {
    const good = await run('packet', 'decode', '313364010064bd0dc0000265', '--src', '10.99.0.2');
    expect(good.code).toBe(0);
    expect(good.out).toContain('vrrp.advertIntField: 100 cs (1.00 s)');
    expect(good.out).toContain('vrrp.checksum: 0xbd0d [Good]');
    const other = await run('packet', 'decode', '313364010064bd0dc0000265', '--src', '10.99.0.2', '--dst', '192.0.2.9');
    expect(other.code).toBe(1);
    expect(other.out).toContain('[Bad, expected');
  });
  it('TTL below 255 is rejected unless --unicast', async () => {
    const ttl64 = (await run('packet', 'encode', '--vrid', '51', '--ip', '--src', '192.0.2.1', '--dst', '192.0.2.2', '--ttl', '64', '192.0.2.101')).out.trim();
    const strict = await run('packet', 'decode', ttl64);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('result: bad-ttl: TTL 64, expected 255');
    expect((await run('packet', 'decode', '--unicast', ttl64)).code).toBe(0);
  });
  it('--format json carries the same verdict and fields', async () => {
    const r = await run('packet', 'decode', '--format', 'json', CAPTURED);
    const j = JSON.parse(r.out) as {
      ip: { ttl: number; checksumStatus: { status: string } };
      vrrp: { vrid: number; vips: string[]; checksumStatus: { status: string; expected: number } };
      result: { ok: boolean; value: { advert: { advertInt: number } } };
    };
    expect(j.ip.ttl).toBe(255);
    expect(j.ip.checksumStatus.status).toBe('good');
    expect(j.vrrp).toMatchObject({ vrid: 51, vips: ['192.0.2.101'], checksumStatus: { status: 'good', expected: 0xb864 } });
    expect(j.result.ok).toBe(true);
    expect(j.result.value.advert.advertInt).toBe(1_000_000);
  });
  it.each([
    [['213'], /HEX: odd number of hex digits/],
    [['21zz'], /HEX: "z" is not a hex digit/],
    [['5000'], /HEX: first byte 0x50 starts neither an IPv4\/IPv6 header/],
    [['313364010064bd0dc0000265'], /--src: a VRRPv3 checksum covers/],
    [['313364010064bd0dc0000265', '--src', '10.99.0'], /--src: "10\.99\.0" is not an IP address/],
    [[CAPTURED, '--src', '10.99.0.1'], /--src: this is an IPv4 packet/],
    [[CAPTURED, '--format', 'xml'], /--format: unknown format "xml"/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await run('packet', 'decode', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
