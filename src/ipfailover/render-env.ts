// The pod environment as a KEY=VALUE file (values raw, as `oc set env --list` prints them). With
// an era, a first comment line says which generation's env set it is.
import { eraEnv, eraHeader, type OpenshiftEra } from './era.js';
import { ipfailoverEnv } from './env.js';
import type { IpfailoverSpec, SpecPositions } from './spec.js';
import { assertNoInjection } from './inject.js';
import { InputError } from '../cli/errors.js';

export function renderIpfailoverEnv(spec: IpfailoverSpec, positions?: SpecPositions, era?: OpenshiftEra): string {
  assertNoInjection(spec, positions);
  const entries = era === undefined ? ipfailoverEnv(spec) : eraEnv(ipfailoverEnv(spec), era);
  return `${era === undefined ? '' : `${eraHeader(era)}\n`}${entries.map(([k, v]) => {
    // A newline in a value would start another KEY=VALUE line of the file.
    if (/[\n\r\0]/.test(v)) throw new InputError(`${k}: a newline or NUL in the value would start another line of the env file; expected a one-line value`, { file: '<env>' });
    return `${k}=${v}\n`;
  }).join('')}`;
}
