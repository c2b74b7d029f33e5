// The CLI's dispatch: main(argv, io) over a table of command files, so tests drive it in-process
// and a one-command bundle (src/cli/main-run.ts) can carry only its own command's code.
// A command's action returns its exit code and may throw InputError for bad input.
import { Command, CommanderError } from 'commander';
import { InputError, formatInputError, EXIT_BAD_INPUT, EXIT_OK } from './errors.js';
import type { Io } from './io.js';
import { VERSION } from '../version.js';

export type CommandModule = (program: Command, io: Io, setExit: (code: number) => void) => void;

/** Command name -> a function importing the file that registers it. */
export type CommandTable = Readonly<Record<string, () => Promise<{ register: CommandModule }>>>;

function newProgram(io: Io): Command {
  return new Command('vrrplab')
    .description('Failover simulator and test harness for keepalived/VRRP deployments')
    .version(VERSION, '-V, --version')
    // Without this, `packet encode --version 3` is taken as the program's --version flag.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(`vrrplab: ${s.trim().replace(/^error: /, '')}\n`),
    })
    .showHelpAfterError(false);
}

/**
 * Cold start: importing every command file pulls in everything (raw sockets, netns, the
 * conformance harness) while one invocation runs one command. So when the first argument names
 * a command, only its file is imported; anything else (help, a typo) registers them all.
 */
export async function programFor(commandModules: CommandTable, argv: readonly string[], io: Io, setExit: (code: number) => void): Promise<Command> {
  const wanted = argv[0];
  const program = newProgram(io);
  // The program answers --version itself, before any command: importing them all cost 2.5 x.
  if (wanted === '--version' || wanted === '-V') return program;
  const load = wanted === undefined || !Object.hasOwn(commandModules, wanted) ? undefined : commandModules[wanted];
  for (const l of load !== undefined ? [load] : Object.values(commandModules)) (await l()).register(program, io, setExit);
  return program;
}

export async function mainWith(commandModules: CommandTable, argv: readonly string[], io: Io): Promise<number> {
  // Commander answers `help <typo>` with the whole help on stderr; bad input gets one line.
  const helpFor = argv[0] === 'help' ? argv[1] : undefined;
  if (helpFor !== undefined && helpFor !== 'help' && !Object.hasOwn(commandModules, helpFor)) {
    io.err(`vrrplab: help: unknown command '${helpFor}'; expected one of ${Object.keys(commandModules).join(', ')}\n`);
    return EXIT_BAD_INPUT;
  }
  let exitCode = EXIT_OK;
  const setExit = (code: number): void => { exitCode = Math.max(exitCode, code); };
  const program = await programFor(commandModules, argv, io, setExit);
  try {
    await program.parseAsync(['node', 'vrrplab', ...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version land here with exit code 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    if (e instanceof InputError) {
      io.err(`vrrplab: ${formatInputError(e)}\n`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  return exitCode;
}
