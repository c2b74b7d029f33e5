// Reading the ipfailover input of a command: a file (command line, env file or Deployment,
// detected) or the command line itself via --args.
import { readInputText } from './read-input.js';
import { resolve } from 'node:path';
import { InputError } from './errors.js';
import type { Io } from './io.js';
import { parseIpfailoverCommand } from '../ipfailover/parse-cli.js';
import { parseIpfailoverInput } from '../ipfailover/parse.js';
import type { ParsedIpfailover } from '../ipfailover/spec.js';

export function readIpfailoverFile(path: string, io: Io): ParsedIpfailover {
  let text: string;
  try {
    text = readInputText(resolve(io.cwd, path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError(`cannot read ipfailover input (${code}); expected a readable file`, { file: path });
  }
  return parseIpfailoverInput(text, path);
}

export function readIpfailoverInput(input: string | undefined, args: string | undefined, io: Io): ParsedIpfailover {
  if (args !== undefined && input !== undefined) throw new InputError('give INPUT or --args, not both', { file: '--args' });
  if (args !== undefined) return parseIpfailoverCommand(args, '--args');
  if (input === undefined) throw new InputError('missing INPUT; expected a file (oc adm ipfailover command, OPENSHIFT_HA_* env or Deployment YAML) or --args', { file: 'render ipfailover' });
  return readIpfailoverFile(input, io);
}
