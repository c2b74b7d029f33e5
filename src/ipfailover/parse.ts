// One entry point for any ipfailover input: a command line, an env file or a Deployment YAML.
import { InputError } from '../cli/errors.js';
import { parseIpfailoverCommand } from './parse-cli.js';
import { parseIpfailoverDeployment } from './parse-deployment.js';
import { parseIpfailoverEnv } from './parse-env.js';
import type { ParsedIpfailover } from './spec.js';

export type IpfailoverInputKind = 'cli' | 'env' | 'deployment';

export function detectIpfailoverInput(text: string): IpfailoverInputKind | undefined {
  const meaningful = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const first = meaningful[0] ?? '';
  if (/^(\$\s+)?(sudo\s+)?(oc\s+adm|oadm|openshift\s+(admin|ex))\s+ipfailover\b/.test(first)) return 'cli';
  if (/^kind:\s*(Deployment|DeploymentConfig|List)\b/m.test(text) || /^apiVersion:/m.test(text)) return 'deployment';
  // An env file that opens with an OPENSHIFT_HA_* line is one even with a junk line further
  // down: the env parser then names that line, instead of 'not an ipfailover input' at 1:1.
  if (/^(export\s+)?OPENSHIFT_HA_[A-Za-z0-9_]*=/.test(first)) return 'env';
  if (meaningful.length > 0 && meaningful.every((l) => /^(export\s+)?[A-Za-z_][A-Za-z0-9_]*=/.test(l))) return 'env';
  return undefined;
}

export function parseIpfailoverInput(text: string, file: string): ParsedIpfailover {
  switch (detectIpfailoverInput(text)) {
    case 'cli': return parseIpfailoverCommand(text, file);
    case 'deployment': return parseIpfailoverDeployment(text, file);
    case 'env': return parseIpfailoverEnv(text, file);
    default:
      throw new InputError('not an ipfailover input; expected an `oc adm ipfailover ...` / `oadm ipfailover ...` command, OPENSHIFT_HA_* KEY=VALUE lines, or a Deployment YAML', { file, line: 1, col: 1 });
  }
}
