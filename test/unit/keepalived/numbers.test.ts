// Numbers as keepalived 2.2.7 reads them (lib/parser.c readers, the handlers' words and effects).
import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../../src/keepalived/parse.js';
import { readNumber } from '../../../src/keepalived/numbers.js';
import { buildRouterConfig } from '../../../src/model/build.js';
import type { KeepalivedConfig } from '../../../src/model/types.js';

const inst = (body: string): string => `vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n${body}\n virtual_ipaddress {\n  192.0.2.100\n }\n}\n`;
const script = (body: string): string => `vrrp_script chk {\n script /bin/true\n${body}\n}\n`;
const errors = (text: string): string[] => parseKeepalivedConf(text, 'k.conf').warnings.filter((w) => w.severity === 'error').map((w) => w.message);
const config = (text: string): KeepalivedConfig => parseKeepalivedConf(text, 'k.conf').config;
/** The named fields of `o`, absent ones as undefined. */
const pick = (o: object | undefined, fields: object): Record<string, unknown> =>
  Object.fromEntries(Object.keys(fields).map((k) => [k, (o as Record<string, unknown> | undefined)?.[k]]));

describe('the readers of lib/parser.c', () => {
  it.each([
    // text, reader, min, max, ignoreError -> accepted, value, words
    ['150', 'unsigned', 1, 255, false, true, 150, []],
    ["'150'", 'unsigned', 1, 255, false, false, 0, ["invalid number ''150''"]],
    ['-5', 'unsigned', 0, 255, true, false, 4294967291, ["negative number '-5'"]],
    ['99999999999', 'unsigned', 1, 255, false, false, 1215752191, ["number '99999999999' outside unsigned integer range"]],
    ['+7', 'unsigned', 1, 255, false, true, 7, []],
    // the running daemon keeps the number before the junk when ignore_error is set and it is in range
    ['5x', 'unsigned', 1, 100, true, true, 5, ["invalid number '5x'"]],
    ['5x', 'unsigned', 1, 100, false, false, 5, ["invalid number '5x'"]],
    ['300', 'unsigned', 1, 255, false, false, 300, ["number '300' outside range [1, 255]"]],
    ['4', 'int', 2, 3, true, false, 4, ["number '4' outside range [2, 3]"]],
    ['abc', 'int', -253, 253, true, true, 0, ["invalid number 'abc'"]],
    ['3000000000', 'int', -253, 253, true, false, -1294967296, ["number '3000000000' outside integer range"]],
    ['abc', 'decimal', 10_000, 255_000_000, true, false, 0, ["invalid number 'abc'"]],
    ['1.5s', 'decimal', 10_000, 255_000_000, true, false, 15, ["invalid number '1.5s'"]],
    ['1.0000005', 'decimal', 10_000, 255_000_000, true, true, 1_000_001, ["number '1.0000005' has too many decimal places"]],
    ['-1', 'decimal', 0, 1_000_000_000, true, false, 0, ["negative number '-1'"]],
    ['0.001', 'decimal', 10_000, 255_000_000, true, false, 1000, ["number '0.001' outside range [0.010000, 255.000000]"]],
  ] as const)('%s as %s [%d, %d] ignore_error=%s', (text, reader, min, max, ignoreError, accepted, value, words) => {
    const r = readNumber(text, { reader, min, max, ignoreError });
    expect({ accepted: r.accepted, value: r.value, words: r.words }).toEqual({ accepted, value, words });
  });
});

describe('numeric keywords: keepalived\'s words, and the value it goes on with', () => {
  it.each([
    [' priority -5', ["negative number '-5'", '(VI_1) Priority not valid! must be between 1 & 255. Using default 100'], { priority: 100 }],
    [' state MASTER\n priority x', ["invalid number 'x'", '(VI_1) Priority not valid! must be between 1 & 255. Using default 100'], { priority: 100 }],
    [' advert_int abc', ["invalid number 'abc'", '(VI_1) Advert interval (abc) not valid! Must be > 0 - ignoring'], { advertInt: undefined }],
    [' advert_int 2\n advert_int 1.5s', ["invalid number '1.5s'", '(VI_1) Advert interval (1.5s) not valid! Must be > 0 - ignoring'], { advertInt: 2 }],
    [' version 4', ["number '4' outside range [2, 3]", '(VI_1): Version must be either 2 or 3'], { version: undefined }],
    // the decimal reader keeps what strtoull read of the digits, in microseconds, when it is in range
    [' preempt_delay x', ["invalid number 'x'"], { preemptDelay: 0 }],
    [' preempt_delay 5x', ["invalid number '5x'"], { preemptDelay: 0.000005 }],
    [' preempt_delay 5\n preempt_delay -1', ["negative number '-1'", '(VI_1) Preempt_delay not valid! must be between 0-1000'], { preemptDelay: 0 }],
    [' unicast_ttl -1', ["negative number '-1'", "(VI_1): TTL '-1' not valid - must be between 0 & 255"], { unicastTtl: undefined }],
    [' garp_master_repeat -1', ["negative number '-1'", "(VI_1): garp_master_repeat '-1' invalid - ignoring"], { garpMasterRepeat: undefined }],
    [' garp_master_refresh x', ["invalid number 'x'"], { garpMasterRefresh: 0 }],
    [' garp_master_refresh 5000000000', ["number '5000000000' outside unsigned integer range", "(VI_1): Invalid garp_master_refresh '5000000000' - ignoring"], { garpMasterRefresh: 0 }],
    [' garp_master_delay 3x', ["invalid number '3x'"], { garpMasterDelay: 3 }],
    [' down_timer_adverts 5x', ["invalid number '5x'"], { downTimerAdverts: 5 }],
    [' down_timer_adverts 500x', ["invalid number '500x'", "(VI_1): Invalid down_timer_adverts [1:100] '500x'"], { downTimerAdverts: undefined }],
  ])('%s', (body, words, fields) => {
    const text = inst(body);
    expect(errors(text)).toEqual(words);
    expect(pick(config(text).instances[0], fields)).toEqual(fields);
  });

  it('a priority out of range is still buildRouterConfig\'s to report, in keepalived\'s words', () => {
    const r = parseKeepalivedConf(inst(' priority 300'), 'k.conf');
    expect(r.warnings).toEqual([]);
    const built = buildRouterConfig({ name: 'a', interfaces: [], keepalived: r.config }, r.positions);
    expect(built.config.instances[0]?.priority).toBe(100);
    expect(built.warnings.map((w) => w.message)).toContain('(VI_1) Priority not valid! must be between 1 & 255. Using default 100');
  });

  it('advert_int out of range: the reader\'s words and the handler\'s, and the default interval', () => {
    const r = parseKeepalivedConf(inst(' advert_int 300'), 'k.conf');
    const built = buildRouterConfig({ name: 'a', interfaces: [], keepalived: r.config }, r.positions);
    expect(built.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([
      "number '300' outside range [0.010000, 255.000000]", '(VI_1) Advert interval (300) not valid! Must be > 0 - ignoring',
    ]));
    expect(built.config.instances[0]?.advertInt).toBe(1_000_000);
  });

  it('every range the builder reports starts with the reader\'s words, as keepalived -t prints them', () => {
    const r = parseKeepalivedConf(inst(' down_timer_adverts 500\n preempt_delay 2000\n unicast_ttl 300\n track_interface {\n  eth1 weight 300\n }'), 'k.conf');
    const built = buildRouterConfig({ name: 'a', interfaces: [], keepalived: r.config }, r.positions);
    expect(built.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([
      "number '500' outside range [1, 100]", "(VI_1): Invalid down_timer_adverts [1:100] '500'",
      "number '2000' outside range [0.000000, 1000.000000]", '(VI_1) Preempt_delay not valid! must be between 0-1000',
      "number '300' outside range [0, 255]", "(VI_1): TTL '300' not valid - must be between 0 & 255",
      "number '300' outside range [-254, 254]", '(VI_1) weight 300 for eth1 must be between [-253..253] inclusive. Ignoring...',
    ]));
  });

  it.each([
    [' weight abc', ["invalid number 'abc'"], { weight: 0 }],
    [' weight 300x', ["invalid number '300x'", 'vrrp_script chk weight 300x must be in [-253, 253]'], { weight: 300 }],
    [' rise x', ["invalid number 'x'", "(chk): vrrp script rise value 'x' invalid, defaulting to 1"], { rise: 1 }],
    [' fall -2', ["negative number '-2'", "(chk): vrrp script fall value '-2' invalid, defaulting to 1"], { fall: 1 }],
    [' interval 2\n interval -1', ["negative number '-1'", "(chk): vrrp script interval '-1' must be between 1 and 4294 - ignoring"], { interval: 2 }],
    [' timeout -1', ["negative number '-1'", "(chk): vrrp script timeout '-1' invalid - ignoring"], { timeout: undefined }],
  ])('vrrp_script%s', (body, words, fields) => {
    expect(errors(script(body))).toEqual(words);
    expect(pick(config(script(body)).scripts[0], fields)).toEqual(fields);
  });

  it('track weights: an interface keeps weight 0, a script its own weight', () => {
    const text = `${script(' weight 10')}${inst(' track_interface {\n  eth1 weight 300x\n }\n track_script {\n  chk weight 300y\n }')}`;
    expect(errors(text)).toEqual([
      "invalid number '300x'", '(VI_1) weight 300x for eth1 must be between [-253..253] inclusive. Ignoring...',
      "invalid number '300y'", '(VI_1) track script chk: weight must be between [-253..253] inclusive, ignoring...',
    ]);
    const i = config(text).instances[0];
    expect(i?.trackInterface).toEqual([{ name: 'eth1', weight: 0 }]);
    expect(i?.trackScript).toEqual([{ name: 'chk' }]);
  });

  it('global_defs: vrrp_version, vrrp_startup_delay and the garp defaults', () => {
    const text = 'global_defs {\n vrrp_version 4\n vrrp_startup_delay abc\n vrrp_garp_master_repeat -1\n vrrp_garp_master_refresh x\n}\n';
    expect(errors(text)).toEqual([
      "number '4' outside range [2, 3]", 'VRRP Error: Version must be either 2 or 3',
      "invalid number 'abc'", "vrrp_startup_delay 'abc' is invalid",
      "negative number '-1'", "vrrp_garp_master_repeat '-1' invalid - ignoring",
      "invalid number 'x'",
    ]);
    expect(config(text).globalDefs).toEqual({ vrrpGarpMasterRefresh: 0 });
  });

  it('a word the running daemon reads though keepalived -t refuses it is said so', () => {
    const r = parseKeepalivedConf(inst(' garp_master_refresh x'), 'k.conf');
    expect(r.warnings.map((w) => `${w.pos?.line}:${w.pos?.col}: ${w.severity}: ${w.message}`)).toEqual([
      "4:22: error: invalid number 'x'",
      "4:22: warning: vrrplab: keepalived -t refuses 'x' ((VI_1): Invalid garp_master_refresh 'x' - ignoring), but the running daemon reads it as 0 and goes on",
    ]);
  });

  it('unicast_peer min_ttl that keepalived cannot read leaves the option unset', () => {
    const text = inst(' unicast_src_ip 192.0.2.1\n unicast_peer {\n  192.0.2.2 min_ttl x max_ttl 64\n }');
    expect(errors(text)).toEqual(["invalid number 'x'"]);
    expect(config(text).instances[0]?.unicastPeer).toEqual([{ address: '192.0.2.2', maxTtl: 64 }]);
  });
});
