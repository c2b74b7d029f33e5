// The model is faithful: rendering a model and parsing the text back gives the same model
// (plus the script-security keywords the renderer adds so keepalived -t passes).
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseKeepalivedConf } from '../../src/keepalived/parse.js';
import { renderKeepalivedConf } from '../../src/keepalived/render.js';
import { withScriptSecurity } from '../../src/keepalived/security.js';
import { anyKeepalivedConfig, cleanKeepalivedConfig } from './arbitraries-keepalived.js';

describe('keepalived.conf round trip', () => {
  test.prop([anyKeepalivedConfig], { numRuns: 300 })('parse(render(m)) equals m', (m) => {
    const text = renderKeepalivedConf(m);
    const back = parseKeepalivedConf(text, 'rendered.conf');
    expect(back.config).toEqual(withScriptSecurity(m));
  });

  test.prop([anyKeepalivedConfig], { numRuns: 100 })('rendering is deterministic and a fixed point', (m) => {
    const text = renderKeepalivedConf(m);
    expect(renderKeepalivedConf(parseKeepalivedConf(text, 'r.conf').config)).toBe(text);
  });

  test.prop([cleanKeepalivedConfig], { numRuns: 100 })('clean models parse back without any warning', (m) => {
    const back = parseKeepalivedConf(renderKeepalivedConf(m), 'clean.conf');
    expect(back.warnings).toEqual([]);
    expect(back.config).toEqual(withScriptSecurity(m));
  });
});
